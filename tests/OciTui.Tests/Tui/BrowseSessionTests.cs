using System.Text.Json;
using OciTui.Registry;
using OciTui.Registry.Errors;
using OciTui.Registry.Layout;
using OciTui.Registry.Profiles;
using OciTui.Tui;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Tests.Tui;

/// <summary>The browse state without a terminal: what is open, what is selected, and details that always belong to the selected tag.</summary>
public sealed class BrowseSessionTests
{
    private static Profile Demo => new() { Name = "demo", Layout = RepositoryPaths.DemoLayout };

    private static BrowseSession Open(Func<Profile, IRegistry>? open = null, int detailsDelayMilliseconds = 0) =>
        new((profile, _) => open?.Invoke(profile) ?? new LayoutRegistry(profile.Layout!)) { DetailsDelay = TimeSpan.FromMilliseconds(detailsDelayMilliseconds) };

    [Fact]
    public async Task Opening_a_repository_selects_the_newest_stable_version_and_loads_its_details()
    {
        using BrowseSession session = Open();
        await session.OpenProfileAsync(Demo);
        Assert.Equal(["charts/hello", "charts/webapp", "platform/ingress-lite"], session.Repositories.Items);

        await session.OpenRepositoryAsync("charts/hello");
        Assert.Equal(["1.1.0-rc.1", "1.0.0", "0.2.0", "0.1.0"], session.Tags.Items.Select(t => t.Tag));
        Assert.Equal("1.0.0", session.Tag);
        Assert.Equal(LoadState.Loaded, session.Details?.State);
        Assert.Equal("1.0.0", session.Details?.Value?.Chart?.Version);
        Assert.Equal("1.0.0", session.Selected?.Details?.Chart?.Version);
    }

    [Fact]
    public async Task Selecting_another_tag_replaces_the_details_before_anything_loads()
    {
        using BrowseSession session = Open(detailsDelayMilliseconds: 50);
        await session.OpenProfileAsync(Demo);
        await session.OpenRepositoryAsync("charts/hello");
        // What the session holds at each change, read in the handler: under load the 50 ms delay may be over before
        // the test thread runs again, so asserting on the session after SelectTagAsync returns would race the load.
        var seen = new List<(string? Tag, LoadState? State, bool SelectedHasDetails)>();
        session.Changed += change =>
        {
            if ((change & BrowseChange.Details) != 0) seen.Add((session.Details?.Tag, session.Details?.State, session.Selected?.Details is not null));
        };

        Task loading = session.SelectTagAsync("0.2.0");
        Assert.Equal(("0.2.0", LoadState.Loading, false), seen[0]);
        await loading;
        Assert.Equal("0.2.0", session.Details?.Value?.Chart?.Version);
        Assert.Equal("0.2.0", session.Selected?.Details?.Chart?.Version);
    }

    [Fact]
    public async Task A_refresh_of_the_tags_keeps_the_selected_tag()
    {
        using BrowseSession session = Open();
        await session.OpenProfileAsync(Demo);
        await session.OpenRepositoryAsync("charts/hello");
        await session.SelectTagAsync("0.1.0");

        await session.RefreshTagsAsync();
        Assert.Equal("0.1.0", session.Tag);
        Assert.Equal("0.1.0", session.Details?.Value?.Chart?.Version);
    }

    [Fact]
    public async Task Opening_another_profile_closes_the_repository_the_tag_and_its_details()
    {
        using BrowseSession session = Open();
        await session.OpenProfileAsync(Demo);
        await session.OpenRepositoryAsync("charts/hello");
        await session.OpenProfileAsync(Demo with { Name = "again" });
        Assert.Null(session.Repository);
        Assert.Equal(LoadState.Idle, session.Tags.State);
        Assert.Null(session.Tag);
        Assert.Null(session.Details);
        Assert.Equal("open a repository first", session.WhyNoTagSelected);
        Assert.Null(session.PullCommand());
    }

    [Fact]
    public async Task The_pull_command_names_the_digest_of_the_details_shown()
    {
        using BrowseSession session = Open();
        await session.OpenProfileAsync(Demo);
        await session.OpenRepositoryAsync("charts/hello");
        string digest = session.Details!.Value!.Manifest.Digest.ToString();
        Assert.Equal($"ocitui pull demo/charts/hello:1.0.0\n(an OCI layout: helm cannot pull from it directly)", session.PullCommand());
        Assert.Equal(digest, session.Selected!.Details!.Manifest.Digest.ToString());
    }

    [Fact]
    public async Task A_registry_that_cannot_be_opened_is_one_sentence_in_place_of_the_repositories()
    {
        using BrowseSession session = Open(_ => throw new InvalidInputException("The profile 'demo' names a CA file that does not exist."));
        await session.OpenProfileAsync(Demo);
        Assert.Equal(LoadState.Failed, session.Repositories.State);
        Assert.StartsWith("The profile 'demo' names a CA file", session.Repositories.Message, StringComparison.Ordinal);
        Assert.Equal("the profile's registry could not be opened", session.WhyNoTagSelected);
    }

    [Fact]
    public async Task A_deleted_profile_closes_and_an_edited_one_is_opened_anew()
    {
        int opened = 0;
        using BrowseSession session = Open(p =>
        {
            opened++;
            return new LayoutRegistry(p.Layout!);
        });
        await session.OpenProfileAsync(Demo);
        await session.OpenRepositoryAsync("charts/hello");

        session.ProfilesChanged(new ProfileSet(null, [Demo with { Repositories = ["charts/hello"] }]));
        Assert.Equal(["charts/hello"], session.Profile?.Repositories);
        Assert.Equal("charts/hello", session.Repository);
        await session.RefreshDetailsAsync();
        Assert.Equal(1, opened);

        session.ProfilesChanged(new ProfileSet(null, [Demo with { Description = "changed" }]));
        await session.RefreshDetailsAsync();
        Assert.Equal(2, opened);

        session.ProfilesChanged(new ProfileSet(null, []));
        Assert.Null(session.Profile);
        Assert.Equal(LoadState.Idle, session.Repositories.State);
    }

    /// <summary>Defect: r after an outage jumped from the selected tag to the newest.</summary>
    [Fact]
    public async Task A_refresh_after_an_outage_comes_back_to_the_tag_that_was_selected()
    {
        bool down = false;
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            if (down)
                await WriteAsync(context, 503, "{}");
            else if (context.Request.Path.Value!.EndsWith("/tags/list", StringComparison.Ordinal))
                await WriteAsync(context, 200, JsonSerializer.Serialize(new { tags = new[] { "1.0.0", "1.1.0", "1.2.0" } }));
            else
                await WriteAsync(context, 404, "{}");
        });
        var profile = new Profile { Name = "flaky", Registry = fake.Server.HostAndPort, PlainHttp = true, Repositories = ["charts/app"] };
        using BrowseSession session = Open(p => RegistryFactory.Open(p));
        await session.OpenProfileAsync(profile);
        await session.OpenRepositoryAsync("charts/app");
        await session.SelectTagAsync("1.0.0");

        down = true;
        await session.RefreshTagsAsync();
        Assert.Equal(LoadState.Failed, session.Tags.State);
        down = false;
        await session.RefreshTagsAsync();
        Assert.Equal("1.0.0", session.Tag);
    }

    /// <summary>Defect: with both v2.9.8 and 2.9.8 tagged the cursor took v2.9.8; helm takes 2.9.8, and so do show and pull.</summary>
    [Fact]
    public async Task With_a_tie_the_cursor_starts_on_the_tag_helm_takes()
    {
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            if (context.Request.Path.Value!.EndsWith("/tags/list", StringComparison.Ordinal))
                await WriteAsync(context, 200, JsonSerializer.Serialize(new { tags = new[] { "v2.9.8", "2.9.8", "2.9.7" } }));
            else
                await WriteAsync(context, 404, "{}");
        });
        var profile = new Profile { Name = "tie", Registry = fake.Server.HostAndPort, PlainHttp = true, Repositories = ["charts/app"] };
        using BrowseSession session = Open(p => RegistryFactory.Open(p));
        await session.OpenProfileAsync(profile);
        await session.OpenRepositoryAsync("charts/app");
        Assert.Equal("2.9.8", session.Tag);
    }

    /// <summary>Defect: catalog pages handed to the UI thread after the full listing was set showed every repository twice.</summary>
    [Fact]
    public async Task Catalog_pages_that_arrive_after_the_full_listing_never_show_a_repository_twice()
    {
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            bool second = context.Request.Query.ContainsKey("last");
            if (!second) context.Response.Headers["Link"] = "</v2/_catalog?last=b&n=2>; rel=\"next\"";
            await WriteAsync(context, 200, JsonSerializer.Serialize(new { repositories = second ? new[] { "c" } : ["a", "b"] }));
        });
        var profile = new Profile { Name = "paged", Registry = fake.Server.HostAndPort, PlainHttp = true };
        using BrowseSession session = Open(p => RegistryFactory.Open(p));
        // A UI thread that runs the two catalog pages handed to it late, after the full listing: the worst case.
        var ui = new LateContext(late: 2, TimeSpan.FromMilliseconds(300));
        SynchronizationContext.SetSynchronizationContext(ui);
        try
        {
            await session.OpenProfileAsync(profile);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }
        Assert.Equal(LoadState.Loaded, session.Repositories.State);
        // Until both late pages ran (a fixed wait was too short under load), then the listing must be unchanged.
        await ui.LatePostsDone.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(["a", "b", "c"], session.Repositories.Items);
    }

    /// <summary>Runs what is posted on the thread pool, the first <paramref name="late"/> posts only after a delay.</summary>
    private sealed class LateContext(int late, TimeSpan delay) : SynchronizationContext
    {
        private int _posts;
        private int _latePostsRun;
        private readonly TaskCompletionSource _latePostsDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when all the late posts have run.</summary>
        public Task LatePostsDone => _latePostsDone.Task;

        public override void Post(SendOrPostCallback d, object? state)
        {
            bool isLate = Interlocked.Increment(ref _posts) <= late;
            _ = Task.Run(async () =>
            {
                if (isLate) await Task.Delay(delay);
                SetSynchronizationContext(this);
                d(state);
                if (isLate && Interlocked.Increment(ref _latePostsRun) == late) _latePostsDone.TrySetResult();
            });
        }
    }
}
