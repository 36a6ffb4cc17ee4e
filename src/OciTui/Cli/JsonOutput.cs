using System.Text.Encodings.Web;
using System.Text.Json;
using OciTui.Registry.Models;

namespace OciTui.Cli;

/// <summary>
/// Writes the one JSON document a <c>--json</c> command prints. The writer escapes control characters; invisible
/// formatting characters (bidi overrides and isolates, zero-width marks), which it leaves raw, are escaped here, so
/// the document a terminal shows cannot be reordered by a registry string, while a parser still reads the exact data.
/// </summary>
public static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options)) write(writer);
        output.WriteLine(EscapeInvisible(System.Text.Encoding.UTF8.GetString(buffer.ToArray())));
    }

    /// <summary>
    /// <c>\uXXXX</c> for every format character (category Cf) and line/paragraph separator. Outside strings JSON holds
    /// only ASCII, so each one sits inside a string literal, where the escape means the same character.
    /// </summary>
    public static string EscapeInvisible(string json)
    {
        if (!json.EnumerateRunes().Any(IsInvisible)) return json;
        var escaped = new System.Text.StringBuilder(json.Length + 16);
        Span<char> units = stackalloc char[2];
        foreach (System.Text.Rune rune in json.EnumerateRunes())
        {
            if (!IsInvisible(rune))
            {
                escaped.Append(rune.ToString());
                continue;
            }
            int count = rune.EncodeToUtf16(units);
            for (int i = 0; i < count; i++) escaped.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)units[i]:X4}");
        }
        return escaped.ToString();
    }

    private static bool IsInvisible(System.Text.Rune rune) =>
        System.Text.Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.Format || rune.Value is 0x2028 or 0x2029;

    public static void WriteStringArray(this Utf8JsonWriter writer, string name, IEnumerable<string>? values)
    {
        writer.WriteStartArray(name);
        foreach (string value in values ?? []) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    public static void WriteMap(this Utf8JsonWriter writer, string name, IEnumerable<KeyValuePair<string, string>>? map)
    {
        writer.WriteStartObject(name);
        foreach ((string key, string value) in map ?? []) writer.WriteString(key, value);
        writer.WriteEndObject();
    }

    public static void WriteDescriptor(this Utf8JsonWriter writer, Descriptor descriptor)
    {
        writer.WriteStartObject();
        writer.WriteString("mediaType", descriptor.MediaType);
        writer.WriteString("digest", descriptor.Digest);
        writer.WriteNumber("size", descriptor.Size);
        if (descriptor.ArtifactType is not null) writer.WriteString("artifactType", descriptor.ArtifactType);
        if (descriptor.Platform is { } platform)
        {
            writer.WriteStartObject("platform");
            writer.WriteString("os", platform.Os);
            writer.WriteString("architecture", platform.Architecture);
            if (platform.Variant is not null) writer.WriteString("variant", platform.Variant);
            writer.WriteEndObject();
        }
        writer.WriteMap("annotations", descriptor.Annotations);
        writer.WriteEndObject();
    }

    public static void WriteChart(this Utf8JsonWriter writer, string name, HelmChartMetadata chart)
    {
        writer.WriteStartObject(name);
        writer.WriteString("name", chart.Name);
        writer.WriteString("version", chart.Version);
        writer.WriteString("apiVersion", chart.ApiVersion);
        writer.WriteString("appVersion", chart.AppVersion);
        writer.WriteString("description", chart.Description);
        writer.WriteString("home", chart.Home);
        writer.WriteString("type", chart.Type);
        writer.WriteString("kubeVersion", chart.KubeVersion);
        writer.WriteBoolean("deprecated", chart.Deprecated == true);
        writer.WriteStringArray("sources", chart.Sources);
        writer.WriteStringArray("keywords", chart.Keywords);
        writer.WriteStartArray("maintainers");
        foreach (HelmMaintainer m in chart.Maintainers ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("name", m.Name);
            writer.WriteString("email", m.Email);
            writer.WriteString("url", m.Url);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("dependencies");
        foreach (HelmDependency d in chart.Dependencies ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("name", d.Name);
            writer.WriteString("version", d.Version);
            writer.WriteString("repository", d.Repository);
            writer.WriteString("condition", d.Condition);
            writer.WriteString("alias", d.Alias);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteMap("annotations", chart.Annotations);
        writer.WriteEndObject();
    }
}
