using OciTui.Registry.Profiles;
using OciTui.Tui;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui;

/// <summary>Dialog text at 80 columns is wrapped, never cut: a cut flag or digest reads as another command.</summary>
public sealed class DialogTextTests
{
    private static Profile Demo => new() { Name = "demo", Layout = RepositoryPaths.DemoLayout };

    /// <summary>Defect: y at 80 columns cut '--plain-htt' and the digest.</summary>
    [Fact]
    public async Task The_pull_command_at_80_columns_wraps_its_flag_and_digest_whole()
    {
        await using FakeChartRegistry fake = await FakeChartRegistry.StartAsync(FakeChartRegistry.ServeWhole);
        using var tui = new TuiHarness([fake.Profile]);
        string screen = "";
        await tui
            .Keys(Key.Enter).WaitFor("charts/chart")
            .Keys(Key.Enter).WaitFor("App version   9.9.9")
            .Keys(Key.Y).WaitFor("Select a line with the mouse")
            .Do(() => screen = tui.Screen, "capture")
            .Keys(Key.Enter)
            .RunAsync();
        string digest = tui.Window.Session.Selected!.Details!.Manifest.Digest.ToString();
        // The dialog's rows without its frame, joined: the wrapped lines read back whole.
        string text = string.Concat(screen.Split('\n').Select(InsideTheDialog));
        Assert.Contains("--plain-http", text, StringComparison.Ordinal);
        Assert.Contains($"@{digest}", text, StringComparison.Ordinal);
        Assert.All(screen.Split('\n'), row => Assert.True(row.Length <= 80));
    }

    /// <summary>What a screen row holds between the dialog's heavy frame (┃ ... ┃), or nothing.</summary>
    private static string InsideTheDialog(string row)
    {
        int left = row.IndexOf('┃', StringComparison.Ordinal);
        int right = row.LastIndexOf('┃');
        return left >= 0 && right > left ? row[(left + 1)..right].TrimEnd() : "";
    }

    [Fact]
    public void The_clipboard_note_says_what_tmux_needs_to_pass_it_on()
    {
        Assert.Contains("set-clipboard on", PullDialog.ClipboardNote(sentToClipboard: true, inTmux: true), StringComparison.Ordinal);
        Assert.DoesNotContain("tmux", PullDialog.ClipboardNote(sentToClipboard: true, inTmux: false), StringComparison.Ordinal);
    }

    /// <summary>Defect: the a prompt at 80 columns was cut.</summary>
    [Fact]
    public async Task The_repository_prompt_at_80_columns_is_shown_whole()
    {
        using var tui = new TuiHarness([Demo]);
        await tui
            .Keys(Key.Enter).WaitFor("charts/hello")
            .Keys(Key.A).WaitFor("p pins it afterwards:")
            .Keys(Key.Esc)
            .RunAsync();
    }
}
