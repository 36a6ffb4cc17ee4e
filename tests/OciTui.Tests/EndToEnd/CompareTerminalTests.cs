using System.Text.RegularExpressions;

namespace OciTui.Tests.EndToEnd;

/// <summary>
/// The compare view in a real terminal: the built ocitui in tmux against the real docker-registry holding two versions
/// of a chart whose values differ in three places. Space marks one version, = compares it with the selected one; the
/// layout is unified at 80x24 and side by side from 140 columns. With <c>$OCITUI_COMPARE_CAPTURES</c> set to a
/// directory, the screens are also written there (compare-80x24.txt, compare-140x40.txt), for the issue's note.
/// </summary>
public sealed partial class CompareTerminalTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>, IAsyncLifetime
{
    private const string Repository = "compare/charts/app";
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-e2e-compare-").FullName;

    public async Task InitializeAsync()
    {
        if (!registry.Started) return;
        await registry.Seeder.PushChartAsync(Repository, new ChartArchiveBuilder("app", "1.0.0") { AppVersion = "v4.1.0", Values = Values("v4.1.0", 80, "128Mi", "redis:\n  replicas: 3\n") });
        await registry.Seeder.PushChartAsync(Repository, new ChartArchiveBuilder("app", "1.1.0") { AppVersion = "v4.1.1", Values = Values("v4.1.1", 8080, "256Mi", "metrics:\n  enabled: true\n") });
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A values file with three changes far enough apart (more than twice the three lines of context) to make three
    /// hunks, so next change has somewhere to go and the last hunk starts below the first screenful at 80x24.
    /// </summary>
    private static string Values(string tag, int port, string memory, string tail) => $"""
        replicaCount: 1
        image:
          repository: example/app
          tag: {tag}
          pullPolicy: IfNotPresent
        ingress:
          enabled: false
          className: ""
          annotations: {"{}"}
          hosts:
            - host: app.example.com
              paths:
                - path: /
                  pathType: Prefix
        service:
          type: ClusterIP
          port: {port}
        podAnnotations: {"{}"}
        nodeSelector: {"{}"}
        tolerations: []
        affinity: {"{}"}
        securityContext: {"{}"}
        resources:
          limits:
            cpu: 500m
            memory: {memory}

        """ + tail;

    private TmuxSession Start(int columns, int rows, bool noColor = false)
    {
        string profiles = Path.Combine(_directory, "profiles.json");
        File.WriteAllText(profiles, $$"""{ "profiles": { "local": { "registry": "{{registry.Host}}", "plainHttp": true } } }""");
        var environment = new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = Path.Combine(_directory, "config") };
        if (noColor) environment["NO_COLOR"] = "1";
        return TmuxSession.Start(_directory, environment, $"--profiles '{profiles}'", columns, rows);
    }

    /// <summary>Opens the repository (the cursor on 1.1.0, the newest), marks 1.0.0 with Space, goes back up and presses =.</summary>
    private static string MarkTheOlderVersionAndCompare(TmuxSession terminal)
    {
        terminal.WaitFor("local");
        terminal.Keys("Enter");
        terminal.WaitFor(Repository);
        terminal.Keys("Enter");
        terminal.WaitFor("Details: 1.1.0");
        terminal.Keys("j");
        terminal.WaitFor("Details: 1.0.0");
        terminal.Keys("Space");
        terminal.WaitUntil(s => MarkedRow().IsMatch(s), "1.0.0 marked");
        terminal.Keys("k");
        terminal.WaitFor("Details: 1.1.0");
        terminal.Keys("=");
        return terminal.WaitFor("~ image.tag: v4.1.0 -> v4.1.1");
    }

    /// <summary>The row of 1.0.0 in Tags with the mark in its first column (inside the pane's border).</summary>
    [GeneratedRegex(@"│\*\s*1\.0\.0\s")]
    private static partial Regex MarkedRow();

    /// <summary>The foreground colour (an SGR 38 sequence) the row holding <paramref name="text"/> is drawn in, or null for the terminal's own.</summary>
    private static string? Foreground(string[] rowsWithAttributes, string text)
    {
        string row = Assert.Single(rowsWithAttributes, r => Sgr().Replace(r, "").Contains(text, StringComparison.Ordinal));
        return Sgr().Matches(row).Select(m => m.Value).LastOrDefault(v => v.StartsWith("\u001b[38;", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\u001b\[[0-9;]*m")]
    private static partial Regex Sgr();

    private static void Save(string screen, string name)
    {
        if (Environment.GetEnvironmentVariable("OCITUI_COMPARE_CAPTURES") is { Length: > 0 } directory)
            File.WriteAllText(Path.Combine(directory, name), screen);
    }

    [TerminalFact]
    public void At_80x24_the_comparison_is_unified_key_paths_first_and_n_tab_and_esc_work()
    {
        using TmuxSession terminal = Start(80, 24);
        string screen = MarkTheOlderVersionAndCompare(terminal);
        screen = terminal.WaitFor("+  tag: v4.1.1");
        Save(screen, "compare-80x24.txt");
        string[] coloured = terminal.CaptureWithAttributes().Split('\n');
        string[] rows = screen.TrimEnd('\n').Split('\n');

        Assert.Contains("1.0.0 -> 1.1.0", screen, StringComparison.Ordinal);
        Assert.Contains("[values]", screen, StringComparison.Ordinal);
        // The key-path summary comes first, then the unified diff: the old and new lines each on a row of their own.
        Assert.Contains("5 key paths changed:", screen, StringComparison.Ordinal);
        Assert.Contains("~ resources.limits.memory: 128Mi -> 256Mi", screen, StringComparison.Ordinal);
        Assert.Contains("- redis.replicas: 3 -> removed", screen, StringComparison.Ordinal);
        Assert.Contains("+ metrics.enabled: added -> true", screen, StringComparison.Ordinal);
        int summary = Array.FindIndex(rows, r => r.Contains("~ image.tag: v4.1.0 -> v4.1.1", StringComparison.Ordinal));
        int removed = Array.FindIndex(rows, r => r.Contains("│-  tag: v4.1.0", StringComparison.Ordinal));
        int added = Array.FindIndex(rows, r => r.Contains("│+  tag: v4.1.1", StringComparison.Ordinal));
        Assert.True(summary >= 0 && summary < removed && removed + 1 == added, screen);
        Assert.DoesNotContain(rows, r => r.Contains(" │ ", StringComparison.Ordinal));
        // It fits: no row wider than the terminal, and the view's right border stands on every row it covers, so
        // nothing was drawn past it.
        Assert.All(rows, r => Assert.True(r.TrimEnd().Length <= 80, r));
        Assert.All(rows[1..^2], r => Assert.Equal('│', r.TrimEnd()[^1]));
        Assert.Contains("Esc close", rows[^1], StringComparison.Ordinal);
        // Removed lines in one colour, added ones in another; the context after them in the terminal's own colours.
        Assert.NotEqual(Foreground(coloured, "-  tag: v4.1.0"), Foreground(coloured, "+  tag: v4.1.1"));
        Assert.NotNull(Foreground(coloured, "-  tag: v4.1.0"));
        Assert.Null(Foreground(coloured, "   pullPolicy: IfNotPresent"));
        Assert.Null(Foreground(coloured, " replicaCount: 1"));
        // The third hunk starts below the first screenful.
        Assert.DoesNotContain("-    memory: 128Mi", screen, StringComparison.Ordinal);

        // n: the summary, then each hunk's changes; the fourth lands on the last hunk, scrolled into view.
        terminal.Keys("n", "n", "n", "n");
        terminal.WaitFor("-    memory: 128Mi");

        terminal.Keys("Tab");
        screen = terminal.WaitFor("[Chart.yaml]");
        terminal.WaitFor("~ version: 1.0.0 -> 1.1.0");
        Assert.DoesNotContain("[values]", screen, StringComparison.Ordinal);

        terminal.Keys("Escape");
        screen = terminal.WaitUntil(s => !s.Contains("[Chart.yaml]", StringComparison.Ordinal) && s.Contains("Details: 1.1.0", StringComparison.Ordinal), "the panes again");
        Assert.Matches(MarkedRow(), screen);
        terminal.Keys("q");
        Assert.Equal(0, terminal.WaitForExit());
    }

    [TerminalFact]
    public void From_140_columns_the_old_and_new_lines_stand_side_by_side()
    {
        using TmuxSession terminal = Start(140, 40);
        MarkTheOlderVersionAndCompare(terminal);
        string screen = terminal.WaitFor("+    memory: 256Mi");
        Save(screen, "compare-140x40.txt");
        string[] rows = screen.TrimEnd('\n').Split('\n');

        Assert.Contains("--- a/values.yaml (1.0.0)", screen, StringComparison.Ordinal);
        string tag = Assert.Single(rows, r => r.Contains("-  tag: v4.1.0", StringComparison.Ordinal));
        Assert.Contains(" │ +  tag: v4.1.1", tag, StringComparison.Ordinal);
        string port = Assert.Single(rows, r => r.Contains("-  port: 80 ", StringComparison.Ordinal));
        Assert.Contains(" │ +  port: 8080", port, StringComparison.Ordinal);
        // An unchanged line stands on both sides, the halves split at the same column on every row.
        string context = Assert.Single(rows, r => r.Contains("  repository: example/app", StringComparison.Ordinal));
        Assert.Equal(tag.IndexOf(" │ ", StringComparison.Ordinal), context.IndexOf(" │ ", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.True(r.TrimEnd().Length <= 140, r));

        terminal.Keys("Escape");
        terminal.WaitUntil(s => !s.Contains("[values]", StringComparison.Ordinal), "the comparison closed");
        terminal.Keys("q");
        Assert.Equal(0, terminal.WaitForExit());
    }

    [TerminalFact]
    public void Under_no_color_changed_lines_keep_their_markers_and_the_change_n_reached_is_in_reverse_video()
    {
        using TmuxSession terminal = Start(80, 24, noColor: true);
        MarkTheOlderVersionAndCompare(terminal);
        terminal.WaitFor("+  tag: v4.1.1");
        string screen = terminal.CaptureWithAttributes();
        Assert.Contains("\u001b[7m5 key paths changed:", screen, StringComparison.Ordinal);
        terminal.Keys("n", "n");
        // The second n goes past the summary to the first hunk's removed line: the selected row, in reverse video.
        terminal.WaitUntil(_ => (screen = terminal.CaptureWithAttributes()).Contains("\u001b[7m-  tag: v4.1.0", StringComparison.Ordinal), "the first hunk's change selected");

        Assert.DoesNotMatch(TmuxSession.Colour, screen);
        string plain = Sgr().Replace(screen, "");
        Assert.Contains("~ image.tag: v4.1.0 -> v4.1.1", plain, StringComparison.Ordinal);
        Assert.Contains("- redis.replicas: 3 -> removed", plain, StringComparison.Ordinal);
        Assert.Contains("+ metrics.enabled: added -> true", plain, StringComparison.Ordinal);
        Assert.Contains("│-  tag: v4.1.0", plain, StringComparison.Ordinal);
        Assert.Contains("│+  tag: v4.1.1", plain, StringComparison.Ordinal);
        terminal.Keys("Escape");
        terminal.Keys("q");
        Assert.Equal(0, terminal.WaitForExit());
    }
}
