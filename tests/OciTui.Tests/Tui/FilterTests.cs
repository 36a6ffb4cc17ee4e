using OciTui.Registry.Profiles;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui;

/// <summary>The filter says what it is doing: a labelled line, a match count, a line when nothing matches, Ctrl-U, and Enter on a single match.</summary>
public sealed class FilterTests
{
    private static Profile Demo => new() { Name = "demo", Layout = RepositoryPaths.DemoLayout };

    [Fact]
    public async Task The_filter_is_labelled_counts_its_matches_and_says_when_nothing_matches()
    {
        using var tui = new TuiHarness([Demo]);
        await tui
            .Keys(Key.Enter).WaitFor("charts/hello")
            .Keys(Key.Enter).WaitFor("Version       1.0.0")
            .Type("/0.").WaitFor("filter: 0.").WaitFor("[3 of 4 match]")
            .Type("9").WaitFor("No match for '0.9'. Esc clears it.")
            .Keys(Key.U.WithCtrl).WaitUntil(s => s.Contains("~1.1.0-rc.1", StringComparison.Ordinal) && !s.Contains("No match for", StringComparison.Ordinal), "all rows back")
            .Do(() => Assert.Equal("1.0.0", tui.Window.Tags.Selected?.Tag), "a filter that matched nothing did not lose the selected tag")
            .RunAsync();
    }

    /// <summary>Defect: a filter typed by accident on Profiles left it empty with no explanation.</summary>
    [Fact]
    public async Task A_filter_that_hides_every_profile_says_so()
    {
        using var tui = new TuiHarness([Demo]);
        await tui
            .WaitFor("demo")
            .Type("/zz").WaitFor("No match for 'zz'. Esc clears it.")
            .Keys(Key.Esc).WaitFor("demo")
            .RunAsync();
    }

    [Fact]
    public async Task Enter_on_the_only_match_opens_it()
    {
        using var tui = new TuiHarness([Demo]);
        await tui
            .Keys(Key.Enter).WaitFor("charts/webapp")
            .Type("/webapp").WaitFor("[1 of 3 match]")
            .Keys(Key.Enter).WaitFor("Tags: charts/webapp")
            .RunAsync();
    }

    /// <summary>Defect: / in Details opened an unlabelled filter that blanked the details of every tag until Esc.</summary>
    [Fact]
    public async Task Search_in_details_keeps_every_line_and_n_moves_between_the_matches()
    {
        using var tui = new TuiHarness([Demo]);
        await tui
            .Keys(Key.Enter).WaitFor("charts/webapp")
            .Keys(Key.J, Key.Enter).WaitFor("App version   4.0.0")
            .Keys(Key.Enter).Do(() => Assert.True(tui.Window.Details.HasFocus, "in Details"), "focus")
            .Type("/sha256").WaitFor("search: sha256")
            .Keys(Key.Enter)
            .Do(() => Assert.Contains("Digest", SelectedLine(tui), StringComparison.Ordinal), "the first match is the digest")
            .Keys(Key.N).Do(() => Assert.Contains("sha256", SelectedLine(tui), StringComparison.Ordinal), "the next match")
            .Keys(Key.N.WithShift).Do(() => Assert.Contains("Digest", SelectedLine(tui), StringComparison.Ordinal), "back to the first")
            .RunAsync();
    }

    private static string SelectedLine(TuiHarness tui) =>
        tui.Window.Details.List.SelectedItem is int row ? tui.Window.Details.Source.RowText(row) : "";
}
