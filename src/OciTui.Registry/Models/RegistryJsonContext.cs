using System.Text.Json.Serialization;

namespace OciTui.Registry.Models;

/// <summary>Source-generated JSON metadata for everything the core reads: no reflection, trim and AOT safe.</summary>
[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow, AllowTrailingCommas = false,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ImageManifest))]
[JsonSerializable(typeof(ImageIndex))]
[JsonSerializable(typeof(ManifestProbe))]
[JsonSerializable(typeof(HelmChartMetadata))]
[JsonSerializable(typeof(Descriptor))]
[JsonSerializable(typeof(TagList))]
[JsonSerializable(typeof(Catalog))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;

/// <summary>Body of <c>GET /v2/&lt;name&gt;/tags/list</c>.</summary>
public sealed record TagList
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("tags")] public List<string>? Tags { get; init; }
}

/// <summary>Body of <c>GET /v2/_catalog</c>.</summary>
public sealed record Catalog
{
    [JsonPropertyName("repositories")] public List<string>? Repositories { get; init; }
}

/// <summary>JSON ocitui writes (a layout's index.json, a referrers tag index): absent fields left out, not written as null.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(ImageIndex))]
internal sealed partial class WritingJsonContext : JsonSerializerContext;
