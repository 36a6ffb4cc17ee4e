using System.Text.RegularExpressions;

namespace OciTui.Registry.Compare;

/// <summary>A container image reference in values, found at a key path: <c>redis.image</c> -> <c>docker.io/redis:7.2</c>.</summary>
public sealed record ImageReference(string Path, string Reference);

/// <summary>An image that a chart version references differently: what an air-gapped site must mirror before the upgrade.</summary>
public sealed record ImageChange(string Path, ChangeKind Change, string? From, string? To);

/// <summary>
/// Finds the images values reference, in the two usual shapes: a map with <c>repository</c> (and optional
/// <c>registry</c>, <c>tag</c>, <c>digest</c>) under a key named like <c>image</c>, and a <c>repo:tag</c> string at such a key.
/// </summary>
public static partial class ImagesDiff
{
    public static IReadOnlyList<ImageReference> Find(YamlValue values)
    {
        var found = new List<ImageReference>();
        Visit(new KeyPath(), null, values, found);
        return found;
    }

    public static IReadOnlyList<ImageChange> Compare(YamlValue from, YamlValue to)
    {
        (from, to) = WithoutShared(from, to);
        Dictionary<string, string> a = ByPath(Find(from)), b = ByPath(Find(to));
        var changes = new List<ImageChange>();
        foreach ((string path, string old) in a)
        {
            if (!b.TryGetValue(path, out string? now)) changes.Add(new ImageChange(path, ChangeKind.Removed, old, null));
            else if (old != now) changes.Add(new ImageChange(path, ChangeKind.Changed, old, now));
        }
        foreach ((string path, string now) in b)
            if (!a.ContainsKey(path)) changes.Add(new ImageChange(path, ChangeKind.Added, null, now));
        return changes;
    }

    /// <summary>
    /// The two top-level maps without the keys whose value is one object in both (read once, its text unchanged:
    /// <see cref="YamlBlocks"/>): the images under it are the same on both sides.
    /// </summary>
    private static (YamlValue From, YamlValue To) WithoutShared(YamlValue from, YamlValue to)
    {
        if (from is not YamlMap a || to is not YamlMap b) return (from, to);
        var shared = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string key, YamlValue value) in a.Entries)
            if (ReferenceEquals(b.Find(key), value)) shared.Add(key);
        if (shared.Count == 0) return (from, to);
        return (new YamlMap([.. a.Entries.Where(e => !shared.Contains(e.Key))]), new YamlMap([.. b.Entries.Where(e => !shared.Contains(e.Key))]));
    }

    private static Dictionary<string, string> ByPath(IReadOnlyList<ImageReference> images)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ImageReference image in images) result.TryAdd(image.Path, image.Reference);
        return result;
    }

    /// <summary>Looks for images under <paramref name="value"/>; the path is written out only for an image found.</summary>
    private static void Visit(KeyPath path, string? key, YamlValue value, List<ImageReference> found)
    {
        bool imageKey = key is not null && key.Contains("image", StringComparison.OrdinalIgnoreCase);
        switch (value)
        {
            case YamlMap map when imageKey && Scalar(map, "repository") is { } repository:
                string? registry = Scalar(map, "registry");
                string? tag = Scalar(map, "tag");
                string? digest = Scalar(map, "digest");
                string reference = (registry is null ? repository : $"{registry.TrimEnd('/')}/{repository}")
                    + (tag is null ? "" : $":{tag}") + (digest is null ? "" : $"@{digest}");
                found.Add(new ImageReference(path.ToString(), reference));
                break;
            case YamlMap map:
                foreach ((string k, YamlValue child) in map.Entries)
                {
                    path.PushKey(k);
                    Visit(path, k, child, found);
                    path.Pop();
                }
                break;
            case YamlList list:
                for (int i = 0; i < list.Items.Count; i++)
                {
                    path.PushIndex(i);
                    Visit(path, key, list.Items[i], found);
                    path.Pop();
                }
                break;
            case YamlScalar { Kind: ScalarKind.String } s when imageKey && ImageString().IsMatch(s.Text):
                found.Add(new ImageReference(path.ToString(), s.Text));
                break;
        }
    }

    private static string? Scalar(YamlMap map, string key) =>
        map.Find(key) is YamlScalar { Kind: not ScalarKind.Null } s && s.Text.Length > 0 ? s.Text : null;

    // [host[:port]/]path[:tag][@digest], with a tag or a digest: a bare word is too often not an image.
    [GeneratedRegex(@"^(?=.*[:@])(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:[._/-][a-z0-9]+)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$")]
    private static partial Regex ImagePattern();

    private static Regex ImageString() => ImagePattern();
}
