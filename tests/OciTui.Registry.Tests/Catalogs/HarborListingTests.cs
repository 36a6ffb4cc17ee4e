using OciTui.Registry.Browsing;
using OciTui.Registry.Catalogs;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Wire;
using OciTui.Testing;

namespace OciTui.Registry.Tests.Catalogs;

/// <summary>Harbor's projects, repositories and artifact list, through the fake written from Harbor's API definition.</summary>
public sealed class HarborListingTests
{
    private static readonly DateTimeOffset Pushed = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Harbor_is_detected_and_its_projects_repositories_are_listed_page_by_page()
    {
        await using FakeHarbor harbor = await FakeHarbor.StartAsync();
        harbor.Project("library", isPublic: true);
        for (int i = 0; i < 150; i++) harbor.Artifact($"library/app{i:000}", HarborArtifactSeed.Chart("1.0.0", "1", null, Pushed));
        using RemoteRegistry registry = harbor.Client();

        Assert.True(await HarborApi.DetectAsync(registry));
        var pages = new List<int>();
        RepositoryList listed = await RepositoryListing.ListAsync(registry, [], page => pages.Add(page.Count));

        Assert.Equal(RepositorySource.Harbor, listed.Source);
        Assert.Equal(150, listed.Names.Count);
        Assert.Contains("library/app149", listed.Names);
        Assert.Equal([100, 50], pages);
        Assert.All(harbor.Requests.Where(r => r.PathAndQuery.Contains("page_size=", StringComparison.Ordinal)),
            r => Assert.Contains($"page_size={FakeHarbor.MaxPageSize}", r.PathAndQuery, StringComparison.Ordinal));
        Assert.DoesNotContain(harbor.Requests, r => r.PathAndQuery.StartsWith("/v2/_catalog", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_nested_repository_name_is_encoded_twice_in_the_artifact_path()
    {
        await using FakeHarbor harbor = await FakeHarbor.StartAsync();
        harbor.Project("team", isPublic: true).Artifact("team/charts/web", HarborArtifactSeed.Chart("2.1.0", "5.0", "web", Pushed));
        using RemoteRegistry registry = harbor.Client();

        VersionTable? table = await registry.ListVersionTableAsync("team/charts/web");

        Assert.Equal("5.0", table!.Tags["2.1.0"].AppVersion);
        // The recorder shows the path decoded once (Kestrel's): "charts%2Fweb" there was "charts%252Fweb" on the wire,
        // and the fake answers a single encoding with 404, as Harbor's router does.
        Assert.Contains(harbor.Requests, r => r.PathAndQuery.StartsWith("/api/v2.0/projects/team/repositories/charts%2Fweb/artifacts?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_project_refused_with_403_is_skipped_with_a_note_and_the_others_are_listed()
    {
        await using FakeHarbor harbor = await FakeHarbor.StartAsync();
        harbor.User("dev", "secret")
            .Project("open", isPublic: true).Artifact("open/a", HarborArtifactSeed.Chart("1.0.0", null, null, Pushed))
            .Project("team", isPublic: false, members: ["dev"]).Artifact("team/b", HarborArtifactSeed.Chart("1.0.0", null, null, Pushed))
            .Project("closed", isPublic: false, forbidden: ["dev"]).Artifact("closed/c", HarborArtifactSeed.Chart("1.0.0", null, null, Pushed));
        using RemoteRegistry registry = harbor.Client(new StaticCredentials("dev", "secret"));

        RepositoryList listed = await RepositoryListing.ListAsync(registry, []);

        Assert.Equal(["open/a", "team/b"], listed.Names.Order(StringComparer.Ordinal));
        Assert.Contains("may not list project(s) 'closed'", listed.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_robot_account_s_credentials_go_up_front_as_basic_and_open_its_private_project()
    {
        await using FakeHarbor harbor = await FakeHarbor.StartAsync();
        harbor.User("robot$ci", "token")
            .Project("private", isPublic: false, members: ["robot$ci"]).Artifact("private/app", HarborArtifactSeed.Chart("1.0.0", "9", null, Pushed));
        using RemoteRegistry registry = harbor.Client(new StaticCredentials("robot$ci", "token"));

        RepositoryList listed = await RepositoryListing.ListAsync(registry, []);
        VersionTable? table = await registry.ListVersionTableAsync("private/app");

        Assert.Equal(["private/app"], listed.Names);
        Assert.Equal("9", table!.Tags["1.0.0"].AppVersion);
        RecordedRequest first = harbor.Requests.First(r => r.PathAndQuery.StartsWith("/api/v2.0/projects?", StringComparison.Ordinal));
        Assert.StartsWith("Basic ", first.Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_lists_what_anonymous_users_see_and_a_private_repository_says_not_logged_in()
    {
        await using FakeHarbor harbor = await FakeHarbor.StartAsync();
        harbor.User("dev", "secret")
            .Project("open", isPublic: true).Artifact("open/a", HarborArtifactSeed.Chart("1.0.0", null, null, Pushed))
            .Project("team", isPublic: false, members: ["dev"]).Artifact("team/b", HarborArtifactSeed.Chart("1.0.0", null, null, Pushed));
        using RemoteRegistry registry = harbor.Client(new StaticCredentials("dev", "wrong"));

        RepositoryList listed = await RepositoryListing.ListAsync(registry, []);
        var refused = await Assert.ThrowsAsync<AuthenticationFailedException>(() => registry.ListVersionTableAsync("team/b"));

        Assert.Equal(["open/a"], listed.Names);
        Assert.Contains("refused the credentials", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_who_may_not_see_a_repository_is_told_access_is_denied_not_that_the_password_is_wrong()
    {
        await using FakeHarbor harbor = await FakeHarbor.StartAsync();
        harbor.User("dev", "secret")
            .Project("team", isPublic: false, members: ["someone"]).Artifact("team/b", HarborArtifactSeed.Chart("1.0.0", null, null, Pushed));
        using RemoteRegistry registry = harbor.Client(new StaticCredentials("dev", "secret"));

        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => registry.ListVersionTableAsync("team/b"));

        Assert.Contains("denied (403 Forbidden)", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chart_and_image_artifacts_mixed_give_one_version_table_with_chart_fields_where_there_are_some()
    {
        await using FakeHarbor harbor = await FakeHarbor.StartAsync();
        harbor.Project("library", isPublic: true)
            .Artifact("library/mixed", HarborArtifactSeed.Chart("1.2.0", "3.4.5", "A web app", Pushed, signed: true))
            .Artifact("library/mixed", HarborArtifactSeed.Image("latest", Pushed.AddDays(1)))
            .Artifact("library/mixed", HarborArtifactSeed.Chart("1.1.0", "3.4.4", null, Pushed.AddDays(-1)) with { ExtraAttributes = null });
        using RemoteRegistry registry = harbor.Client();

        VersionTable table = (await registry.ListVersionTableAsync("library/mixed"))!;

        Assert.True(table.Complete);
        TagSummary chart = table.Tags["1.2.0"];
        Assert.Equal(("3.4.5", "A web app", true, Pushed), (chart.AppVersion, chart.Description, chart.Signed, chart.Created));
        Assert.Equal((null, false), (table.Tags["latest"].AppVersion, table.Tags["latest"].Signed));
        Assert.Equal((null, null, false), (table.Tags["1.1.0"].AppVersion, table.Tags["1.1.0"].Description, table.Tags["1.1.0"].Signed));
        Assert.StartsWith("sha256:", table.Tags["1.2.0"].Digest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fake_answers_422_above_a_hundred_a_page_as_harbor_does()
    {
        await using FakeHarbor harbor = await FakeHarbor.StartAsync();
        harbor.Project("library", isPublic: true);
        using var http = new HttpClient();

        HttpResponseMessage response = await http.GetAsync(new Uri(harbor.BaseAddress, "/api/v2.0/projects?page=1&page_size=101"));

        Assert.Equal(422, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_thousand_chart_versions_give_their_whole_version_table_in_ten_api_requests()
    {
        await using FakeHarbor harbor = await FakeHarbor.StartAsync();
        harbor.Project("library", isPublic: true);
        for (int i = 0; i < 1000; i++)
            harbor.Artifact("library/big", HarborArtifactSeed.Chart($"1.{i / 100}.{i % 100}", $"app-{i}", "big", Pushed.AddMinutes(i)));
        using RemoteRegistry registry = harbor.Client(tune: o => o with { ListingApi = ListingApi.Harbor });

        (List<string> tags, VersionTable? table) = await TagListing.ListAsync(registry, "library/big", null, CancellationToken.None);

        Assert.Equal(1000, tags.Count);
        Assert.Equal("app-999", table!.Tags["1.9.99"].AppVersion);
        Assert.True(harbor.ApiRequests <= 10, $"{harbor.ApiRequests} API requests");
        Assert.Equal(0, harbor.Requests.Count(r => r.PathAndQuery.StartsWith("/v2/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Api_distribution_turns_harbor_detection_off_and_the_catalog_is_asked()
    {
        await using FakeHarbor harbor = await FakeHarbor.StartAsync();
        harbor.Project("library", isPublic: true).Artifact("library/a", HarborArtifactSeed.Chart("1.0.0", null, null, Pushed));
        using RemoteRegistry registry = harbor.Client(tune: o => o with { ListingApi = ListingApi.Distribution });

        Assert.False(await HarborApi.DetectAsync(registry));
        RepositoryList listed = await RepositoryListing.ListAsync(registry, ["library/pinned"]);

        Assert.Equal(RepositorySource.Pinned, listed.Source);
        Assert.DoesNotContain(harbor.Requests, r => r.PathAndQuery.StartsWith("/api/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Api_harbor_lists_without_asking_for_the_system_info()
    {
        await using FakeHarbor harbor = await FakeHarbor.StartAsync();
        harbor.Project("library", isPublic: true).Artifact("library/a", HarborArtifactSeed.Chart("1.0.0", null, null, Pushed));
        using RemoteRegistry registry = harbor.Client(tune: o => o with { ListingApi = ListingApi.Harbor });

        RepositoryList listed = await RepositoryListing.ListAsync(registry, []);

        Assert.Equal(["library/a"], listed.Names);
        Assert.DoesNotContain(harbor.Requests, r => r.PathAndQuery.Contains("systeminfo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_registry_without_harbor_s_api_is_listed_through_its_catalog()
    {
        await using FakeRegistry registry = await FakeRegistry.StartAsync(context => context.Request.Path.StartsWithSegments("/v2/_catalog")
            ? FakeRegistry.WriteAsync(context, 200, "{\"repositories\":[\"charts/a\"]}")
            : FakeRegistry.WriteAsync(context, 404, "404 page not found", "text/plain"));
        using RemoteRegistry client = registry.Client();

        RepositoryList listed = await RepositoryListing.ListAsync(client, []);

        Assert.False(await HarborApi.DetectAsync(client));
        Assert.Equal((RepositorySource.Catalog, null), (listed.Source, listed.Note));
        Assert.Equal(["charts/a"], listed.Names);
        Assert.Null(await client.ListVersionTableAsync("charts/a"));
    }
}
