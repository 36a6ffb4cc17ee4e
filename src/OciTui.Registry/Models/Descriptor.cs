using System.Text.Json.Serialization;

namespace OciTui.Registry.Models;

/// <summary>
/// An OCI content descriptor as it came over the wire. <see cref="Digest"/> is kept as the raw string and must be
/// validated with <see cref="References.Digest.Parse"/> before use; <see cref="Urls"/> is never contacted (CVE-2020-15157).
/// </summary>
public sealed record Descriptor
{
    [JsonPropertyName("mediaType")] public string? MediaType { get; init; }
    [JsonPropertyName("digest")] public string Digest { get; init; } = "";
    [JsonPropertyName("size")] public long Size { get; init; }
    [JsonPropertyName("artifactType")] public string? ArtifactType { get; init; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; init; }
    [JsonPropertyName("platform")] public Platform? Platform { get; init; }
    [JsonPropertyName("urls")] public List<string>? Urls { get; init; }

    public string? Annotation(string key) => Annotations is not null && Annotations.TryGetValue(key, out string? v) ? v : null;
}

public sealed record Platform
{
    [JsonPropertyName("architecture")] public string? Architecture { get; init; }
    [JsonPropertyName("os")] public string? Os { get; init; }
    [JsonPropertyName("variant")] public string? Variant { get; init; }
    [JsonPropertyName("os.version")] public string? OsVersion { get; init; }

    public override string ToString() =>
        string.Join('/', new[] { Os, Architecture, Variant }.Where(s => !string.IsNullOrEmpty(s)));
}
