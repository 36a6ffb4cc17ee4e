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
    public static IReadOnlyList<ValueChange> Compare(YamlValue from, YamlValue to)
    {
        var walker = new Walker();
        walker.Walk(from, to);
        return walker.Changes;
    }

    /// <summary>
    /// Walks two trees side by side. The key path is kept as a stack of parts and written out only for a change: two
    /// 5 MiB values files have 600,000 leaves each and most of them are the same, so building every leaf's path as text
    /// was most of the comparison's time.
    /// </summary>
    private sealed class Walker
    {
        private readonly List<PathPart> _path = [];

        public List<ValueChange> Changes { get; } = [];

        public void Walk(YamlValue? from, YamlValue? to)
        {
            switch (from, to)
            {
                case (YamlMap a, YamlMap b) when a.Entries.Count > 0 || b.Entries.Count > 0:
                    foreach ((string key, YamlValue value) in a.Entries) Under(PathPart.Key(key), value, b.Find(key));
                    foreach ((string key, YamlValue value) in b.Entries)
                        if (a.Find(key) is null) Under(PathPart.Key(key), null, value);
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
                    Changes.Add(new ValueChange(PathText(), ChangeKind.Changed, a, b));
                    return;
                default:
                    // A side missing, or a map or list on one side and something else on the other: every leaf goes and comes.
                    if (from is not null) Leaves(from, ChangeKind.Removed);
                    if (to is not null) Leaves(to, ChangeKind.Added);
                    return;
            }
        }

        private void Under(PathPart part, YamlValue? from, YamlValue? to)
        {
            _path.Add(part);
            Walk(from, to);
            _path.RemoveAt(_path.Count - 1);
        }

        private void WalkList(YamlList a, YamlList b)
        {
            if (NamesOf(a) is { } namesA && NamesOf(b) is { } namesB)
            {
                var indexB = new Dictionary<string, int>(namesB.Count, StringComparer.Ordinal);
                for (int j = 0; j < namesB.Count; j++) indexB[namesB[j]] = j;
                var seenA = new HashSet<string>(namesA, StringComparer.Ordinal);
                for (int i = 0; i < a.Items.Count; i++)
                    Under(PathPart.Named(namesA[i]), a.Items[i], indexB.TryGetValue(namesA[i], out int j) ? b.Items[j] : null);
                for (int j = 0; j < b.Items.Count; j++)
                    if (!seenA.Contains(namesB[j])) Under(PathPart.Named(namesB[j]), null, b.Items[j]);
                return;
            }
            for (int i = 0; i < Math.Max(a.Items.Count, b.Items.Count); i++)
                Under(PathPart.At(i), i < a.Items.Count ? a.Items[i] : null, i < b.Items.Count ? b.Items[i] : null);
        }

        private void Leaves(YamlValue value, ChangeKind change)
        {
            switch (value)
            {
                case YamlMap { Entries.Count: > 0 } map:
                    foreach ((string key, YamlValue child) in map.Entries) Down(PathPart.Key(key), child, change);
                    break;
                case YamlList { Items.Count: > 0 } list:
                    for (int i = 0; i < list.Items.Count; i++) Down(PathPart.At(i), list.Items[i], change);
                    break;
                default:
                    Changes.Add(change == ChangeKind.Removed ? new ValueChange(PathText(), change, value, null) : new ValueChange(PathText(), change, null, value));
                    break;
            }
        }

        private void Down(PathPart part, YamlValue value, ChangeKind change)
        {
            _path.Add(part);
            Leaves(value, change);
            _path.RemoveAt(_path.Count - 1);
        }

        private string PathText()
        {
            var text = new StringBuilder();
            foreach (PathPart part in _path)
            {
                if (part.Index is int index) text.Append('[').Append(index).Append(']');
                else if (part.IsName) text.Append("[name=").Append(Quote(part.Text!)).Append(']');
                else text.Append(text.Length == 0 ? "" : ".").Append(KeyPart(part.Text!));
            }
            return text.ToString();
        }
    }

    /// <summary>One step of a key path: a map key, a list index, or a list item by its <c>name</c>.</summary>
    private readonly record struct PathPart(string? Text, int? Index, bool IsName)
    {
        public static PathPart Key(string key) => new(key, null, false);

        public static PathPart At(int index) => new(null, index, false);

        public static PathPart Named(string name) => new(name, null, true);
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

    private static string KeyPart(string key) => key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? key : Quote(key);

    private static string Quote(string text)
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
