using OciTui.Registry.Browsing;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Wire;
using OciTui.Testing;

namespace OciTui.Registry.Tests.Catalogs;

/// <summary>A Docker Hub profile with a namespace lists it through Hub's repository API (the fake written from Hub's reference).</summary>
public sealed class DockerHubListingTests
{
    private static readonly DateTimeOffset Pushed = new(2026, 2, 1, 8, 30, 0, TimeSpan.Zero);

    private static RemoteRegistry Client(FakeRegistry registry, FakeDockerHub hub, string hubNamespace = "acme") =>
        registry.Client(tune: o => o with { HubNamespace = hubNamespace, HubApiAddress = hub.BaseAddress });

    [Fact]
    public async Task A_namespace_s_repositories_are_listed_page_by_page_and_helm_charts_are_marked()
    {
        await using FakeDockerHub hub = await FakeDockerHub.StartAsync();
        for (int i = 0; i < 120; i++) hub.Repository("acme", $"image{i:000}", ["image"]);
        hub.Repository("acme", "chart", ["helm"]).Repository("other", "elsewhere", ["helm"]);
        await using FakeRegistry registry = await FakeRegistry.StartRecorderAsync();
        using RemoteRegistry client = Client(registry, hub);

        RepositoryList listed = await RepositoryListing.ListAsync(client, []);

        Assert.Equal(RepositorySource.DockerHub, listed.Source);
        Assert.Equal(121, listed.Names.Count);
        Assert.Equal(["acme/chart"], listed.HelmCharts);
        Assert.Equal(2, hub.Requests.Count);
        Assert.Empty(registry.Requests);
    }

    [Fact]
    public async Task Tags_come_with_their_last_push_as_a_hint_beside_the_registry_s_own_tag_list()
    {
        await using FakeDockerHub hub = await FakeDockerHub.StartAsync();
        hub.Repository("acme", "chart", ["helm"], ("1.0.0", Pushed), ("1.1.0", Pushed.AddDays(1)));
        await using FakeRegistry registry = await FakeRegistry.StartAsync(context =>
            FakeRegistry.WriteAsync(context, 200, "{\"name\":\"acme/chart\",\"tags\":[\"1.0.0\",\"1.1.0\"]}"));
        using RemoteRegistry client = Client(registry, hub);

        (List<string> tags, VersionTable? table) = await TagListing.ListAsync(client, "acme/chart", null, CancellationToken.None);

        Assert.Equal(["1.0.0", "1.1.0"], tags);
        Assert.False(table!.Complete);
        Assert.Equal(Pushed.AddDays(1), table.Tags["1.1.0"].Created);
        Assert.Contains(registry.Requests, r => r.PathAndQuery.StartsWith("/v2/acme/chart/tags/list", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_next_page_on_another_host_is_refused_and_the_pinned_repositories_remain()
    {
        await using FakeDockerHub hub = await FakeDockerHub.StartAsync();
        hub.Fault = async context =>
        {
            await FakeRegistry.WriteAsync(context, 200, "{\"count\":99,\"next\":\"https://elsewhere.example/v2/next\",\"results\":[{\"name\":\"a\"}]}");
            return true;
        };
        await using FakeRegistry registry = await FakeRegistry.StartAsync(context => FakeRegistry.WriteAsync(context, 404, "{\"errors\":[{\"code\":\"UNSUPPORTED\"}]}"));
        using RemoteRegistry client = Client(registry, hub);

        RepositoryList listed = await RepositoryListing.ListAsync(client, ["acme/pinned"]);

        Assert.Equal(RepositorySource.Pinned, listed.Source);
        Assert.Contains("another host (https://elsewhere.example); refused", listed.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_results_field_of_the_wrong_type_is_one_sentence()
    {
        await using FakeDockerHub hub = await FakeDockerHub.StartAsync();
        hub.Fault = async context =>
        {
            await FakeRegistry.WriteAsync(context, 200, "{\"count\":1,\"next\":null,\"results\":{\"name\":\"a\"}}");
            return true;
        };
        await using FakeRegistry registry = await FakeRegistry.StartRecorderAsync();
        using RemoteRegistry client = Client(registry, hub);

        var error = await Assert.ThrowsAsync<RegistryProtocolException>(() => client.ListRepositoriesViaApiAsync(null));

        Assert.StartsWith("The answer for Docker Hub's repositories of 'acme' is not valid JSON", error.Message, StringComparison.Ordinal);
    }
}
