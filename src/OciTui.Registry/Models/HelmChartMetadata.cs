using System.Text.Json.Serialization;

namespace OciTui.Registry.Models;

/// <summary>The Helm chart config blob (<c>application/vnd.cncf.helm.config.v1+json</c>): Chart.yaml's metadata as JSON.</summary>
public sealed record HelmChartMetadata
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("appVersion")] public string? AppVersion { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("home")] public string? Home { get; init; }
    [JsonPropertyName("icon")] public string? Icon { get; init; }
    [JsonPropertyName("sources")] public List<string>? Sources { get; init; }
    [JsonPropertyName("keywords")] public List<string>? Keywords { get; init; }
    [JsonPropertyName("maintainers")] public List<HelmMaintainer>? Maintainers { get; init; }
    [JsonPropertyName("dependencies")] public List<HelmDependency>? Dependencies { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("kubeVersion")] public string? KubeVersion { get; init; }
    [JsonPropertyName("deprecated")] public bool? Deprecated { get; init; }
    [JsonPropertyName("condition")] public string? Condition { get; init; }
    [JsonPropertyName("tags")] public string? Tags { get; init; }
    [JsonPropertyName("annotations")] public Dictionary<string, string>? Annotations { get; init; }
}

public sealed record HelmMaintainer
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("url")] public string? Url { get; init; }
}

public sealed record HelmDependency
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("repository")] public string? Repository { get; init; }
    [JsonPropertyName("condition")] public string? Condition { get; init; }
    [JsonPropertyName("alias")] public string? Alias { get; init; }
    [JsonPropertyName("tags")] public List<string>? Tags { get; init; }
}
