using System.Text;
using System.Text.Json;
using OciTui.Registry.Text;

namespace OciTui.Registry.Profiles;

/// <summary>
/// Says what is wrong with a JSON configuration file, and on which line, when the configuration provider refused it
/// without one (it reports "Could not parse the JSON file.", a top level that is no object, or a duplicate key, all
/// without a position). Reads the file as the provider does: comments skipped, trailing commas allowed, keys compared
/// ignoring case, a duplicate being a setting (a leaf) given twice.
/// </summary>
internal static class JsonFaultLocator
{
    /// <summary>The problem as the end of a sentence (for <see cref="Errors.ProfileException"/>), or null when the file reads cleanly.</summary>
    public static string? Describe(ReadOnlySpan<byte> json)
    {
        if (json.StartsWith("\uFEFF"u8)) json = json[3..];
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new List<string>();
        var containers = new Stack<Container>();
        // Every setting seen, by its path as the provider flattens it ("profiles:x:registry"), in its first spelling.
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            while (reader.Read())
            {
                if (containers.Count == 0 && reader.TokenType != JsonTokenType.StartObject)
                    return $"the top level must be a JSON object, not {Kind(reader.TokenType)} (line {Line(json, reader.TokenStartIndex)}).";
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    path.Add(reader.GetString()!);
                    continue;
                }
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    // The provider keeps an empty object or array as a setting of its own.
                    if (containers.Pop().Children == 0 && path.Count > 0) settings.TryAdd(string.Join('.', path), string.Join('.', path));
                    EndValue(path, containers);
                    continue;
                }
                if (containers.TryPeek(out Container? parent))
                {
                    if (parent.IsArray) path.Add(parent.Children.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    parent.Children++;
                }
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    containers.Push(new Container(reader.TokenType == JsonTokenType.StartArray));
                    continue;
                }
                string key = string.Join('.', path);
                if (settings.TryGetValue(key, out string? first))
                {
                    string twice = first == key ? "is given twice" : $"is given twice, as \"{TerminalText.Sanitize(first, 120)}\" too: keys ignore case";
                    return $"the key \"{TerminalText.Sanitize(key, 120)}\" {twice} (line {Line(json, reader.TokenStartIndex)}).";
                }
                settings[key] = key;
                EndValue(path, containers);
            }
        }
        catch (JsonException e)
        {
            return $"not valid JSON (line {(e.LineNumber ?? 0) + 1}).";
        }
        return null;
    }

    private sealed class Container(bool isArray)
    {
        public bool IsArray { get; } = isArray;
        public int Children { get; set; }
    }

    /// <summary>A value ended: drop its name (the property's, or its index in the array) from the path.</summary>
    private static void EndValue(List<string> path, Stack<Container> containers)
    {
        if (containers.Count > 0 && path.Count > 0) path.RemoveAt(path.Count - 1);
    }

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "true or false",
        _ => "null",
    };

    private static int Line(ReadOnlySpan<byte> json, long index) => json[..(int)index].Count((byte)'\n') + 1;
}
