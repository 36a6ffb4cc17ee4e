using OciTui.Registry.Profiles;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui;

/// <summary>Moving in and between the panes as k9s and lazygit users expect: the ends of a list hold, Esc goes back, g and G jump.</summary>
public sealed class NavigationTests
{
    private static Profile Demo => new() { Name = "demo", Layout = RepositoryPaths.DemoLayout };

    /// <summary>Defect: Up at the top of Tags went to Repositories, and a following Enter re-opened the profile and cleared Tags.</summary>
    [Fact]
    public async Task Up_and_k_at_the_top_of_a_list_stay_in_the_pane()
    {
        using var tui = new TuiHarness([Demo]);
        await tui
            .Keys(Key.Enter).WaitFor("charts/hello")
            .Keys(Key.Enter).WaitFor("Version       1.0.0")
            .Keys(Key.CursorUp, Key.CursorUp, Key.K, Key.CursorUp)
            .Do(() => Assert.True(tui.Window.Tags.HasFocus, "Tags keep the focus"), "focus")
            .Do(() => Assert.Equal("1.1.0-rc.1", tui.Window.Tags.Selected?.Tag), "the top row")
            .Keys(Key.Enter).WaitFor("Version       1.1.0-rc.1")
            .Do(() => Assert.Equal(OciTui.Tui.LoadState.Loaded, tui.Window.Session.Tags.State), "Tags were not cleared")
            .RunAsync();
    }


    [Fact]
    public async Task Escape_clears_a_filter_first_then_goes_back_one_pane_and_never_quits()
    {
        using var tui = new TuiHarness([Demo]);
        await tui
            .Keys(Key.Enter).WaitFor("charts/hello")
            .Keys(Key.Enter).WaitFor("Version       1.0.0")
            .Type("/0.1").Keys(Key.CursorDown).WaitUntil(s => !s.Contains(" 0.2.0", StringComparison.Ordinal), "filtered")
            .Keys(Key.Esc).WaitFor(" 0.2.0")
            .Do(() => Assert.True(tui.Window.Tags.HasFocus, "the first Esc only cleared the filter"), "still in Tags")
            .Keys(Key.Esc).Do(() => Assert.True(tui.Window.Repositories.HasFocus, "back to Repositories"), "back")
            .Keys(Key.Esc).Do(() => Assert.True(tui.Window.Profiles.HasFocus, "back to Profiles"), "back again")
            .Keys(Key.Esc).Do(() => Assert.True(tui.Window.IsRunning && tui.Window.Profiles.HasFocus, "Esc at Profiles stays"), "stays")
            .RunAsync();
    }

    [Fact]
    public async Task G_goes_to_the_last_row_and_g_to_the_first()
    {
        using var tui = new TuiHarness([Demo]);
        await tui
            .Keys(Key.Enter).WaitFor("charts/hello")
            .Keys(Key.Enter).WaitFor("Version       1.0.0")
            .Keys(Key.G.WithShift).WaitFor("Version       0.1.0")
            .Keys(Key.G).WaitFor("Version       1.1.0-rc.1")
            .RunAsync();
    }
}
