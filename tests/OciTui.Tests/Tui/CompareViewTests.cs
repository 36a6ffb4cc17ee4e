using System.Security.Cryptography;
using OciTui.Registry.Layout;
using OciTui.Registry.Profiles;
using OciTui.Tui;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui;

/// <summary>
/// The compare view, headless: Space marks a version, = compares it with the selected one; tabs, next change,
/// re-comparing as the selection moves, the 80 and 140 column layouts, NO_COLOR and hostile strings in values.
/// </summary>
public sealed class CompareViewTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"ocitui-compare-{Guid.NewGuid():N}");
    // Each version's chart layer digest, for holding its read (HeldRegistry).
    private readonly Dictionary<string, string> _layers = new(StringComparer.Ordinal);

    public CompareViewTests()
    {
        var layout = new OciLayoutWriter(Path.Combine(_root, "charts", "app"));
        foreach ((string version, string tag, string extra) in new[] { ("1.0.0", "v4.1.0", "redis:\n  replicas: 3\n"), ("1.1.0", "v4.1.1", ""), ("1.2.0", "v4.2.0", "title: \"\\e]0;pwned\\a\\e[31mred\\u202Eevil\"\n") })
        {
            var chart = new ChartArchiveBuilder("app", version)
            {
                AppVersion = tag,
                Values = $"replicaCount: 1\nimage:\n  repository: example/app\n  tag: {tag}\n{extra}service:\n  port: 80\n",
            };
            layout.AddChart(chart);
            _layers[version] = $"sha256:{Convert.ToHexStringLower(SHA256.HashData(chart.Build()))}";
        }
        layout.Save();
    }

    private Profile Lab => new() { Name = "lab", Layout = _root };

    /// <summary>Opens charts/app: 1.2.0, 1.1.0, 1.0.0, the cursor on 1.2.0.</summary>
    private static TuiHarness OpenedApp(TuiHarness tui) => tui
        .Keys(Key.Enter).WaitFor("charts/app")
        .Keys(Key.Enter).WaitFor("(3, 3 semver)");

    /// <summary>Opens charts/app (1.2.0, 1.1.0, 1.0.0; the cursor on 1.2.0), marks 1.0.0 and selects 1.1.0.</summary>
    private static TuiHarness MarkedOneSelectedOther(TuiHarness tui) => OpenedApp(tui)
        .Keys(Key.CursorDown, Key.CursorDown, Key.Space).WaitUntil(_ => tui.Window.Session.MarkedTags.Count == 1, "1.0.0 marked")
        .Keys(Key.CursorUp).WaitUntil(_ => tui.Window.Session.Tag == "1.1.0", "1.1.0 selected");

    [Fact]
    public async Task Equals_compares_the_marked_version_with_the_selected_one_key_paths_first()
    {
        using var tui = new TuiHarness([Lab]);
        await MarkedOneSelectedOther(tui)
            .Keys(new Key('=')).WaitFor("image.tag: v4.1.0 -> v4.1.1")
            .Do(() =>
            {
                Assert.Contains("1.0.0 -> 1.1.0", tui.Screen, StringComparison.Ordinal);
                Assert.Contains("[values]", tui.Screen, StringComparison.Ordinal);
                Assert.Contains("- redis.replicas: 3 -> removed", tui.Screen, StringComparison.Ordinal);
                // The summary comes before the text diff.
                List<string> lines = [.. tui.Window.Compare.Lines.Select(l => l.Text)];
                Assert.True(lines.FindIndex(l => l.Contains("image.tag:", StringComparison.Ordinal)) < lines.FindIndex(l => l.StartsWith("@@", StringComparison.Ordinal)));
                Assert.Contains("-  tag: v4.1.0", lines);
                Assert.Contains("+  tag: v4.1.1", lines);
            }, "summary, then the unified diff with its markers")
            .RunAsync();
    }

    [Fact]
    public async Task Tab_goes_through_chart_yaml_files_and_images_and_esc_closes_the_view()
    {
        using var tui = new TuiHarness([Lab]);
        await MarkedOneSelectedOther(tui)
            .Keys(new Key('=')).WaitFor("image.tag: v4.1.0 -> v4.1.1")
            .Keys(Key.Tab).WaitFor("[Chart.yaml]")
            .WaitFor("~ version: 1.0.0 -> 1.1.0")
            .Keys(Key.Tab).WaitFor("~ changed  values.yaml")
            .Keys(Key.Tab).WaitFor("~ image: example/app:v4.1.0 -> example/app:v4.1.1")
            .Keys(Key.Tab.WithShift).WaitFor("[files]")
            .Keys(Key.Esc).WaitUntil(_ => !tui.Window.Compare.Visible && tui.Window.Tags.Visible, "the panes again")
            .Do(() => Assert.Null(tui.Window.Session.Comparison), "the comparison is closed")
            .RunAsync();
    }

    [Fact]
    public async Task N_goes_to_the_next_change_and_shift_n_back()
    {
        using var tui = new TuiHarness([Lab]);
        int first = -1;
        await MarkedOneSelectedOther(tui)
            .Keys(new Key('=')).WaitFor("image.tag: v4.1.0 -> v4.1.1")
            .Keys(Key.N).Do(() =>
            {
                first = tui.Window.Compare.List.SelectedItem ?? -1;
                Assert.True(tui.Window.Compare.Lines[first].IsChange, tui.Window.Compare.Lines[first].Text);
            }, "on a change")
            .Keys(Key.N).Do(() =>
            {
                int second = tui.Window.Compare.List.SelectedItem ?? -1;
                Assert.True(second > first && tui.Window.Compare.Lines[second].IsChange && !tui.Window.Compare.Lines[second - 1].IsChange, $"{first} then {second}");
            }, "on the next run of changes")
            .Keys(Key.N.WithShift).Do(() => Assert.Equal(first, tui.Window.Compare.List.SelectedItem), "back on the first")
            .RunAsync();
    }

    [Fact]
    public async Task Moving_the_selection_compares_the_marked_version_with_the_new_one()
    {
        using var tui = new TuiHarness([Lab]);
        await MarkedOneSelectedOther(tui)
            .Keys(new Key('=')).WaitFor("image.tag: v4.1.0 -> v4.1.1")
            .Keys(new Key('[')).WaitFor("image.tag: v4.1.0 -> v4.2.0")
            .Do(() => Assert.Equal(("1.0.0", "1.2.0"), (tui.Window.Session.Comparison!.FromTag, tui.Window.Session.Comparison.ToTag)), "1.0.0 -> 1.2.0")
            .Keys(new Key(']')).WaitFor("image.tag: v4.1.0 -> v4.1.1")
            .RunAsync();
    }

    [Fact]
    public async Task Without_a_marked_version_equals_says_why_on_the_status_line()
    {
        using var tui = new TuiHarness([Lab]);
        await MarkedOneSelectedOther(tui)
            .Keys(Key.CursorDown, Key.Space).WaitUntil(_ => tui.Window.Session.MarkedTags.Count == 0, "1.0.0 unmarked")
            .Keys(new Key('=')).WaitFor("= compare: mark a version with Space first")
            .Do(() => Assert.False(tui.Window.Compare.Visible), "no compare view")
            .RunAsync();
    }

    [Fact]
    public async Task Without_colour_every_added_and_removed_line_keeps_its_marker()
    {
        using var tui = new TuiHarness([Lab]);
        tui.Window.Compare.Colour = false;
        await MarkedOneSelectedOther(tui)
            .Keys(new Key('=')).WaitFor("image.tag: v4.1.0 -> v4.1.1")
            .Do(() =>
            {
                Assert.Null(tui.Window.Compare.Source.ItemAttribute!(0, default));
                foreach (CompareLine line in tui.Window.Compare.Lines)
                {
                    if (line.Kind == CompareLineKind.Added) Assert.StartsWith("+", line.Text, StringComparison.Ordinal);
                    if (line.Kind == CompareLineKind.Removed) Assert.StartsWith("-", line.Text, StringComparison.Ordinal);
                    if (line.Kind == CompareLineKind.Changed) Assert.StartsWith("~", line.Text, StringComparison.Ordinal);
                }
                Assert.Contains(tui.Window.Compare.Lines, l => l.Kind == CompareLineKind.Added);
                Assert.Contains(tui.Window.Compare.Lines, l => l.Kind == CompareLineKind.Removed);
            }, "markers on every changed line")
            .RunAsync();
    }

    [Fact]
    public async Task At_80_columns_the_diff_is_unified_and_fits()
    {
        using var tui = new TuiHarness([Lab]);
        await MarkedOneSelectedOther(tui)
            .Keys(new Key('=')).WaitFor("image.tag: v4.1.0 -> v4.1.1")
            .Do(() =>
            {
                Assert.DoesNotContain(tui.Window.Compare.Lines, l => l.Text.Contains(" │ ", StringComparison.Ordinal));
                Assert.All(tui.Screen.Split('\n'), row => Assert.True(row.TrimEnd().Length <= 80, row));
                Assert.Contains("Esc close", tui.Screen, StringComparison.Ordinal);
            }, "unified, one column")
            .RunAsync();
    }

    [Fact]
    public async Task From_140_columns_old_and_new_lines_stand_side_by_side()
    {
        using var tui = new TuiHarness([Lab], columns: 140, rows: 40);
        await MarkedOneSelectedOther(tui)
            .Keys(new Key('=')).WaitFor("image.tag: v4.1.0 -> v4.1.1")
            .Do(() =>
            {
                string row = tui.Screen.Split('\n').Single(r => r.Contains("-  tag: v4.1.0", StringComparison.Ordinal));
                Assert.Contains(" │ +  tag: v4.1.1", row, StringComparison.Ordinal);
            }, "the old line beside the new one")
            .RunAsync();
    }

    [Fact]
    public async Task Escape_sequences_and_bidi_controls_in_values_never_reach_the_screen()
    {
        using var tui = new TuiHarness([Lab]);
        await OpenedApp(tui)
            .Keys(Key.CursorDown, Key.Space, Key.CursorUp).WaitUntil(_ => tui.Window.Session.Tag == "1.2.0" && tui.Window.Session.MarkedTags.Count == 1, "1.1.0 marked, 1.2.0 selected")
            .Keys(new Key('=')).WaitFor("title: added")
            .Do(() =>
            {
                foreach (CompareLine line in tui.Window.Compare.Lines)
                    Assert.DoesNotContain(line.Text, c => char.IsControl(c) || c is '\u202E' or '\u202D' or '\u2066' or '\u2067' or '\u2068' or '\u2069');
                Assert.DoesNotContain('\e', tui.Screen);
                Assert.DoesNotContain('\u202E', tui.Screen);
            }, "nothing raw")
            .RunAsync();
    }

    /// <summary>A session whose registry is the layout behind <see cref="HeldRegistry"/>, so a test decides when a chart arrives.</summary>
    private TuiHarness HeldHarness(out Func<HeldRegistry> held)
    {
        HeldRegistry? opened = null;
        held = () => opened ?? throw new InvalidOperationException("the profile is not open yet");
        return new TuiHarness([Lab], open: p => opened = new HeldRegistry(new LayoutRegistry(p.Layout!)));
    }

    [Fact]
    public async Task A_compare_still_loading_when_the_selection_moves_never_replaces_the_newer_one()
    {
        using TuiHarness tui = HeldHarness(out Func<HeldRegistry> held);
        Task stale = Task.CompletedTask;
        await MarkedOneSelectedOther(tui)
            .WaitFor("App version   v4.1.1")
            .Do(() => held().Hold(_layers["1.1.0"]), "1.1.0's chart held")
            .Keys(new Key('=')).WaitUntil(_ => held().IsWaiting(_layers["1.1.0"]), "1.0.0 -> 1.1.0 reading 1.1.0")
            .Do(() => stale = tui.Window.Pending, "the compare of 1.1.0")
            .WaitFor("reading both versions…")
            .Keys(new Key('[')).WaitFor("image.tag: v4.1.0 -> v4.2.0")
            .Do(() => held().Release(_layers["1.1.0"]), "1.1.0's chart arrives, late")
            .WaitUntil(_ => stale.IsCompleted, "the compare of 1.1.0 ended")
            .Do(() =>
            {
                TagComparison shown = tui.Window.Session.Comparison!;
                Assert.Equal(("1.0.0", "1.2.0", LoadState.Loaded), (shown.FromTag, shown.ToTag, shown.State));
                Assert.Contains("image.tag: v4.1.0 -> v4.2.0", tui.Screen, StringComparison.Ordinal);
                Assert.DoesNotContain("v4.1.1", tui.Screen, StringComparison.Ordinal);
            }, "still 1.0.0 -> 1.2.0")
            .RunAsync();
    }

    [Fact]
    public async Task A_compare_left_behind_by_the_bracket_key_never_shows_while_the_next_one_loads()
    {
        using TuiHarness tui = HeldHarness(out Func<HeldRegistry> held);
        Task stale = Task.CompletedTask;
        await MarkedOneSelectedOther(tui)
            .Keys(Key.CursorUp).WaitFor("App version   v4.2.0")
            .Do(() =>
            {
                held().Hold(_layers["1.2.0"]);
                held().Hold(_layers["1.1.0"]);
            }, "1.2.0's and 1.1.0's charts held")
            .Keys(new Key('=')).WaitUntil(_ => held().IsWaiting(_layers["1.2.0"]), "1.0.0 -> 1.2.0 reading 1.2.0")
            .Do(() => stale = tui.Window.Pending, "the compare of 1.2.0")
            .Keys(new Key(']')).WaitUntil(_ => held().IsWaiting(_layers["1.1.0"]), "1.0.0 -> 1.1.0 reading 1.1.0")
            .Do(() => held().Release(_layers["1.2.0"]), "1.2.0's chart arrives while 1.1.0's is still on its way")
            .WaitUntil(_ => stale.IsCompleted, "the compare of 1.2.0 ended")
            .Do(() =>
            {
                TagComparison shown = tui.Window.Session.Comparison!;
                Assert.Equal(("1.0.0", "1.1.0", LoadState.Loading), (shown.FromTag, shown.ToTag, shown.State));
                Assert.Contains("reading both versions…", tui.Screen, StringComparison.Ordinal);
                Assert.DoesNotContain("v4.2.0", tui.Screen, StringComparison.Ordinal);
            }, "1.0.0 -> 1.1.0 still loading, nothing of 1.2.0 shown")
            .Do(() => held().Release(_layers["1.1.0"]), "1.1.0's chart arrives")
            .WaitFor("image.tag: v4.1.0 -> v4.1.1")
            .RunAsync();
    }

    [Fact]
    public async Task Esc_while_a_compare_loads_cancels_it_and_its_answer_never_reopens_the_view()
    {
        using TuiHarness tui = HeldHarness(out Func<HeldRegistry> held);
        Task stale = Task.CompletedTask;
        await MarkedOneSelectedOther(tui)
            .WaitFor("App version   v4.1.1")
            .Do(() => held().Hold(_layers["1.1.0"]), "1.1.0's chart held")
            .Keys(new Key('=')).WaitUntil(_ => held().IsWaiting(_layers["1.1.0"]), "1.0.0 -> 1.1.0 reading 1.1.0")
            .Do(() => stale = tui.Window.Pending, "the compare of 1.1.0")
            .Keys(Key.Esc).WaitUntil(_ => !tui.Window.Compare.Visible && tui.Window.Tags.Visible, "the panes again")
            // Cancelled: the compare ends while the chart it waited for is still on its way.
            .WaitUntil(_ => stale.IsCompleted, "the compare of 1.1.0 ended")
            .Do(() =>
            {
                Assert.True(held().IsWaiting(_layers["1.1.0"]), "1.1.0's chart is still held");
                Assert.Null(tui.Window.Session.Comparison);
                held().Release(_layers["1.1.0"]);
            }, "ended before its chart came; then it comes")
            .Pause(TimeSpan.FromMilliseconds(300))
            .Do(() =>
            {
                Assert.Null(tui.Window.Session.Comparison);
                Assert.False(tui.Window.Compare.Visible);
                Assert.Contains("App version   v4.1.1", tui.Screen, StringComparison.Ordinal);
            }, "still closed")
            .RunAsync();
    }

    [Fact]
    public async Task Marking_a_version_reads_it_before_the_compare_which_then_reads_only_the_selected_one()
    {
        using TuiHarness tui = HeldHarness(out Func<HeldRegistry> held);
        await MarkedOneSelectedOther(tui)
            .WaitUntil(_ => tui.Window.Session.ReadingMarked.IsCompleted && held().Reads(_layers["1.0.0"]) == 1, "1.0.0 read after Space")
            .Do(() => held().Hold(_layers["1.0.0"]), "1.0.0's chart held from now on")
            .Keys(new Key('=')).WaitFor("image.tag: v4.1.0 -> v4.1.1")
            .Do(() =>
            {
                Assert.False(held().IsWaiting(_layers["1.0.0"]), "the compare asked for 1.0.0's chart again");
                Assert.Equal(1, held().Reads(_layers["1.0.0"]));
                Assert.Equal(1, held().Reads(_layers["1.1.0"]));
            }, "the marked chart came from the cache")
            .RunAsync();
    }

    [Fact]
    public async Task Unmarking_stops_reading_the_marked_version()
    {
        using TuiHarness tui = HeldHarness(out Func<HeldRegistry> held);
        Task reading = Task.CompletedTask;
        await OpenedApp(tui)
            .Do(() => held().Hold(_layers["1.2.0"]), "1.2.0's chart held")
            .Keys(Key.Space).WaitUntil(_ => held().IsWaiting(_layers["1.2.0"]), "1.2.0 marked and being read")
            .Do(() => reading = tui.Window.Session.ReadingMarked, "the read of 1.2.0")
            .Keys(Key.Space).WaitUntil(_ => reading.IsCompleted, "unmarked: the read stopped while its chart is still held")
            .Do(() =>
            {
                Assert.Empty(tui.Window.Session.MarkedTags);
                Assert.True(held().IsWaiting(_layers["1.2.0"]));
                held().Release(_layers["1.2.0"]);
            }, "nothing marked")
            .RunAsync();
    }

    [Fact]
    public async Task A_marked_version_whose_chart_cannot_be_read_fails_the_compare_in_one_sentence_and_esc_closes_it()
    {
        // 1.0.0's chart layer gone from the layout, as from a registry that lost a blob.
        File.Delete(Path.Combine(_root, "charts", "app", "blobs", "sha256", _layers["1.0.0"]["sha256:".Length..]));
        using TuiHarness tui = HeldHarness(out Func<HeldRegistry> held);
        await MarkedOneSelectedOther(tui)
            .WaitUntil(_ => tui.Window.Session.ReadingMarked.IsCompleted && held().Reads(_layers["1.0.0"]) == 1, "the read after Space failed, quietly")
            .Keys(new Key('=')).WaitFor("is missing from layout")
            .Do(() =>
            {
                TagComparison failed = tui.Window.Session.Comparison!;
                Assert.Equal(LoadState.Failed, failed.State);
                Assert.DoesNotContain('\n', failed.Message!);
                Assert.DoesNotContain(" at OciTui", tui.Screen, StringComparison.Ordinal);
                Assert.Empty(tui.Window.Compare.Lines);
            }, "the compare failed with one sentence, nothing else on screen")
            .Keys(Key.Esc).WaitUntil(_ => !tui.Window.Compare.Visible && tui.Window.Tags.Visible, "the panes again")
            .Keys(Key.CursorDown, Key.Space).WaitUntil(_ => tui.Window.Session.MarkedTags.Count == 0, "1.0.0 unmarked")
            .Keys(Key.CursorUp, Key.CursorUp, Key.Space, Key.CursorDown, new Key('=')).WaitFor("image.tag: v4.2.0 -> v4.1.1")
            .RunAsync();
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
