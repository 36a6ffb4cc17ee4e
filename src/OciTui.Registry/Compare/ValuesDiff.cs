using System.Text;

namespace OciTui.Registry.Compare;

public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One leaf that differs: its key path and its old and new value (null where the side has no such key).</summary>
public sealed record ValueChange(string Path, ChangeKind Change, YamlValue? From, YamlValue? To);

/// <summary>
/// The structural difference of two YAML trees, one entry per leaf (a scalar, an empty map or an empty list): key
/// order and comments do not matter; lists compare by index, or by their items' <c>name</c> where every item on both
/// sides has a distinct one (containers, env, ports), so an inserted item is one addition, not a cascade.
/// </summary>
public static class ValuesDiff
{
    /// <summary>Top-level maps with this many keys are walked in parts, on every core.</summary>
    private const int KeysPerPart = 500;

    public static IReadOnlyList<ValueChange> Compare(YamlValue from, YamlValue to)
    {
        if (from is YamlMap a && to is YamlMap b && a.Entries.Count >= 2 * KeysPerPart && !ReferenceEquals(a, b)) return CompareInParts(a, b);
        var walker = new Walker();
        walker.Walk(from, to);
        return walker.Changes;
    }

    /// <summary>
    /// Two large top-level maps (a 5 MiB values file has thousands of keys, and when every one changed the walk took
    /// 110 ms of one core) walked in parts of their keys at once, the parts' changes joined in the order one walk gives.
    /// </summary>
    private static List<ValueChange> CompareInParts(YamlMap a, YamlMap b)
    {
        int parts = (a.Entries.Count + KeysPerPart - 1) / KeysPerPart;
        var changes = new List<ValueChange>[parts + 1];
        Parallel.For(0, parts + 1, part =>
        {
            var walker = new Walker();
            if (part < parts)
            {
                for (int i = part * KeysPerPart; i < Math.Min(a.Entries.Count, (part + 1) * KeysPerPart); i++)
                    walker.UnderKey(a.Entries[i].Key, a.Entries[i].Value, b.Find(a.Entries[i].Key));
            }
            else
            {
                // The last part: the keys only the new version has, after all of the old version's, as Walk orders them.
                for (int j = 0; j < b.Entries.Count; j++)
                    if (a.Find(b.Entries[j].Key) is null) walker.UnderKey(b.Entries[j].Key, null, b.Entries[j].Value);
            }
            changes[part] = walker.Changes;
        });
        var all = new List<ValueChange>(changes.Sum(c => c.Count));
        foreach (List<ValueChange> part in changes) all.AddRange(part);
        return all;
    }

    /// <summary>Walks two trees side by side; the key path is written out only for a change (most leaves are the same).</summary>
    private sealed class Walker
    {
        private readonly KeyPath _path = new();

        public List<ValueChange> Changes { get; } = [];

        public void Walk(YamlValue? from, YamlValue? to)
        {
            // One value in both trees: a top-level key whose text two versions share is read once (YamlBlocks).
            if (ReferenceEquals(from, to)) return;
            switch (from, to)
            {
                case (YamlMap a, YamlMap b) when a.Entries.Count > 0 || b.Entries.Count > 0:
                    // By index: foreach over the IReadOnlyList interface allocates an enumerator per map.
                    for (int i = 0; i < a.Entries.Count; i++) UnderKey(a.Entries[i].Key, a.Entries[i].Value, b.Find(a.Entries[i].Key));
                    for (int j = 0; j < b.Entries.Count; j++)
                        if (a.Find(b.Entries[j].Key) is null) UnderKey(b.Entries[j].Key, null, b.Entries[j].Value);
                    return;
                case (YamlList a, YamlList b) when a.Items.Count > 0 || b.Items.Count > 0:
                    WalkList(a, b);
                    return;
                case (YamlScalar a, YamlScalar b) when a.SameAs(b):
                case (YamlMap, YamlMap):
                case (YamlList, YamlList):
                case (null, null):
                    return;
                case (YamlScalar a, YamlScalar b):
                    Changes.Add(new ValueChange(_path.ToString(), ChangeKind.Changed, a, b));
                    return;
                default:
                    // A side missing, or a map or list on one side and something else on the other: every leaf goes and comes.
                    if (from is not null) Leaves(from, ChangeKind.Removed);
                    if (to is not null) Leaves(to, ChangeKind.Added);
                    return;
            }
        }

        public void UnderKey(string key, YamlValue? from, YamlValue? to)
        {
            _path.PushKey(key);
            Walk(from, to);
            _path.Pop();
        }

        private void UnderIndex(int index, YamlValue? from, YamlValue? to)
        {
            _path.PushIndex(index);
            Walk(from, to);
            _path.Pop();
        }

        private void UnderName(string name, YamlValue? from, YamlValue? to)
        {
            _path.PushName(name);
            Walk(from, to);
            _path.Pop();
        }

        private void WalkList(YamlList a, YamlList b)
        {
            if (NamesOf(a) is { } namesA && NamesOf(b) is { } namesB)
            {
                var indexB = new Dictionary<string, int>(namesB.Count, StringComparer.Ordinal);
                for (int j = 0; j < namesB.Count; j++) indexB[namesB[j]] = j;
                var seenA = new HashSet<string>(namesA, StringComparer.Ordinal);
                for (int i = 0; i < a.Items.Count; i++)
                    UnderName(namesA[i], a.Items[i], indexB.TryGetValue(namesA[i], out int j) ? b.Items[j] : null);
                for (int j = 0; j < b.Items.Count; j++)
                    if (!seenA.Contains(namesB[j])) UnderName(namesB[j], null, b.Items[j]);
                return;
            }
            for (int i = 0; i < Math.Max(a.Items.Count, b.Items.Count); i++)
                UnderIndex(i, i < a.Items.Count ? a.Items[i] : null, i < b.Items.Count ? b.Items[i] : null);
        }

        private void Leaves(YamlValue value, ChangeKind change)
        {
            switch (value)
            {
                case YamlMap { Entries.Count: > 0 } map:
                    foreach ((string key, YamlValue child) in map.Entries)
                    {
                        _path.PushKey(key);
                        Leaves(child, change);
                        _path.Pop();
                    }
                    break;
                case YamlList { Items.Count: > 0 } list:
                    for (int i = 0; i < list.Items.Count; i++)
                    {
                        _path.PushIndex(i);
                        Leaves(list.Items[i], change);
                        _path.Pop();
                    }
                    break;
                default:
                    Changes.Add(change == ChangeKind.Removed ? new ValueChange(_path.ToString(), change, value, null) : new ValueChange(_path.ToString(), change, null, value));
                    break;
            }
        }
    }

    /// <summary>Each item's <c>name</c>, when every item is a map with a distinct scalar one; else null.</summary>
    private static List<string>? NamesOf(YamlList list)
    {
        var names = new List<string>(list.Items.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (YamlValue item in list.Items)
        {
            if (item is not YamlMap map || map.Find("name") is not YamlScalar { Kind: not ScalarKind.Null } name || !seen.Add(name.Text)) return null;
            names.Add(name.Text);
        }
        return names;
    }

    /// <summary>Calls <paramref name="leaf"/> for every leaf under <paramref name="value"/>.</summary>
    public static void Leaves(string path, YamlValue value, Action<string, YamlValue> leaf)
    {
        switch (value)
        {
            case YamlMap { Entries.Count: > 0 } map:
                foreach ((string key, YamlValue child) in map.Entries) Leaves(Join(path, key), child, leaf);
                break;
            case YamlList { Items.Count: > 0 } list:
                for (int i = 0; i < list.Items.Count; i++) Leaves($"{path}[{i}]", list.Items[i], leaf);
                break;
            default:
                leaf(path, value);
                break;
        }
    }

    /// <summary><c>a.b</c>; a key that is not a plain word (<c>example.com/role</c>, <c>a b</c>, empty) is quoted: <c>a."example.com/role"</c>.</summary>
    public static string Join(string path, string key)
    {
        string part = KeyPart(key);
        return path.Length == 0 ? part : $"{path}.{part}";
    }

    internal static string KeyPart(string key) => key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? key : Quote(key);

    internal static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (char c in text) quoted.Append(c is '"' or '\\' ? $"\\{c}" : c.ToString());
        return quoted.Append('"').ToString();
    }

    /// <summary>A value as one line: a string that would read back as another type is quoted (<c>"1"</c>, <c>"true"</c>).</summary>
    public static string Format(YamlValue? value) => value switch
    {
        null => "absent",
        YamlScalar { Kind: ScalarKind.String } s => YamlScalar.FromPlain(s.Text).Kind != ScalarKind.String || s.Text.Length == 0 || s.Text != s.Text.Trim() || s.Text.Contains('\n')
            ? Quote(s.Text.Replace("\n", "\\n", StringComparison.Ordinal))
            : s.Text,
        YamlScalar s => s.Text is "" or "~" ? "null" : s.Text,
        YamlMap => "{}",
        YamlList => "[]",
        _ => "?",
    };
}
