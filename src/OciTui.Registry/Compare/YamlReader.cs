using OciTui.Registry.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace OciTui.Registry.Compare;

/// <summary>A YAML file read for comparing: its first document (helm reads only that one), or why it could not be read.</summary>
public sealed record YamlReadResult(YamlValue? Value, string? Problem, int DocumentCount)
{
    public bool Parsed => Value is not null;
}

/// <summary>
/// Reads YAML with YamlDotNet's event parser (reflection-free, so clean under Native AOT) straight into a
/// <see cref="YamlValue"/> tree, resolving aliases and <c>&lt;&lt;</c> merge keys as helm does.
/// </summary>
/// <remarks>
/// The tree is built from the parser's events, not through YamlDotNet's representation model: that model keeps a
/// node per event with its marks, tag and style (a 5 MiB values file took over 1 GiB and seconds to load and copy).
/// An alias is the anchored value itself, shared, not a copy; what it would expand to is counted instead
/// (<see cref="MaxExpandedNodes"/>), so a "billion laughs" file is refused in the time it takes to read it.
/// </remarks>
public static class YamlReader
{
    /// <summary>
    /// Nodes the first document expands to, aliases counted each time they are used: a few aliases of aliases expand
    /// to billions of nodes ("billion laughs"); past this the file is refused instead of walked.
    /// </summary>
    public const int MaxExpandedNodes = 2_000_000;

    /// <summary>
    /// Maps and lists inside each other deeper than this are refused: the comparison walks the tree recursively, and
    /// no values file nests anywhere near this (a file of 20,000 opening brackets overflowed the stack).
    /// </summary>
    public const int MaxDepth = 1_000;

    public static YamlReadResult Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new YamlReadResult(new YamlMap([]), null, 0);
        var builder = new TreeBuilder(new Parser(new StringReader(text)));
        try
        {
            builder.ReadStream();
        }
        catch (YamlException e)
        {
            return new YamlReadResult(null, $"it is not valid YAML ({TerminalText.Sanitize(FirstLine(e), 160)})", 0);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these, not a YamlException, on some malformed input (an unclosed flow sequence).
            return new YamlReadResult(null, "it is not valid YAML", 0);
        }
        catch (ExpansionLimitException e)
        {
            return new YamlReadResult(null, e.Message, builder.Documents);
        }
        if (builder.First is not { } value) return new YamlReadResult(new YamlMap([]), null, 0);
        // An empty or comment-only document is no values at all, as helm reads it.
        if (value is YamlScalar { Kind: ScalarKind.Null }) value = new YamlMap([]);
        return new YamlReadResult(value, null, builder.Documents);
    }

    private static string FirstLine(YamlException e) => $"line {e.Start.Line}: {e.Message.Split('\n')[0]}";

    /// <summary>A document refused for its size once aliases are expanded, or for its depth: the message is the reason.</summary>
    private sealed class ExpansionLimitException(string message) : Exception(message);

    /// <summary>
    /// Builds the first document's value from the parser's events with an explicit stack (no recursion, so no depth
    /// overflows the call stack) and counts the documents.
    /// </summary>
    private sealed class TreeBuilder(IParser parser)
    {
        private readonly Stack<Collection> _open = new();
        private readonly Dictionary<string, (YamlValue Value, long Size)> _anchors = new(StringComparer.Ordinal);

        public YamlValue? First { get; private set; }

        public int Documents { get; private set; }

        public void ReadStream()
        {
            while (parser.MoveNext())
            {
                // helm reads only the first document: the others are only read through (the parser checks their syntax).
                if (Documents > 0)
                {
                    if (parser.Current is DocumentEnd) Documents++;
                    continue;
                }
                switch (parser.Current)
                {
                    case DocumentEnd:
                        Documents++;
                        break;
                    case Scalar scalar:
                        Remember(scalar.Anchor, TypedScalar(scalar), 1, scalar.Start, IsMergeKey(scalar));
                        break;
                    case AnchorAlias alias:
                        if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                            throw new YamlException(alias.Start, alias.End, $"The alias *{alias.Value.Value} names no anchor before it");
                        Add(anchored.Value, anchored.Size, alias.Start, mergeKey: false);
                        break;
                    case MappingStart map:
                        Open(new Collection(map.Anchor, map.Start, isMap: true));
                        break;
                    case SequenceStart sequence:
                        Open(new Collection(sequence.Anchor, sequence.Start, isMap: false));
                        break;
                    case MappingEnd or SequenceEnd:
                        Collection done = _open.Pop();
                        Remember(done.Anchor, done.Build(), done.Size, done.Start, mergeKey: false);
                        break;
                }
            }
        }

        private void Open(Collection collection)
        {
            if (_open.Count >= MaxDepth) throw new ExpansionLimitException($"it nests maps and lists more than {MaxDepth:N0} deep");
            _open.Push(collection);
        }

        private void Remember(AnchorName anchor, YamlValue value, long size, Mark at, bool mergeKey)
        {
            // A later anchor of the same name replaces the earlier one for the aliases after it (YAML 1.2, 3.2.2.2).
            if (!anchor.IsEmpty) _anchors[anchor.Value] = (value, size);
            Add(value, size, at, mergeKey);
        }

        /// <summary>A finished value: the document's root, or the next key, value or item of the innermost open collection.</summary>
        private void Add(YamlValue value, long size, Mark at, bool mergeKey)
        {
            if (_open.Count == 0) First = value;
            else _open.Peek().Add(value, size, at, mergeKey);
        }

        /// <summary>The merge key as go-yaml knows it: a plain <c>&lt;&lt;</c> (or one tagged <c>!!merge</c>); a quoted one is an ordinary key.</summary>
        private static bool IsMergeKey(Scalar scalar) =>
            scalar.Value == "<<" && (scalar.Tag.IsEmpty ? scalar.Style is ScalarStyle.Plain or ScalarStyle.Any : scalar.Tag.Value == "tag:yaml.org,2002:merge");

        /// <summary>A scalar typed as helm (go-yaml, YAML 1.1) types it: by its tag, else plain ones by their text, quoted ones as strings.</summary>
        private static YamlScalar TypedScalar(Scalar scalar)
        {
            string text = scalar.Value ?? "";
            string tag = scalar.Tag.IsEmpty ? "" : scalar.Tag.Value;
            return tag switch
            {
                "tag:yaml.org,2002:str" => new YamlScalar(ScalarKind.String, text),
                "tag:yaml.org,2002:null" => new YamlScalar(ScalarKind.Null, text),
                "tag:yaml.org,2002:bool" => new YamlScalar(ScalarKind.Boolean, text),
                "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" => new YamlScalar(ScalarKind.Number, text),
                _ when scalar.Style is ScalarStyle.Plain or ScalarStyle.Any => YamlScalar.FromPlain(text),
                _ => new YamlScalar(ScalarKind.String, text),
            };
        }
    }

    /// <summary>
    /// A map or list being read. A map takes keys and values in turn; a plain <c>&lt;&lt;</c> key merges the map (or
    /// the maps of a list) that follows it (https://yaml.org/type/merge.html): keys written in the map win over merged
    /// ones, and of several merged maps the earlier wins.
    /// </summary>
    private sealed class Collection(AnchorName anchor, Mark start, bool isMap)
    {
        /// <summary>Small maps look for a duplicate key by scanning; larger ones keep a set.</summary>
        private const int ScannedKeys = 8;

        private readonly List<KeyValuePair<string, YamlValue>> _entries = isMap ? [] : null!;
        private readonly List<YamlValue> _items = isMap ? null! : [];
        private HashSet<string>? _keys;
        private List<(int Position, YamlMap Map)>? _merges;
        private string? _key;
        private Mark? _keyAt;
        private bool _mergeKey;
        private bool _awaitingValue;

        public AnchorName Anchor => anchor;

        public Mark Start => start;

        private bool IsMap => isMap;

        /// <summary>Nodes this collection expands to, itself included, aliases counted in full.</summary>
        public long Size { get; private set; } = 1;

        public void Add(YamlValue value, long size, Mark at, bool mergeKey)
        {
            if (IsMap && !_awaitingValue)
            {
                _mergeKey = mergeKey;
                _key = KeyText(value);
                _keyAt = at;
                _awaitingValue = true;
                return;
            }
            Size += size;
            if (Size > MaxExpandedNodes) throw new ExpansionLimitException($"its aliases expand to more than {MaxExpandedNodes:N0} nodes");
            if (!IsMap)
            {
                _items.Add(value);
                return;
            }
            _awaitingValue = false;
            if (_mergeKey)
            {
                Merge(value, at);
                return;
            }
            if (!IsNewKey(_key!)) throw new YamlException(_keyAt ?? start, _keyAt ?? start, $"Duplicate key {_key}");
            _entries.Add(new(_key!, value));
        }

        private void Merge(YamlValue value, Mark at)
        {
            _merges ??= [];
            switch (value)
            {
                case YamlMap map:
                    _merges.Add((_entries.Count, map));
                    break;
                case YamlList list when list.Items.All(item => item is YamlMap):
                    foreach (YamlValue item in list.Items) _merges.Add((_entries.Count, (YamlMap)item));
                    break;
                default:
                    throw new YamlException(start, at, "A merge key (<<) needs a map or a list of maps");
            }
        }

        private bool IsNewKey(string key)
        {
            if (_keys is not null) return _keys.Add(key);
            foreach (KeyValuePair<string, YamlValue> entry in _entries)
                if (entry.Key == key) return false;
            if (_entries.Count >= ScannedKeys) _keys = new HashSet<string>(_entries.Select(e => e.Key).Append(key), StringComparer.Ordinal);
            return true;
        }

        public YamlValue Build()
        {
            if (!IsMap) return new YamlList(_items);
            if (_merges is null) return new YamlMap(_entries);
            // Merged entries go where their << was; a key written in the map, or merged before, is not merged again.
            var taken = new HashSet<string>(_entries.Select(e => e.Key), StringComparer.Ordinal);
            var entries = new List<KeyValuePair<string, YamlValue>>(_entries.Count);
            int next = 0;
            foreach ((int position, YamlMap map) in _merges)
            {
                for (; next < position; next++) entries.Add(_entries[next]);
                foreach (KeyValuePair<string, YamlValue> entry in map.Entries)
                    if (taken.Add(entry.Key)) entries.Add(entry);
            }
            for (; next < _entries.Count; next++) entries.Add(_entries[next]);
            return new YamlMap(entries);
        }

        /// <summary>A key as text; a map or list as a key (rare, and helm refuses it) is written in flow form.</summary>
        private static string KeyText(YamlValue key) => key switch
        {
            YamlScalar scalar => scalar.Text,
            YamlMap map => $"{{ {string.Join(", ", map.Entries.Select(e => $"{e.Key}: {KeyText(e.Value)}"))} }}",
            YamlList list => $"[ {string.Join(", ", list.Items.Select(KeyText))} ]",
            _ => "",
        };
    }
}
