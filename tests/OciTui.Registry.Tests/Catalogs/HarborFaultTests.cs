using Microsoft.AspNetCore.Http;
using OciTui.Registry.Browsing;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Wire;
using OciTui.Testing;

namespace OciTui.Registry.Tests.Catalogs;

/// <summary>Harbor's API is untrusted like the registry: links elsewhere, endless or looping pages, wrong shapes, huge bodies.</summary>
public sealed class HarborFaultTests
{
    private static readonly DateTimeOffset Pushed = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static async Task<(FakeHarbor Harbor, RemoteRegistry Registry)> StartAsync(Func<HttpContext, Task<bool>> fault)
    {
        FakeHarbor harbor = await FakeHarbor.StartAsync();
        harbor.Project("library", isPublic: true).Artifact("library/app", HarborArtifactSeed.Chart("1.0.0", "1", null, Pushed));
        harbor.Fault = fault;
        return (harbor, harbor.Client(tune: o => o with { ListingApi = ListingApi.Harbor }));
    }

    private static bool IsArtifactList(HttpContext context) => context.Request.Path.Value!.EndsWith("/artifacts", StringComparison.Ordinal);

    [Fact]
    public async Task A_next_page_link_to_another_host_is_refused()
    {
        (FakeHarbor harbor, RemoteRegistry registry) = await StartAsync(async context =>
        {
            if (!IsArtifactList(context)) return false;
            context.Response.Headers.Link = "<http://attacker.example/api/v2.0/next>; rel=\"next\"";
            await FakeHarbor.JsonAsync(context, 200, new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["digest"] = "sha256:x", ["tags"] = new System.Text.Json.Nodes.JsonArray() }));
            return true;
        });
        await using (harbor)
        using (registry)
        {
            var refused = await Assert.ThrowsAsync<RegistryProtocolException>(() => registry.ListVersionTableAsync("library/app"));
            Assert.Contains("another host (http://attacker.example); refused", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pages_that_link_past_the_announced_total_without_end_are_stopped()
    {
        (FakeHarbor harbor, RemoteRegistry registry) = await StartAsync(async context =>
        {
            if (!IsArtifactList(context)) return false;
            int page = int.Parse(context.Request.Query["page"].FirstOrDefault() ?? "1", System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["X-Total-Count"] = "2";
            context.Response.Headers.Link = $"</api/v2.0/projects/library/repositories/app/artifacts?page={page + 1}&page_size=100>; rel=\"next\"";
            var tag = new System.Text.Json.Nodes.JsonObject { ["name"] = $"1.0.{page}" };
            await FakeHarbor.JsonAsync(context, 200, new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["tags"] = new System.Text.Json.Nodes.JsonArray(tag) }));
            return true;
        });
        await using (harbor)
        using (registry)
        {
            VersionTable? table = await registry.ListVersionTableAsync("library/app");
            Assert.Equal(["1.0.1", "1.0.2"], table!.Tags.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(2, harbor.ApiRequests);
        }
    }

    [Fact]
    public async Task A_page_that_links_to_itself_ends_the_listing()
    {
        (FakeHarbor harbor, RemoteRegistry registry) = await StartAsync(async context =>
        {
            if (!IsArtifactList(context)) return false;
            context.Response.Headers.Link = "</api/v2.0/projects/library/repositories/app/artifacts?page=1&page_size=100&with_tag=true&with_accessory=true&with_label=false&with_scan_overview=false>; rel=\"next\"";
            var tag = new System.Text.Json.Nodes.JsonObject { ["name"] = "1.0.0" };
            await FakeHarbor.JsonAsync(context, 200, new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["tags"] = new System.Text.Json.Nodes.JsonArray(tag) }));
            return true;
        });
        await using (harbor)
        using (registry)
        {
            VersionTable? table = await registry.ListVersionTableAsync("library/app");
            Assert.Equal(["1.0.0"], table!.Tags.Keys);
            Assert.Equal(1, harbor.ApiRequests);
        }
    }

    [Theory]
    [InlineData("{\"name\":\"library\"}")]
    [InlineData("[{\"name\":5}]")]
    [InlineData("[{\"name\":\"a\"},")]
    public async Task A_project_list_of_the_wrong_shape_is_one_sentence_and_the_pinned_repositories_remain(string body)
    {
        (FakeHarbor harbor, RemoteRegistry registry) = await StartAsync(async context =>
        {
            if (context.Request.Path.Value == "/api/v2.0/projects")
            {
                await FakeRegistry.WriteAsync(context, 200, body);
                return true;
            }
            return false;
        });
        await using (harbor)
        using (registry)
        {
            RepositoryList listed = await RepositoryListing.ListAsync(registry, ["library/pinned"]);
            Assert.Equal(RepositorySource.Pinned, listed.Source);
            Assert.Equal(["library/pinned"], listed.Names);
            Assert.StartsWith("The answer for Harbor's project list is not valid JSON", listed.Note, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_artifact_list_larger_than_the_size_limit_is_refused_while_reading()
    {
        (FakeHarbor harbor, RemoteRegistry registry) = await StartAsync(async context =>
        {
            if (!IsArtifactList(context)) return false;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("[" + new string(' ', 5 * 1024 * 1024) + "]");
            return true;
        });
        await using (harbor)
        using (registry)
        {
            await Assert.ThrowsAsync<SizeLimitExceededException>(() => registry.ListVersionTableAsync("library/app"));
        }
    }

    [Fact]
    public async Task Names_that_are_no_repository_or_tag_and_escape_sequences_never_reach_the_listing()
    {
        (FakeHarbor harbor, RemoteRegistry registry) = await StartAsync(async context =>
        {
            if (context.Request.Path.Value == "/api/v2.0/projects/library/repositories")
            {
                await FakeRegistry.WriteAsync(context, 200, "[{\"name\":\"library/ok\"},{\"name\":\"library/\\u001b[2Jbad\"},{\"name\":\"other/elsewhere\"}]");
                return true;
            }
            return false;
        });
        await using (harbor)
        using (registry)
        {
            RepositoryList listed = await RepositoryListing.ListAsync(registry, []);
            Assert.Equal(["library/ok"], listed.Names);
        }
    }
}
