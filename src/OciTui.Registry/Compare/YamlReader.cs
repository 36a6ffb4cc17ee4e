using OciTui.Registry.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace OciTui.Registry.Compare;

/// <summary>A YAML file read for comparing: its first document (helm reads only that one), or why it could not be read.</summary>
public sealed record YamlReadResult(YamlValue? Value, string? Problem, int DocumentCount)
{
    public bool Parsed => Value is not null;
}

/// <summary>
/// Reads YAML with YamlDotNet's representation model (reflection-free, so clean under Native AOT), resolving
/// aliases and <c>&lt;&lt;</c> merge keys as helm does, into a <see cref="YamlValue"/> tree.
/// </summary>
public static class YamlReader
{
    /// <summary>
    /// Nodes visited, aliases counted each time they are used: a few aliases of aliases expand to billions of
    /// nodes ("billion laughs"); past this the file is refused instead of exhausting memory.
    /// </summary>
    public const int MaxExpandedNodes = 2_000_000;

    /// <summary>At most one event per byte or two of a file within helm's 5 MiB per-file limit.</summary>
    private const int MaxMergingEvents = 6_000_000;

    public static YamlReadResult Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new YamlReadResult(new YamlMap([]), null, 0);
        var stream = new YamlStream();
        try
        {
            IParser parser = new Parser(new StringReader(text));
            // MergingParser buffers every event and, by default, refuses past 100,000 of them: only files with a
            // merge key need it, and those may have as many events as helm's 5 MiB file limit allows.
            if (text.Contains("<<", StringComparison.Ordinal)) parser = new MergingParser(parser, MaxMergingEvents);
            stream.Load(parser);
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
        if (stream.Documents.Count == 0) return new YamlReadResult(new YamlMap([]), null, 0);
        var budget = new Budget();
        try
        {
            YamlValue value = Convert(stream.Documents[0].RootNode, budget);
            // An empty or comment-only document is no values at all, as helm reads it.
            if (value is YamlScalar { Kind: ScalarKind.Null }) value = new YamlMap([]);
            return new YamlReadResult(value, null, stream.Documents.Count);
        }
        catch (InvalidOperationException e) when (e.Message == Budget.Exceeded)
        {
            return new YamlReadResult(null, $"its aliases expand to more than {MaxExpandedNodes:N0} nodes", stream.Documents.Count);
        }
    }

    private static string FirstLine(YamlException e) => $"line {e.Start.Line}: {e.Message.Split('\n')[0]}";

    private sealed class Budget
    {
        public const string Exceeded = "yaml-budget";
        private int _left = MaxExpandedNodes;

        public void Spend()
        {
            if (--_left < 0) throw new InvalidOperationException(Exceeded);
        }
    }

    private static YamlValue Convert(YamlNode node, Budget budget)
    {
        budget.Spend();
        switch (node)
        {
            case YamlMappingNode map:
                var entries = new List<KeyValuePair<string, YamlValue>>(map.Children.Count);
                foreach ((YamlNode key, YamlNode value) in map.Children)
                    entries.Add(new(KeyText(key), Convert(value, budget)));
                return new YamlMap(entries);
            case YamlSequenceNode sequence:
                var items = new List<YamlValue>(sequence.Children.Count);
                foreach (YamlNode item in sequence.Children) items.Add(Convert(item, budget));
                return new YamlList(items);
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new YamlException($"unexpected node {node.NodeType}");
        }
    }

    private static YamlScalar Scalar(YamlScalarNode scalar)
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

    /// <summary>A mapping key as text; a non-scalar key (rare, and helm refuses it) is shown in flow form.</summary>
    private static string KeyText(YamlNode key) => key is YamlScalarNode scalar ? scalar.Value ?? "" : key.ToString();
}
