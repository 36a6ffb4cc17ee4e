using OciTui.Registry.Profiles;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui;

/// <summary>The panes at 80x24 and on a large terminal: every pane usable at the smallest, the room used at the largest.</summary>
public sealed class LayoutTests
{
    private static Profile Demo => new() { Name = "demo", Layout = RepositoryPaths.DemoLayout, Description = "sample" };

    [Fact]
    public async Task At_80x24_the_four_panes_and_the_keys_are_on_screen_and_tags_sit_above_details()
    {
        using var tui = new TuiHarness([Demo]);
        string screen = "";
        await tui
            .Keys(Key.Enter).WaitFor("charts/webapp")
            .Keys(Key.J, Key.Enter).WaitFor("App version   4.0.0")
            .Do(() => screen = tui.Screen, "capture")
            .RunAsync();
        string[] rows = screen.TrimEnd('\n').Split('\n');
        Assert.Equal(24, rows.Length);
        int tags = Array.FindIndex(rows, r => r.Contains("Tags: charts/webapp", StringComparison.Ordinal));
        int details = Array.FindIndex(rows, r => r.Contains("Details: 2.0.0", StringComparison.Ordinal));
        Assert.True(tags == 0 && details > tags, $"Tags above Details:\n{screen}");
        Assert.Contains("Profiles", rows[0], StringComparison.Ordinal);
        Assert.Contains(rows, r => r.Contains("Repositories: demo", StringComparison.Ordinal));
        Assert.Contains("d download", rows[23], StringComparison.Ordinal);
        Assert.True(rows.All(r => r.Length <= 80));
    }

    [Fact]
    public async Task A_wide_terminal_puts_tags_and_details_side_by_side()
    {
        using var tui = new TuiHarness([Demo], columns: 160, rows: 40);
        string screen = "";
        await tui
            .Keys(Key.Enter).WaitFor("charts/webapp")
            .Keys(Key.J, Key.Enter).WaitFor("App version   4.0.0")
            .Do(() => screen = tui.Screen, "capture")
            .RunAsync();
        string top = screen.Split('\n')[0];
        Assert.True(top.IndexOf("Profiles", StringComparison.Ordinal) < top.IndexOf("Tags: charts/webapp", StringComparison.Ordinal)
            && top.IndexOf("Tags: charts/webapp", StringComparison.Ordinal) < top.IndexOf("Details: 2.0.0", StringComparison.Ordinal), $"three columns:\n{screen}");
        Assert.Contains(" 2.0.0    4.0.0        2026-03-15", screen, StringComparison.Ordinal);
        Assert.Contains("Annotations", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_left_column_widens_while_it_has_the_focus()
    {
        using var tui = new TuiHarness([Demo]);
        int focused = 0, away = 0;
        await tui
            .WaitFor("demo")
            .Do(() => focused = tui.Window.Profiles.Frame.Width, "width with the focus")
            .Keys(Key.Enter).WaitFor("charts/webapp")
            .Keys(Key.J, Key.Enter).WaitFor("App version   4.0.0")
            .Do(() => away = tui.Window.Profiles.Frame.Width, "width without it")
            .RunAsync();
        Assert.True(focused > away + 10, $"{focused} vs {away}");
        Assert.True(away >= 20);
    }
}
