using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using OciTui.Registry.Http;
using OciTui.Registry.Wire;

namespace OciTui.Testing;

/// <summary>
/// Harbor's API as its definition describes it (https://github.com/goharbor/harbor/blob/main/api/v2.0/swagger.yaml):
/// <c>/api/v2.0/systeminfo</c>, <c>/projects</c>, <c>/projects/{project_name}/repositories</c> and
/// <c>/projects/{project_name}/repositories/{repository_name}/artifacts</c>, paged by <c>page</c> and <c>page_size</c>
/// (default 10, above 100 answered 422) with <c>X-Total-Count</c> and a relative <c>Link</c>; a repository name with a
/// slash encoded twice in the path; Basic credentials (robot accounts <c>robot$name</c> included), a wrong password
/// taken as anonymous, no <c>WWW-Authenticate</c>; private projects 401 to anonymous callers and 403 to non-members.
/// Harbor cannot run here; the registry API (<c>/v2/</c>) answers 404. <see cref="Fault"/> lets a test answer first.
/// </summary>
public sealed class FakeHarbor : IAsyncDisposable
{
    public const int MaxPageSize = 100;
    private const string Api = "/api/v2.0/";

    private readonly Dictionary<string, string> _users = new(StringComparer.Ordinal);
    private readonly List<HarborProjectSeed> _projects = [];
    private readonly Dictionary<string, List<HarborArtifactSeed>> _artifacts = new(StringComparer.Ordinal);

    private FakeHarbor() { }

    public KestrelTestServer Server { get; private set; } = null!;
    public Uri BaseAddress => Server.BaseAddress;
    public IReadOnlyList<RecordedRequest> Requests => Server.Requests;

    /// <summary>Requests to Harbor's API (<c>/api/</c>), as the figures count them.</summary>
    public int ApiRequests => Requests.Count(r => r.PathAndQuery.StartsWith("/api/", StringComparison.Ordinal));

    /// <summary>Answers before the fake when it returns true: for the faults Harbor itself would not produce.</summary>
    public Func<HttpContext, Task<bool>>? Fault { get; set; }

    public static async Task<FakeHarbor> StartAsync()
    {
        var harbor = new FakeHarbor();
        harbor.Server = await KestrelTestServer.StartAsync(harbor.HandleAsync);
        return harbor;
    }

    public FakeHarbor User(string name, string password)
    {
        _users[name] = password;
        return this;
    }

    /// <param name="members">Users who may list it.</param>
    /// <param name="forbidden">Users who see the project but may not list its repositories (403).</param>
    public FakeHarbor Project(string name, bool isPublic, string[]? members = null, string[]? forbidden = null)
    {
        _projects.Add(new HarborProjectSeed(name, isPublic, members ?? [], forbidden ?? []));
        return this;
    }

    /// <summary>Adds an artifact to <paramref name="repository"/> (<c>project/name</c>, the repository appears with its first artifact).</summary>
    public FakeHarbor Artifact(string repository, HarborArtifactSeed artifact)
    {
        if (!_artifacts.TryGetValue(repository, out List<HarborArtifactSeed>? list)) _artifacts[repository] = list = [];
        list.Add(artifact);
        return this;
    }

    internal RemoteRegistry Client(Registry.Credentials.ICredentialProvider? credentials = null, Func<RegistryConnectionOptions, RegistryConnectionOptions>? tune = null)
    {
        var options = new RegistryConnectionOptions
        {
            BaseAddress = BaseAddress,
            CredentialHost = Server.HostAndPort,
            Credentials = credentials,
            MaxRetryDelay = TimeSpan.FromSeconds(5),
        };
        return new RemoteRegistry(tune?.Invoke(options) ?? options);
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (Fault is { } fault && await fault(context)) return;
        // The path as sent, before any decoding: a repository name's "%252F" must stay visible.
        string raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        string path = raw.Split('?', 2)[0];
        if (!path.StartsWith(Api, StringComparison.Ordinal))
        {
            await ErrorAsync(context, 404, "NOT_FOUND", "not found");
            return;
        }
        string[] segments = path[Api.Length..].Split('/');
        string? user = Caller(context);
        switch (segments)
        {
            case ["systeminfo"]:
                var info = new JsonObject { ["auth_mode"] = "db_auth", ["registry_url"] = Server.HostAndPort, ["self_registration"] = false };
                if (user is not null) info["harbor_version"] = "v2.11.0-fake";
                await JsonAsync(context, 200, info);
                return;
            case ["projects"]:
                List<HarborProjectSeed> visible = _projects.Where(p => p.Public || (user is not null && (p.Members.Contains(user) || p.Forbidden.Contains(user)))).ToList();
                await PageAsync(context, visible.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["project_id"] = _projects.IndexOf(p) + 1, ["metadata"] = new JsonObject { ["public"] = p.Public ? "true" : "false" } }).ToList());
                return;
            case ["projects", var project, "repositories"]:
                if (await RefusedAsync(context, project, user) is not { } seed) return;
                await PageAsync(context, _artifacts.Keys.Where(r => r.StartsWith(seed.Name + "/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
                    .Select(r => (JsonNode)new JsonObject { ["name"] = r, ["artifact_count"] = _artifacts[r].Count }).ToList());
                return;
            case ["projects", var project, "repositories", var encoded, "artifacts"]:
                if (await RefusedAsync(context, project, user) is not { } owner) return;
                // "If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb": once
                // decoded by the router, once more by Harbor. A single encoding reaches the router as a path separator.
                if (encoded.Contains("%2F", StringComparison.OrdinalIgnoreCase))
                {
                    await ErrorAsync(context, 404, "NOT_FOUND", "path not found");
                    return;
                }
                string name = Uri.UnescapeDataString(Uri.UnescapeDataString(encoded));
                if (!_artifacts.TryGetValue($"{owner.Name}/{name}", out List<HarborArtifactSeed>? artifacts))
                {
                    await ErrorAsync(context, 404, "NOT_FOUND", $"repository {owner.Name}/{name} not found");
                    return;
                }
                bool withTag = context.Request.Query["with_tag"].FirstOrDefault() != "false";
                bool withAccessory = context.Request.Query["with_accessory"].FirstOrDefault() == "true";
                await PageAsync(context, artifacts.Select(a => (JsonNode)a.ToJson(withTag, withAccessory)).ToList());
                return;
            default:
                await ErrorAsync(context, 404, "NOT_FOUND", "not found");
                return;
        }
    }

    /// <summary>The user Basic credentials name when the password is right; anyone else is anonymous, as Harbor takes them.</summary>
    private string? Caller(HttpContext context)
    {
        string header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal)) return null;
        string pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..]));
        int colon = pair.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return null;
        return _users.TryGetValue(pair[..colon], out string? password) && password == pair[(colon + 1)..] ? pair[..colon] : null;
    }

    private async Task<HarborProjectSeed?> RefusedAsync(HttpContext context, string project, string? user)
    {
        HarborProjectSeed? seed = _projects.FirstOrDefault(p => p.Name == project);
        if (seed is null)
        {
            await ErrorAsync(context, 404, "NOT_FOUND", $"project {project} not found");
            return null;
        }
        if (seed.Public && (user is null || !seed.Forbidden.Contains(user))) return seed;
        if (user is null)
        {
            await ErrorAsync(context, 401, "UNAUTHORIZED", "unauthorized");
            return null;
        }
        if (!seed.Members.Contains(user))
        {
            await ErrorAsync(context, 403, "FORBIDDEN", "forbidden");
            return null;
        }
        return seed;
    }

    /// <summary>One page of <paramref name="items"/> by <c>page</c> and <c>page_size</c>, with <c>X-Total-Count</c> and <c>Link</c>.</summary>
    private static async Task PageAsync(HttpContext context, IReadOnlyList<JsonNode> items)
    {
        int page = Number(context, "page", 1);
        int size = Number(context, "page_size", 10);
        if (size > MaxPageSize || size < 0 || page < 1)
        {
            await ErrorAsync(context, 422, "UNPROCESSABLE_ENTITY", $"validation failure list: page_size in query should be less than or equal to {MaxPageSize}");
            return;
        }
        context.Response.Headers["X-Total-Count"] = items.Count.ToString(CultureInfo.InvariantCulture);
        var links = new List<string>();
        if (page > 1) links.Add($"<{PageLink(context, page - 1)}>; rel=\"prev\"");
        if ((long)page * size < items.Count) links.Add($"<{PageLink(context, page + 1)}>; rel=\"next\"");
        if (links.Count > 0) context.Response.Headers.Link = string.Join(" , ", links);
        var array = new JsonArray();
        foreach (JsonNode item in items.Skip((page - 1) * size).Take(size)) array.Add(item.DeepClone());
        await JsonAsync(context, 200, array);
    }

    /// <summary>The request's own path and query with another page number, relative as Harbor writes it.</summary>
    private static string PageLink(HttpContext context, int page)
    {
        string raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        string[] parts = raw.Split('?', 2);
        IEnumerable<string> query = (parts.Length > 1 ? parts[1] : "").Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("page=", StringComparison.Ordinal));
        return $"{parts[0]}?{string.Join("&", query.Prepend($"page={page}"))}";
    }

    private static int Number(HttpContext context, string name, int fallback) =>
        int.TryParse(context.Request.Query[name].FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;

    public static Task ErrorAsync(HttpContext context, int status, string code, string message) =>
        JsonAsync(context, status, new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }) });

    public static async Task JsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}

/// <param name="Members">Users who may list the project's repositories.</param>
/// <param name="Forbidden">Users who see the project but are refused its repositories (403).</param>
public sealed record HarborProjectSeed(string Name, bool Public, string[] Members, string[] Forbidden);

/// <summary>One artifact of Harbor's artifact list: a chart (its Chart.yaml in <c>extra_attrs</c>) or an image.</summary>
public sealed record HarborArtifactSeed(string Type, string Digest, DateTimeOffset PushTime, IReadOnlyList<string> Tags)
{
    /// <summary>Chart.yaml's fields, as Harbor copies them into <c>extra_attrs</c>; null leaves <c>extra_attrs</c> out.</summary>
    public JsonObject? ExtraAttributes { get; init; }

    /// <summary>Accessory types (<c>signature.cosign</c>, <c>harbor.sbom</c>), listed only when asked with <c>with_accessory=true</c>.</summary>
    public IReadOnlyList<string> Accessories { get; init; } = [];

    public static HarborArtifactSeed Chart(string version, string? appVersion, string? description, DateTimeOffset pushed, bool signed = false)
    {
        var chart = new JsonObject { ["apiVersion"] = "v2", ["name"] = "chart", ["version"] = version, ["type"] = "application" };
        if (appVersion is not null) chart["appVersion"] = appVersion;
        if (description is not null) chart["description"] = description;
        return new HarborArtifactSeed("CHART", DigestOf(version), pushed, [version])
        {
            ExtraAttributes = chart,
            Accessories = signed ? ["signature.cosign"] : [],
        };
    }

    public static HarborArtifactSeed Image(string tag, DateTimeOffset pushed) =>
        new("IMAGE", DigestOf("image:" + tag), pushed, [tag])
        {
            ExtraAttributes = new JsonObject { ["architecture"] = "amd64", ["os"] = "linux" },
        };

    private static string DigestOf(string text) => FakeRegistry.Sha256(Encoding.UTF8.GetBytes(text));

    internal JsonObject ToJson(bool withTag, bool withAccessory)
    {
        var json = new JsonObject
        {
            ["id"] = 1,
            ["type"] = Type,
            ["media_type"] = Type == "CHART" ? "application/vnd.cncf.helm.config.v1+json" : "application/vnd.oci.image.config.v1+json",
            ["manifest_media_type"] = "application/vnd.oci.image.manifest.v1+json",
            ["digest"] = Digest,
            ["size"] = 1234,
            ["push_time"] = PushTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        if (ExtraAttributes is not null) json["extra_attrs"] = ExtraAttributes.DeepClone();
        if (withTag)
            json["tags"] = new JsonArray(Tags.Select(t => (JsonNode?)new JsonObject { ["name"] = t, ["push_time"] = json["push_time"]!.DeepClone(), ["immutable"] = false }).ToArray());
        if (withAccessory)
            json["accessories"] = new JsonArray(Accessories.Select(a => (JsonNode?)new JsonObject { ["type"] = a, ["digest"] = DigestOf(a + Digest), ["subject_artifact_digest"] = Digest }).ToArray());
        return json;
    }
}
