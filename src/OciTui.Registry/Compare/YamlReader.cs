using System.Text;
using OciTui.Registry.Text;
using SharpYaml;

namespace OciTui.Registry.Compare;

/// <summary>A YAML file read for comparing: its first document (helm reads only that one), or why it could not be read.</summary>
public sealed record YamlReadResult(YamlValue? Value, string? Problem, int DocumentCount)
{
    public bool Parsed => Value is not null;

    /// <summary>The first key a map gives twice and its line (helm reads the last value), or null: worth a note, not a refusal.</summary>
    public (string Key, int Line)? RepeatedKey { get; init; }

    /// <summary>The file's top-level keys and their text, when it was read by them: what a read of another version reuses.</summary>
    internal YamlBlocks? Blocks { get; init; }
}

/// <summary>
/// Reads YAML with SharpYaml's event parser (reflection-free, so clean under Native AOT) into a
/// <see cref="YamlValue"/> tree, resolving aliases and <c>&lt;&lt;</c> merge keys as helm does.
/// </summary>
/// <remarks>
/// The tree is built from the parser's events (<see cref="YamlEventLog"/>), not through a representation model that
/// keeps a node per event with its marks, tag and style (a 5 MiB values file took over 1 GiB and seconds to load and copy).
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

    private const char ByteOrderMark = '\uFEFF';

    /// <summary>
    /// A values file from its bytes. A large one is read by its top-level keys (<see cref="YamlBlocks"/>): on every core,
    /// and, given the other version's read (<paramref name="alike"/>), reusing the keys whose text did not change. A file
    /// that does not split soundly, or whose parts do not read cleanly, is read whole: the result, and any error, is
    /// always what <see cref="Read(string?)"/> gives for the same text.
    /// </summary>
    public static YamlReadResult Read(byte[] utf8, YamlReadResult? alike = null) =>
        YamlBlocks.TryRead(utf8, alike?.Blocks) ?? Read(Encoding.UTF8.GetString(utf8));

    public static YamlReadResult Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new YamlReadResult(new YamlMap([]), null, 0);
        // A byte order mark is not content: helm's reader (go-yaml) skips it; SharpYaml, given a string, reads it as a character.
        if (text[0] == ByteOrderMark) text = text[1..];
        YamlEventLog? log = null;
        YamlValue? first;
        TreeBuilder builder;
        try
        {
            log = YamlEventLog.Record(text);
            builder = new TreeBuilder(text, log);
            first = builder.Build();
        }
        catch (YamlException e)
        {
            return new YamlReadResult(null, $"it is not valid YAML ({TerminalText.Sanitize(Reason(e), 160)})", 0);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // The scanner throws these, not a YamlException, on some malformed input.
            return new YamlReadResult(null, "it is not valid YAML", 0);
        }
        catch (YamlLimitException e)
        {
            return new YamlReadResult(null, e.Message, log?.Documents ?? 0);
        }
        if (first is not { } value) return new YamlReadResult(new YamlMap([]), null, 0);
        // An empty or comment-only document is no values at all, as helm reads it.
        if (value is YamlScalar { Kind: ScalarKind.Null }) value = new YamlMap([]);
        return new YamlReadResult(value, null, log.Documents) { RepeatedKey = builder.Repeated is var (key, at) ? (key, at.Line + 1) : null };
    }

    /// <summary>What <see cref="YamlBlocks"/> needs of top-level keys read together: the map, where each key starts (a character offset) and what each value expands to.</summary>
    internal sealed record TopLevel(YamlMap Map, List<int> KeyOffsets, List<long> ValueSizes);

    /// <summary>
    /// A text that is one document holding one plain top-level map, read with where its keys start; null for anything
    /// else (invalid, refused, several documents, anchors or aliases, a merge key, a key given twice), which only a read
    /// of the whole file can judge.
    /// </summary>
    internal static TopLevel? ReadTopLevel(string text)
    {
        try
        {
            YamlEventLog log = YamlEventLog.Record(text);
            if (log.Documents != 1 || log.HasAnchors) return null;
            var builder = new TreeBuilder(text, log);
            return builder.Build() is YamlMap map && builder.Repeated is null && !builder.RootMerged && builder.RootKeyOffsets.Count == map.Entries.Count
                ? new TopLevel(map, builder.RootKeyOffsets, builder.RootValueSizes)
                : null;
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException or YamlLimitException)
        {
            return null;
        }
    }

    /// <summary>Where and why, counting lines from 1: the parser counts from 0 and puts both marks before its message.</summary>
    private static string Reason(YamlException e)
    {
        string message = e.Message.Split('\n')[0];
        int marks = message.IndexOf("): ", StringComparison.Ordinal);
        return $"line {e.Start.Line + 1}: {(marks >= 0 ? message[(marks + 3)..] : message)}";
    }

    /// <summary>
    /// Builds the first document's value from its recorded events with an explicit stack (no recursion: the recording
    /// refused a nesting deeper than <see cref="MaxDepth"/>, and nothing here walks the tree by recursion).
    /// </summary>
    private sealed class TreeBuilder(string source, YamlEventLog log)
    {
        /// <summary>Plain scalars up to this length are shared: keys and common values repeat throughout a values file.</summary>
        private const int PooledLength = 64;

        /// <summary>At most this many distinct scalars are shared, so a file of unique values does not also fill the pool.</summary>
        private const int PoolSize = 1 << 16;

        private readonly Stack<Collection> _open = new();

        // Builders of finished collections, reused: a values file has a few nesting levels but thousands of maps.
        private readonly Stack<Collection> _free = new();
        private readonly Dictionary<string, (YamlValue Value, long Size)> _anchors = new(StringComparer.Ordinal);
        private readonly Dictionary<string, YamlScalar> _plain = new(StringComparer.Ordinal);
        private YamlValue? _first;

        /// <summary>The first key (by line) that a map of the document gives twice.</summary>
        public (string Key, Mark At)? Repeated { get; private set; }

        /// <summary>Where each key of the top-level map starts, as a character offset, in order.</summary>
        public List<int> RootKeyOffsets { get; } = [];

        /// <summary>What each value of the top-level map expands to (<see cref="Collection.Size"/>), in order.</summary>
        public List<long> RootValueSizes { get; } = [];

        /// <summary>Whether the top-level map has a merge key (its entries then are not its keys one for one).</summary>
        public bool RootMerged { get; private set; }

        public YamlValue? Build()
        {
            foreach (YamlEvent e in log.Events)
            {
                YamlEventExtra? extra = log.ExtraOf(e);
                switch (e.Kind)
                {
                    case YamlEventKind.Scalar:
                        Remember(extra?.Anchor, Scalar(e, extra?.Tag), 1, e.Mark, IsMergeKey(e, extra?.Tag));
                        break;
                    case YamlEventKind.Alias:
                        string name = extra!.Text!;
                        if (!_anchors.TryGetValue(name, out var anchored))
                            throw new YamlException(e.Mark, e.Mark, $"The alias *{name} names no anchor before it");
                        Add(anchored.Value, anchored.Size, e.Mark, mergeKey: false);
                        break;
                    case YamlEventKind.MapStart or YamlEventKind.ListStart:
                        Open(extra?.Anchor, e.Mark, e.Kind == YamlEventKind.MapStart);
                        break;
                    case YamlEventKind.End:
                        Collection done = _open.Pop();
                        (string? anchor, Mark start, long size) = (done.Anchor, done.Start, done.Size);
                        YamlValue built = done.Build();
                        if (done.Repeated is { } repeated && (Repeated is not { } known || repeated.At.Line < known.At.Line)) Repeated = repeated;
                        _free.Push(done);
                        Remember(anchor, built, size, start, mergeKey: false);
                        break;
                }
            }
            return _first;
        }

        private void Open(string? anchor, Mark start, bool isMap)
        {
            Collection collection = _free.Count > 0 ? _free.Pop() : new Collection();
            collection.Begin(anchor, start, isMap);
            _open.Push(collection);
        }

        private void Remember(string? anchor, YamlValue value, long size, Mark at, bool mergeKey)
        {
            // A later anchor of the same name replaces the earlier one for the aliases after it (YAML 1.2, 3.2.2.2).
            if (anchor is not null) _anchors[anchor] = (value, size);
            Add(value, size, at, mergeKey);
        }

        /// <summary>A finished value: the document's root, or the next key, value or item of the innermost open collection.</summary>
        private void Add(YamlValue value, long size, Mark at, bool mergeKey)
        {
            if (_open.Count == 0)
            {
                _first = value;
                return;
            }
            Collection innermost = _open.Peek();
            if (_open.Count == 1 && innermost.IsMap)
            {
                if (innermost.AwaitingValue) RootValueSizes.Add(size);
                else
                {
                    RootKeyOffsets.Add(at.Index);
                    RootMerged |= mergeKey;
                }
            }
            innermost.Add(value, size, at, mergeKey);
        }

        /// <summary>The merge key as go-yaml knows it: a plain <c>&lt;&lt;</c> (or one tagged <c>!!merge</c>); a quoted one is an ordinary key.</summary>
        private bool IsMergeKey(in YamlEvent scalar, string? tag) =>
            log.TextOf(source, scalar) is "<<" && (tag is null ? IsPlain(scalar) : tag == "tag:yaml.org,2002:merge");

        private static bool IsPlain(in YamlEvent scalar) => scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;

        /// <summary>The scalar typed; plain untagged ones that repeat are one shared value (their text is the source's).</summary>
        private YamlScalar Scalar(in YamlEvent scalar, string? tag)
        {
            ReadOnlySpan<char> text = log.TextOf(source, scalar);
            if (tag is not null || !IsPlain(scalar) || text.Length > PooledLength) return TypedScalar(text.ToString(), tag, IsPlain(scalar));
            var pooled = _plain.GetAlternateLookup<ReadOnlySpan<char>>();
            if (pooled.TryGetValue(text, out YamlScalar? known)) return known;
            YamlScalar typed = YamlScalar.FromPlain(text.ToString());
            if (_plain.Count < PoolSize) _plain[typed.Text] = typed;
            return typed;
        }

        /// <summary>A scalar typed as helm (go-yaml, YAML 1.1) types it: by its tag, else plain ones by their text, quoted ones as strings.</summary>
        private static YamlScalar TypedScalar(string text, string? tag, bool plain) => tag switch
        {
            "tag:yaml.org,2002:str" => new YamlScalar(ScalarKind.String, text),
            "tag:yaml.org,2002:null" => new YamlScalar(ScalarKind.Null, text),
            "tag:yaml.org,2002:bool" => new YamlScalar(ScalarKind.Boolean, text),
            "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" => new YamlScalar(ScalarKind.Number, text),
            _ when plain => YamlScalar.FromPlain(text),
            _ => new YamlScalar(ScalarKind.String, text),
        };
    }

    /// <summary>
    /// A map or list being read. A map takes keys and values in turn; a plain <c>&lt;&lt;</c> key merges the map (or
    /// the maps of a list) that follows it (https://yaml.org/type/merge.html): keys written in the map win over merged
    /// ones, and of several merged maps the earlier wins.
    /// </summary>
    private sealed class Collection
    {
        /// <summary>Small maps look for a repeated key by scanning; larger ones keep an index.</summary>
        private const int ScannedKeys = 8;

        private readonly List<KeyValuePair<string, YamlValue>> _entries = [];
        private readonly List<YamlValue> _items = [];
        private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal);
        private bool _keysIndexed;
        private List<(int Position, YamlMap Map)>? _merges;
        private string? _key;
        private Mark? _keyAt;
        private bool _mergeKey;
        private bool _awaitingValue;
        private Mark _start;

        public string? Anchor { get; private set; }

        public Mark Start => _start;

        public bool IsMap { get; private set; }

        /// <summary>A map that has its next key and waits for the value.</summary>
        public bool AwaitingValue => _awaitingValue;

        /// <summary>Nodes this collection expands to, itself included, aliases counted in full.</summary>
        public long Size { get; private set; } = 1;

        /// <summary>Begins a new map or list with this builder (a reused one starts empty).</summary>
        public void Begin(string? anchor, Mark start, bool isMap)
        {
            Anchor = anchor;
            _start = start;
            IsMap = isMap;
            Size = 1;
            _entries.Clear();
            _items.Clear();
            if (_keysIndexed) _keys.Clear();
            _keysIndexed = false;
            _merges = null;
            _key = null;
            _keyAt = null;
            _mergeKey = false;
            _awaitingValue = false;
            Repeated = null;
        }

        /// <summary>The first key this map gives twice, where helm reads the last, and its line; null when none.</summary>
        public (string Key, Mark At)? Repeated { get; private set; }

        public void Add(YamlValue value, long size, Mark at, bool mergeKey)
        {
            if (IsMap && !_awaitingValue)
            {
                // helm reads values as JSON does: a key is a string, a number or a boolean, never null, a map or a list.
                if (value is YamlMap or YamlList) throw new YamlException(at, at, "A map or list as a key (helm cannot read it)");
                if (value is YamlScalar { Kind: ScalarKind.Null }) throw new YamlException(at, at, "An empty or null key (helm cannot read it)");
                _mergeKey = mergeKey;
                _key = KeyText(value);
                _keyAt = at;
                _awaitingValue = true;
                return;
            }
            Size += size;
            if (Size > MaxExpandedNodes) throw new YamlLimitException($"its aliases expand to more than {MaxExpandedNodes:N0} nodes");
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
            // A key given twice: helm (go-yaml v2 into a map) keeps the last value, in the place of the first.
            int earlier = IndexOf(_key!);
            if (earlier >= 0)
            {
                _entries[earlier] = new(_key!, value);
                Repeated ??= (_key!, _keyAt ?? _start);
                return;
            }
            if (_keysIndexed) _keys[_key!] = _entries.Count;
            _entries.Add(new(_key!, value));
            if (!_keysIndexed && _entries.Count > ScannedKeys)
            {
                for (int i = 0; i < _entries.Count; i++) _keys[_entries[i].Key] = i;
                _keysIndexed = true;
            }
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
                    throw new YamlException(_start, at, "A merge key (<<) needs a map or a list of maps");
            }
        }

        private int IndexOf(string key)
        {
            if (_keysIndexed) return _keys.GetValueOrDefault(key, -1);
            for (int i = 0; i < _entries.Count; i++)
                if (_entries[i].Key == key) return i;
            return -1;
        }

        /// <summary>The finished map or list, in an array of its exact size (the builder's lists are kept for the next one).</summary>
        public YamlValue Build()
        {
            if (!IsMap) return new YamlList(_items.ToArray());
            if (_merges is null) return new YamlMap(_entries.ToArray());
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

        private static string KeyText(YamlValue key) => ((YamlScalar)key).Text;
    }
}

/// <summary>A document refused for its size once aliases are expanded, or for its depth: the message is the reason.</summary>
internal sealed class YamlLimitException(string message) : Exception(message);
