using OciTui.Registry.Profiles;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui;

/// <summary>The main window, headless at 80x24 on the sample layouts: walking the panes, filtering, the details views.</summary>
public sealed class MainWindowTests
{
    private static Profile Demo => new() { Name = "demo", Layout = RepositoryPaths.DemoLayout };

    [Fact]
    public async Task Walks_profile_repository_tag_and_details_with_the_keyboard()
    {
        using var tui = new TuiHarness([Demo]);
        string? details = null;
        await tui
            .WaitFor("demo")
            .Keys(Key.Enter).WaitFor("charts/webapp")
            .Keys(Key.J).Keys(Key.Enter).WaitFor("Tags: charts/webapp")
            .WaitFor("2.0.0")
            .WaitFor("App version   4.0.0")
            .Do(() => details = tui.Screen, "capture")
            .RunAsync();
        Assert.Contains("Kube version  >=1.27.0-0", details, StringComparison.Ordinal);
        Assert.Contains("Repositories: demo", details, StringComparison.Ordinal);
        string[] lines = details!.Split('\n');
        Assert.Contains("d download", lines[23], StringComparison.Ordinal);
        Assert.Contains("q quit", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_filter_narrows_the_tags_and_escape_clears_it_without_quitting()
    {
        using var tui = new TuiHarness([Demo]);
        await tui
            .Keys(Key.Enter).WaitFor("charts/hello")
            .Keys(Key.Enter).WaitFor("0.2.0")
            .Type("/0.1").WaitUntil(s => s.Contains("0.1.0", StringComparison.Ordinal) && !s.Contains(" 0.2.0", StringComparison.Ordinal), "only 0.1.0 left")
            .Keys(Key.Esc).WaitFor(" 0.2.0")
            .Do(() => Assert.True(tui.Window.IsRunning), "still running")
            .RunAsync();
    }

    [Fact]
    public async Task Details_show_values_readme_and_the_raw_manifest_on_demand()
    {
        using var tui = new TuiHarness([Demo]);
        await tui
            .Keys(Key.Enter).WaitFor("charts/webapp")
            .Keys(Key.J, Key.Enter).WaitFor("App version   4.0.0")
            .Keys(Key.V).WaitFor("repository: ghcr.io")
            .Keys(Key.E).WaitFor("# webapp")
            .Keys(Key.M).WaitFor("\"schemaVersion\":2")
            .Keys(Key.S).WaitFor("App version   4.0.0")
            .RunAsync();
    }

    /// <summary>Defect: referrers or a provenance verdict arriving after the switch reset the title to the bare tag (a CI run lost "(t: back)").</summary>
    [Fact]
    public async Task A_view_keeps_its_title_when_more_of_the_same_details_arrive()
    {
        using var tui = new TuiHarness([Demo]);
        await tui
            .Keys(Key.Enter).WaitFor("charts/webapp")
            .Keys(Key.J, Key.Enter).WaitFor("App version   4.0.0")
            .Keys(Key.V).WaitFor("Details: 2.0.0 values.yaml")
            .Do(() => tui.Window.Details.Render(tui.Window.Session), "the same details raised again (referrers, provenance)")
            .WaitFor("Details: 2.0.0 values.yaml")
            .Do(() => Assert.EndsWith(" values.yaml", tui.Window.Details.Title, StringComparison.Ordinal), "the title kept")
            .RunAsync();
    }

    [Fact]
    public async Task Question_mark_and_f1_list_every_key_and_escape_closes_the_list()
    {
        using var tui = new TuiHarness([Demo]);
        await tui
            .Keys(new Key('?')).WaitFor("┃Tab / Shift-Tab   next / previous pane")
            // More keys than 24 rows hold: the list scrolls to its end.
            .Keys(Key.End).WaitFor("Download dialog   Enter start")
            .Keys(Key.Esc).WaitUntil(s => !s.Contains("next / previous pane", StringComparison.Ordinal), "the list closed")
            .Keys(Key.F1).WaitFor("m raw manifest")
            .Keys(Key.Enter).WaitUntil(s => !s.Contains("m raw manifest", StringComparison.Ordinal), "closed with OK")
            .Do(() => Assert.True(tui.Window.IsRunning), "still running")
            .RunAsync();
    }

    /// <summary>Defect: <c>ocitui demo</c> listed its three repositories twice (a catalog page drawn after the full listing).</summary>
    [Fact]
    public async Task A_profile_opened_at_start_lists_each_repository_once()
    {
        using var tui = new TuiHarness([Demo]);
        await tui
            .Do(() => tui.Window.OpenProfile("demo"), "ocitui demo")
            .WaitFor("Repositories: demo (3)")
            .Pause(TimeSpan.FromMilliseconds(300))
            .Do(() => Assert.Equal(3, tui.Window.Repositories.Source.Count), "three rows, not six")
            .RunAsync();
    }
}
