using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OciTui.Testing;

/// <summary>
/// Docker Hub's repository API as its reference documents it (https://docs.docker.com/reference/api/hub/latest/):
/// <c>GET /v2/namespaces/{namespace}/repositories</c> and <c>GET /v2/namespaces/{namespace}/repositories/{repository}/tags</c>,
/// each a <c>{count, next, previous, results}</c> page with an absolute <c>next</c>, <c>page</c> and <c>page_size</c>
/// (tags: at most 100). <see cref="Fault"/> lets a test answer first.
/// </summary>
public sealed class FakeDockerHub : IAsyncDisposable
{
    private readonly List<(string Namespace, string Name, string[] ContentTypes, List<(string Tag, DateTimeOffset Pushed)> Tags)> _repositories = [];

    private FakeDockerHub() { }

    public KestrelTestServer Server { get; private set; } = null!;
    public Uri BaseAddress => Server.BaseAddress;
    public IReadOnlyList<RecordedRequest> Requests => Server.Requests;
    public Func<HttpContext, Task<bool>>? Fault { get; set; }

    public static async Task<FakeDockerHub> StartAsync()
    {
        var hub = new FakeDockerHub();
        hub.Server = await KestrelTestServer.StartAsync(hub.HandleAsync);
        return hub;
    }

    /// <param name="contentTypes">Hub's <c>content_types</c>: <c>image</c>, <c>helm</c>, ...</param>
    public FakeDockerHub Repository(string hubNamespace, string name, string[] contentTypes, params (string Tag, DateTimeOffset Pushed)[] tags)
    {
        _repositories.Add((hubNamespace, name, contentTypes, [.. tags]));
        return this;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (Fault is { } fault && await fault(context)) return;
        string[] segments = context.Request.Path.Value!.Trim('/').Split('/');
        switch (segments)
        {
            case ["v2", "namespaces", var ns, "repositories"]:
                await PageAsync(context, _repositories.Where(r => r.Namespace == ns).Select(r => (JsonNode)new JsonObject
                {
                    ["name"] = r.Name,
                    ["namespace"] = r.Namespace,
                    ["repository_type"] = "image",
                    ["is_private"] = false,
                    ["content_types"] = new JsonArray(r.ContentTypes.Select(t => (JsonNode?)t).ToArray()),
                    ["media_types"] = new JsonArray(r.ContentTypes.Contains("helm") ? [(JsonNode?)"application/vnd.cncf.helm.config.v1+json"] : []),
                    ["last_updated"] = "2026-01-01T00:00:00.000000Z",
                }).ToList(), 1000);
                return;
            case ["v2", "namespaces", var ns, "repositories", var name, "tags"]:
                var repository = _repositories.FirstOrDefault(r => r.Namespace == ns && r.Name == name);
                if (repository.Name is null)
                {
                    await FakeRegistry.WriteAsync(context, 404, "{\"message\":\"object not found\",\"errinfo\":{}}");
                    return;
                }
                await PageAsync(context, repository.Tags.Select(t => (JsonNode)new JsonObject
                {
                    ["name"] = t.Tag,
                    ["digest"] = FakeRegistry.Sha256(System.Text.Encoding.UTF8.GetBytes(t.Tag)),
                    ["last_updated"] = t.Pushed.ToString("o", CultureInfo.InvariantCulture),
                    ["tag_last_pushed"] = t.Pushed.ToString("o", CultureInfo.InvariantCulture),
                    ["tag_status"] = "active",
                }).ToList(), 100);
                return;
            default:
                await FakeRegistry.WriteAsync(context, 404, "{\"message\":\"object not found\",\"errinfo\":{}}");
                return;
        }
    }

    private async Task PageAsync(HttpContext context, List<JsonNode> items, int maxPageSize)
    {
        int page = int.TryParse(context.Request.Query["page"].FirstOrDefault(), CultureInfo.InvariantCulture, out int p) ? p : 1;
        int size = int.TryParse(context.Request.Query["page_size"].FirstOrDefault(), CultureInfo.InvariantCulture, out int s) ? s : 10;
        if (size > maxPageSize || size < 1 || page < 1)
        {
            await FakeRegistry.WriteAsync(context, 400, "{\"message\":\"page_size out of range\",\"errinfo\":{}}");
            return;
        }
        string Link(int number) => new Uri(BaseAddress, $"{context.Request.Path}?page={number}&page_size={size}").AbsoluteUri;
        var body = new JsonObject
        {
            ["count"] = items.Count,
            ["next"] = (long)page * size < items.Count ? Link(page + 1) : null,
            ["previous"] = page > 1 ? Link(page - 1) : null,
            ["results"] = new JsonArray(items.Skip((page - 1) * size).Take(size).Select(i => (JsonNode?)i.DeepClone()).ToArray()),
        };
        await FakeRegistry.WriteAsync(context, 200, body.ToJsonString());
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
