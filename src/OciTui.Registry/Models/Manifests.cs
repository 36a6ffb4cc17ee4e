using System.Text.Json.Serialization;

namespace OciTui.Registry.Models;

/// <summary>An OCI image manifest or a Docker v2 schema2 manifest (same shape).</summary>
public sealed record ImageManifest
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; }
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; }
    [JsonPropertyName("artifactType")] public string? ArtifactType { get; init; }
    [JsonPropertyName("config")] public Descriptor? Config { get; init; }
    [JsonPropertyName("layers")] public List<Descriptor> Layers { get; init; } = [];
    [JsonPropertyName("subject")] public Descriptor? Subject { get; init; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; init; }

    /// <summary>The artifact type: <c>artifactType</c> when set, else the config media type (how helm marks a chart).</summary>
    [JsonIgnore] public string? EffectiveArtifactType => ArtifactType ?? Config?.MediaType;

    [JsonIgnore] public bool IsHelmChart => Config?.MediaType == MediaTypes.HelmConfig || Layers.Any(l => l.MediaType == MediaTypes.HelmChart);

    /// <summary>The chart archive layer: the Helm chart media type, else a legacy <c>application/tar+gzip</c> layer.</summary>
    [JsonIgnore]
    public Descriptor? ChartLayer =>
        Layers.FirstOrDefault(l => l.MediaType == MediaTypes.HelmChart) ?? Layers.FirstOrDefault(l => l.MediaType == MediaTypes.LegacyChart);

    [JsonIgnore] public Descriptor? ProvenanceLayer => Layers.FirstOrDefault(l => l.MediaType == MediaTypes.HelmProvenance);
}

/// <summary>An OCI image index or a Docker manifest list.</summary>
public sealed record ImageIndex
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; }
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; }
    [JsonPropertyName("artifactType")] public string? ArtifactType { get; init; }
    [JsonPropertyName("manifests")] public List<Descriptor> Manifests { get; init; } = [];
    [JsonPropertyName("subject")] public Descriptor? Subject { get; init; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; init; }
}

/// <summary>Just enough of any manifest to learn its media type and schema version before choosing a parser.</summary>
internal sealed record ManifestProbe
{
    [JsonPropertyName("schemaVersion")] public int SchemaVersion { get; init; }
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; }
    [JsonPropertyName("manifests")] public System.Text.Json.JsonElement? Manifests { get; init; }
    [JsonPropertyName("layers")] public System.Text.Json.JsonElement? Layers { get; init; }
    [JsonPropertyName("fsLayers")] public System.Text.Json.JsonElement? FsLayers { get; init; }
}
