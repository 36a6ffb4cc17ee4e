using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Wire;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.Http;

/// <summary>Link-header paging: followed verbatim on the same origin, refused to another, stopped on a loop or at the cap.</summary>
public sealed class PagingTests
{
    private static async Task<List<string>> AllTagsAsync(RemoteRegistry client)
    {
        var tags = new List<string>();
        await foreach (IReadOnlyList<string> page in client.ListTagsAsync("charts/chart")) tags.AddRange(page);
        return tags;
    }

    [Fact]
    public async Task An_opaque_relative_next_page_token_is_followed_verbatim_and_text_plain_is_parsed()
    {
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            string? token = context.Request.Query["next_page"].FirstOrDefault();
            if (token is null)
            {
                context.Response.Headers.Link = "</v2/charts/chart/tags/list?next_page=gAAAAABk%3D%3D&n=2>; rel=\"next\"";
                await WriteAsync(context, 200, "{\"name\":\"charts/chart\",\"tags\":[\"1.0.0\",\"1.1.0\"],\"extra\":true}", "text/plain");
            }
            else
            {
                Assert.Equal("gAAAAABk==", token);
                await WriteAsync(context, 200, "{\"name\":\"charts/chart\",\"tags\":[\"2.0.0\"]}", "text/plain");
            }
        });
        using RemoteRegistry client = fake.Client();
        Assert.Equal(["1.0.0", "1.1.0", "2.0.0"], await AllTagsAsync(client));
        Assert.Contains(fake.Requests, r => r.PathAndQuery.Contains("next_page=gAAAAABk%3D%3D", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_link_to_another_host_is_refused_and_never_requested()
    {
        await using FakeRegistry other = await StartAsync(context => WriteAsync(context, 200, "{\"tags\":[\"evil\"]}"));
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            context.Response.Headers.Link = $"<{new Uri(other.BaseAddress, "v2/charts/chart/tags/list?last=1")}>; rel=\"next\"";
            await WriteAsync(context, 200, "{\"tags\":[\"1.0.0\"]}");
        });
        using RemoteRegistry client = fake.Client();
        RegistryProtocolException error = await Assert.ThrowsAsync<RegistryProtocolException>(() => AllTagsAsync(client));
        Assert.Contains("another host", error.Message, StringComparison.Ordinal);
        Assert.Empty(other.Requests);
    }

    [Fact]
    public async Task A_link_back_to_a_page_already_seen_ends_the_listing()
    {
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            context.Response.Headers.Link = "</v2/charts/chart/tags/list?n=1000>; rel=\"next\"";
            await WriteAsync(context, 200, "{\"tags\":[\"1.0.0\"]}");
        });
        using RemoteRegistry client = fake.Client();
        Assert.Equal(["1.0.0"], await AllTagsAsync(client));
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task Endless_pages_stop_at_the_cap()
    {
        int served = 0;
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            int page = Interlocked.Increment(ref served);
            context.Response.Headers.Link = $"</v2/charts/chart/tags/list?last=t{page}>; rel=\"next\"";
            await WriteAsync(context, 200, $"{{\"tags\":[\"t{page}\"]}}");
        });
        using RemoteRegistry client = fake.Client(tune: o => o with { MaxPages = 25 });
        RegistryProtocolException error = await Assert.ThrowsAsync<RegistryProtocolException>(() => AllTagsAsync(client));
        Assert.Contains("more than 25 pages", error.Message, StringComparison.Ordinal);
        Assert.Equal(25, served);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task A_refused_catalog_is_reported_as_unavailable(int status)
    {
        // The registry itself lets the user in; only its catalog is closed (Docker Hub, GHCR, a non-admin Harbor).
        await using FakeRegistry fake = await StartAsync(context => context.Request.Path == "/v2/"
            ? WriteAsync(context, 200, "{}")
            : WriteAsync(context, status, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"not allowed\"}]}"));
        using RemoteRegistry client = fake.Client();
        CatalogUnavailableException error = await Assert.ThrowsAsync<CatalogUnavailableException>(async () =>
        {
            await foreach (IReadOnlyList<string> _ in client.ListRepositoriesAsync()) { }
        });
        Assert.Equal($"http://{fake.Server.HostAndPort} does not let this user list its repositories ({status}).", error.Message);
        Assert.Equal("Name a repository directly, or pin the repositories you use in the profile.", error.Hint);
        Assert.Equal(HintTopic.RepositoryListingRefused, error.HintTopic);
    }

    [Fact]
    public async Task A_catalog_refused_for_want_of_credentials_is_an_authentication_failure()
    {
        await using FakeRegistry fake = await StartAsync(context => WriteAsync(context, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"));
        using RemoteRegistry client = fake.Client();
        AuthenticationFailedException error = await Assert.ThrowsAsync<AuthenticationFailedException>(async () =>
        {
            await foreach (IReadOnlyList<string> _ in client.ListRepositoriesAsync()) { }
        });
        Assert.Equal($"http://{fake.Server.HostAndPort} requires credentials for the API, and none were found for {fake.Server.HostAndPort}.", error.Message);
        Assert.Equal([$"/v2/_catalog?n={RemoteRegistry.CatalogPageSize}", "/v2/"], fake.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task A_catalog_refusing_the_page_size_is_asked_again_without_it()
    {
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            if (context.Request.Query.ContainsKey("n"))
                await WriteAsync(context, 400, "{\"errors\":[{\"code\":\"PAGINATION_NUMBER_INVALID\",\"message\":\"invalid number of results requested\"}]}");
            else
                await WriteAsync(context, 200, "{\"repositories\":[\"a/b\",\"c\"]}");
        });
        using RemoteRegistry client = fake.Client();
        var all = new List<string>();
        await foreach (IReadOnlyList<string> page in client.ListRepositoriesAsync()) all.AddRange(page);
        Assert.Equal(["a/b", "c"], all);
    }
}
