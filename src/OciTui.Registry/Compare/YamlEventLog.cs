using SharpYaml;
using SharpYaml.Events;

namespace OciTui.Registry.Compare;

/// <summary>What a recorded parser event opens, closes or is.</summary>
internal enum YamlEventKind : byte
{
    Scalar,
    Alias,
    MapStart,
    ListStart,
    End,
}

/// <summary>
/// One parser event of the first document, kept small: a scalar's text is a slice of the source (<see cref="Offset"/>,
/// <see cref="Length"/>) wherever the source holds it as it is; anchors, tags, alias names and texts the source does not
/// hold as they are (escapes, folded lines) are in <see cref="YamlEventLog.Extras"/> at <see cref="Extra"/>.
/// </summary>
internal readonly record struct YamlEvent(YamlEventKind Kind, ScalarStyle Style, int Line, int Column, int Offset, int Length, int Extra)
{
    public const int None = -1;

    public Mark Mark => new(Offset, Line, Column);
}

/// <summary>An event's anchor, tag, alias name or text that is not a slice of the source; null where it has none.</summary>
internal sealed record YamlEventExtra(string? Anchor, string? Tag, string? Text);

/// <summary>
/// The first document's events from SharpYaml's parser, recorded as values, and the number of documents (the later
/// ones are parsed through, so their syntax is checked, but not kept).
/// </summary>
/// <remarks>
/// The tree is built from this log after the parse, not while parsing, for the garbage collector: the parser allocates
/// an event and a string per node, and the tree's nodes made between them came out of the parse scattered among
/// short-lived objects, which each collection then had to copy out one by one (measured: 5 MiB of values took 0.3 s to
/// parse and 0.3 s more in collections). Built after the parse, the tree is allocated in one run and its scalars'
/// strings come from the source text, not from the parser.
/// </remarks>
internal sealed class YamlEventLog
{
    private YamlEventLog(int capacity) => Events = new List<YamlEvent>(capacity);

    public List<YamlEvent> Events { get; }

    public List<YamlEventExtra> Extras { get; } = [];

    public int Documents { get; private set; }

    /// <summary>Whether the first document has an anchor or an alias: its values may then depend on text outside them.</summary>
    public bool HasAnchors { get; private set; }

    /// <summary>Records the first document's events; a nesting deeper than <see cref="YamlReader.MaxDepth"/> is refused while reading.</summary>
    public static YamlEventLog Record(string text)
    {
        // Values files run to about one event per seven characters: sized once for that, not grown (and copied) twenty times.
        var log = new YamlEventLog(Math.Min(text.Length / 6, 4_000_000));
        // The parser's own depth limit is one above ours, so ours is the one that speaks.
        var parser = new Parser<SourceText>(new SourceText(text), YamlReader.MaxDepth + 1);
        int depth = 0;
        // Anchors are the document's own (YAML 1.2, 3.2.2.2): an alias in a later document to an anchor of the first is an error to helm.
        var laterAnchors = new HashSet<string>(StringComparer.Ordinal);
        while (parser.MoveNext())
        {
            // helm reads only the first document: the others are only read through.
            if (log.Documents > 0)
            {
                switch (parser.Current)
                {
                    case DocumentEnd:
                        log.Documents++;
                        laterAnchors.Clear();
                        break;
                    case NodeEvent { Anchor: { } anchor }:
                        laterAnchors.Add(anchor);
                        break;
                    case AnchorAlias alias when !laterAnchors.Contains(alias.Value):
                        throw new YamlException(alias.Start, alias.End, $"The alias *{alias.Value} names no anchor before it in its document");
                }
                continue;
            }
            switch (parser.Current)
            {
                case DocumentEnd:
                    log.Documents++;
                    break;
                case Scalar scalar:
                    log.AddScalar(text, scalar);
                    break;
                case AnchorAlias alias:
                    log.HasAnchors = true;
                    log.Add(YamlEventKind.Alias, alias.Start, new YamlEventExtra(null, null, alias.Value));
                    break;
                case MappingStart map:
                    if (++depth > YamlReader.MaxDepth) throw new YamlLimitException($"it nests maps and lists more than {YamlReader.MaxDepth:N0} deep");
                    log.Add(YamlEventKind.MapStart, map.Start, ExtraOf(map.Anchor, map.Tag, null));
                    break;
                case SequenceStart sequence:
                    if (++depth > YamlReader.MaxDepth) throw new YamlLimitException($"it nests maps and lists more than {YamlReader.MaxDepth:N0} deep");
                    log.Add(YamlEventKind.ListStart, sequence.Start, ExtraOf(sequence.Anchor, sequence.Tag, null));
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    log.Add(YamlEventKind.End, parser.Current.Start, null);
                    break;
            }
        }
        return log;
    }

    /// <summary>A scalar's text: the source's own characters where they are the value (plain, or quoted without escapes), else the parser's string.</summary>
    public ReadOnlySpan<char> TextOf(string source, in YamlEvent scalar) =>
        scalar.Length >= 0 ? source.AsSpan(scalar.Offset, scalar.Length) : Extras[scalar.Extra].Text;

    public YamlEventExtra? ExtraOf(in YamlEvent e) => e.Extra == YamlEvent.None ? null : Extras[e.Extra];

    private void AddScalar(string source, Scalar scalar)
    {
        string value = scalar.Value;
        int offset = SliceOf(source, value, scalar.Start.Index, scalar.End.Index);
        int index = Keep(ExtraOf(scalar.Anchor, scalar.Tag, offset < 0 ? value : null));
        Events.Add(new YamlEvent(YamlEventKind.Scalar, scalar.Style, scalar.Start.Line, scalar.Start.Column, Math.Max(offset, 0), offset < 0 ? -1 : value.Length, index));
    }

    /// <summary>Where the source holds the value as it is: between the scalar's marks, or inside its quotes; -1 when it does not.</summary>
    private static int SliceOf(string source, string value, int start, int end)
    {
        foreach (int offset in (ReadOnlySpan<int>)[start, start + 1])
        {
            if (offset < 0 || offset + value.Length > Math.Min(end, source.Length)) continue;
            if (source.AsSpan(offset, value.Length).SequenceEqual(value) && (offset == start ? end - start == value.Length : end - start == value.Length + 2))
                return offset;
        }
        return -1;
    }

    private static YamlEventExtra? ExtraOf(string? anchor, string? tag, string? text) =>
        anchor is null && tag is null && text is null ? null : new YamlEventExtra(anchor, tag, text);

    /// <summary>Keeps an event's extra, noting an anchor, and gives its index (<see cref="YamlEvent.None"/> for none).</summary>
    private int Keep(YamlEventExtra? extra)
    {
        if (extra is null) return YamlEvent.None;
        HasAnchors |= extra.Anchor is not null;
        Extras.Add(extra);
        return Extras.Count - 1;
    }

    private void Add(YamlEventKind kind, Mark at, YamlEventExtra? extra)
    {
        int index = Keep(extra);
        Events.Add(new YamlEvent(kind, ScalarStyle.Any, at.Line, at.Column, at.Index, 0, index));
    }
}

/// <summary>
/// The source as the parser's look-ahead buffer: the string itself (the library's own path for a StringReader copies
/// the whole text first).
/// </summary>
internal sealed class SourceText(string text) : ILookAheadBuffer
{
    private int _position;

    public bool EndOfInput => _position >= text.Length;

    /// <summary>The character <paramref name="offset"/> ahead, or NUL past the end (as the scanner expects).</summary>
    public char Peek(int offset)
    {
        int index = _position + offset;
        return (uint)index < (uint)text.Length ? text[index] : '\0';
    }

    public void Skip(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _position += length;
    }

    /// <summary>Nothing to read ahead: the whole source is in memory.</summary>
    public void Cache(int length)
    {
    }
}
