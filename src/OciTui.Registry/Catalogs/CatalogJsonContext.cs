using System.Text.Json;
using System.Text.Json.Serialization;

namespace OciTui.Registry.Catalogs;

/// <summary>Source-generated JSON metadata for the listing APIs' bodies (Harbor, Docker Hub): no reflection, trim and AOT safe.</summary>
[JsonSourceGenerationOptions(ReadCommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(HarborSystemInfo))]
[JsonSerializable(typeof(List<HarborProject>))]
[JsonSerializable(typeof(List<HarborRepository>))]
[JsonSerializable(typeof(List<HarborArtifact>))]
[JsonSerializable(typeof(HubPage<HubRepository>))]
[JsonSerializable(typeof(HubPage<HubTag>))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;

// Shapes from Harbor's API definition, https://github.com/goharbor/harbor/blob/main/api/v2.0/swagger.yaml
// (definitions GeneralInfo, Project, Repository, Artifact, Tag, Accessory); only the fields ocitui reads.

/// <summary><c>GET /api/v2.0/systeminfo</c> (GeneralInfo): answered to anyone, some fields only to a logged-in user.</summary>
internal sealed record HarborSystemInfo
{
    [JsonPropertyName("harbor_version")] public string? HarborVersion { get; init; }
    [JsonPropertyName("auth_mode")] public string? AuthMode { get; init; }
    [JsonPropertyName("registry_url")] public string? RegistryUrl { get; init; }

    /// <summary>
    /// Harbor's answer to <c>systeminfo</c>, or null when <paramref name="body"/> is not one (another server's page, a
    /// JSON without Harbor's fields): the one verdict the listing and the connection doctor both use.
    /// </summary>
    public static HarborSystemInfo? Parse(byte[] body)
    {
        try
        {
            HarborSystemInfo? info = JsonSerializer.Deserialize(body, CatalogJsonContext.Default.HarborSystemInfo);
            return info is not null && (info.HarborVersion ?? info.AuthMode) is not null ? info : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

internal sealed record HarborProject
{
    [JsonPropertyName("name")] public string? Name { get; init; }
}

/// <summary>A repository; its <c>name</c> includes the project (<c>library/nginx</c>).</summary>
internal sealed record HarborRepository
{
    [JsonPropertyName("name")] public string? Name { get; init; }
}

internal sealed record HarborArtifact
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("digest")] public string? Digest { get; init; }
    [JsonPropertyName("push_time")] public DateTimeOffset? PushTime { get; init; }

    /// <summary>For a chart, its Chart.yaml fields (appVersion, description, ...): any JSON, read field by field.</summary>
    [JsonPropertyName("extra_attrs")] public JsonElement? ExtraAttrs { get; init; }
    [JsonPropertyName("tags")] public List<HarborTag>? Tags { get; init; }
    [JsonPropertyName("accessories")] public List<HarborAccessory>? Accessories { get; init; }
}

internal sealed record HarborTag
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("push_time")] public DateTimeOffset? PushTime { get; init; }
}

/// <summary>A signature, SBOM or other artifact attached to an artifact; signatures are typed <c>signature.cosign</c> or <c>signature.notation</c>.</summary>
internal sealed record HarborAccessory
{
    [JsonPropertyName("type")] public string? Type { get; init; }
}

// Docker Hub's shapes: https://docs.docker.com/reference/api/hub/latest/ (listNamespaceRepositories, ListRepositoryTags).

/// <summary>A page of Hub's API: the entries and the address of the next page (null on the last).</summary>
internal sealed record HubPage<T>
{
    [JsonPropertyName("count")] public long? Count { get; init; }
    [JsonPropertyName("next")] public string? Next { get; init; }
    [JsonPropertyName("results")] public List<T>? Results { get; init; }
}

internal sealed record HubRepository
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("namespace")] public string? Namespace { get; init; }
    [JsonPropertyName("content_types")] public List<string>? ContentTypes { get; init; }
    [JsonPropertyName("media_types")] public List<string>? MediaTypes { get; init; }
}

internal sealed record HubTag
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("digest")] public string? Digest { get; init; }
    [JsonPropertyName("tag_last_pushed")] public DateTimeOffset? TagLastPushed { get; init; }
    [JsonPropertyName("last_updated")] public DateTimeOffset? LastUpdated { get; init; }
}
