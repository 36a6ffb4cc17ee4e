using OciTui.Registry.Errors;
using OciTui.Registry.Text;

namespace OciTui.Registry.Versions;

/// <summary>
/// What a chart version request names, read as helm v4 reads <c>--version</c>: a string that is a version in
/// Masterminds' loose sense (<c>1.2.3</c>, <c>v1.2</c>, <c>1.2.3+build</c>) is a tag, with '+' written '_' as helm
/// pushes it; anything else is a <see cref="VersionRange"/> (a bad one is a usage error).
/// https://github.com/helm/helm/blob/v4.1.4/pkg/registry/client.go (<c>ValidateReference</c>) and reference.go.
/// </summary>
public sealed class VersionRequest
{
    private VersionRequest(string? tag, VersionRange? range)
    {
        Tag = tag;
        Range = range;
    }

    /// <summary>The tag to fetch when the request is a version; null when it is a range.</summary>
    public string? Tag { get; }

    /// <summary>The range to match against the repository's tags; null when the request is a version.</summary>
    public VersionRange? Range { get; }

    public static VersionRequest Parse(string versionOrRange) =>
        SemanticVersion.TryParseLoose(versionOrRange, out _)
            ? new VersionRequest(versionOrRange.Replace('+', '_'), null)
            : new VersionRequest(null, VersionRange.Parse(versionOrRange));
}

/// <summary>
/// The one place that decides which chart version a tag list offers: the newest (what <c>helm pull</c> takes without
/// <c>--version</c>, where the TUI's cursor starts), the newest in a range, and a range's matches, newest first.
/// Like helm, only tags that are strict SemVer once '_' is read as '+' take part (<c>v2.9.8</c> does not), tried newest
/// first, equal versions in the registry's order (https://github.com/helm/helm/blob/v4.1.4/pkg/registry/tag.go).
/// </summary>
public static class ChartVersions
{
    /// <summary>How many versions a "no match" error names.</summary>
    private const int NamedInErrors = 5;

    /// <summary>
    /// The newest stable version helm lists (helm's <c>*</c>), else, where helm would find nothing, the newest stable
    /// semver tag of any form, else the newest prerelease; null when no tag is a version.
    /// </summary>
    public static string? Newest(IEnumerable<string> tags)
    {
        IReadOnlyList<SortedTag> sorted = TagSorter.Sort(tags);
        int index = IndexOfNewest(sorted);
        return index < 0 ? null : sorted[index].Tag;
    }

    /// <summary>The index in a <see cref="TagSorter.Sort"/> result of the tag <see cref="Newest"/> picks, or -1.</summary>
    public static int IndexOfNewest(IReadOnlyList<SortedTag> sorted)
    {
        int index = IndexOf(sorted, t => t.IsHelmVersion && !t.IsPrerelease);
        if (index < 0) index = IndexOf(sorted, t => t.IsSemver && !t.IsPrerelease);
        if (index < 0) index = IndexOf(sorted, t => t.IsSemver);
        return index;
    }

    private static int IndexOf(IReadOnlyList<SortedTag> sorted, Func<SortedTag, bool> wanted)
    {
        for (int i = 0; i < sorted.Count; i++)
        {
            if (wanted(sorted[i])) return i;
        }
        return -1;
    }

    /// <summary>The tags helm would try for <paramref name="range"/> that satisfy it, newest first.</summary>
    public static IReadOnlyList<string> Matching(IEnumerable<string> tags, VersionRange range) =>
        TagSorter.Sort(tags).Where(t => t.IsHelmVersion && range.IsSatisfiedBy(t.Version!)).Select(t => t.Tag).ToList();

    /// <summary>The newest tag in <paramref name="range"/>, or a <see cref="NoMatchingVersionException"/> naming the newest versions there are.</summary>
    public static string Resolve(IEnumerable<string> tags, VersionRange range)
    {
        IReadOnlyList<SortedTag> sorted = TagSorter.Sort(tags);
        if (sorted.FirstOrDefault(t => t.IsHelmVersion && range.IsSatisfiedBy(t.Version!)) is { } match) return match.Tag;
        string[] newest = sorted.Where(t => t.IsHelmVersion).Take(NamedInErrors).Select(t => TerminalText.Sanitize(t.Tag, 60)).ToArray();
        string wanted = TerminalText.Sanitize(range.Text, 80);
        throw new NoMatchingVersionException(newest.Length == 0
            ? $"No version matches '{wanted}': the repository has no tag that is a chart version."
            : $"No version matches '{wanted}'; the newest versions are {string.Join(", ", newest)}.");
    }

    /// <summary>
    /// The tag a <c>--version</c> value names: a version is its tag as it is (no listing needed, <paramref name="listTags"/>
    /// is not called), a range the newest tag in it.
    /// </summary>
    public static async Task<string> ResolveAsync(string versionOrRange, Func<Task<IReadOnlyList<string>>> listTags)
    {
        VersionRequest request = VersionRequest.Parse(versionOrRange);
        return request.Tag ?? Resolve(await listTags(), request.Range!);
    }
}
