using OciTui.Registry.Compare;
using OciTui.Registry.Text;
using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace OciTui.Tui;

/// <summary>The compare view's tabs, in the order Tab goes through them.</summary>
public enum CompareTab
{
    Values,
    ChartYaml,
    Files,
    Images,
}

/// <summary>What a line of the compare view is: its colour, and whether next/previous change stops at it.</summary>
public enum CompareLineKind
{
    Plain,
    Heading,
    Hunk,
    Added,
    Removed,
    Changed,
}

public sealed record CompareLine(CompareLineKind Kind, string Text)
{
    public bool IsChange => IsChangeKind(Kind);

    /// <summary>Whether next/previous change stops at a line of this kind.</summary>
    public static bool IsChangeKind(CompareLineKind kind) => kind is CompareLineKind.Added or CompareLineKind.Removed or CompareLineKind.Changed;
}

/// <summary>
/// The marked version compared with the selected one, over the whole window: tabs for values (the key-path summary,
/// then the unified diff), Chart.yaml (fields, dependencies, diff), files and images. Added and removed lines are
/// coloured and always carry their <c>+</c>/<c>-</c> (<c>~</c> for a changed key), so NO_COLOR loses nothing. Below
/// <see cref="SideBySideColumns"/> the diff is unified; from there the old and new lines stand side by side.
/// Every string from the charts is sanitised before it is drawn.
/// </summary>
public sealed class CompareView : ListPane
{
    public const int SideBySideColumns = MainWindow.WideLayoutColumns;

    private static readonly CompareTab[] Tabs = Enum.GetValues<CompareTab>();
    private TagComparison? _shown;
    private CompareLines _lines = new();

    public CompareView() : base("_Compare")
    {
        Source.ItemAttribute = (item, normal) => Colour && item < _lines.Count ? AttributeOf(_lines.KindAt(item), normal) : null;
        List.ViewportChanged += (_, e) =>
        {
            if (e.NewViewport.Width != e.OldViewport.Width && _shown is { State: LoadState.Loaded }) ShowLines(keepPlace: true);
        };
    }

    public CompareTab Tab { get; private set; } = CompareTab.Values;

    /// <summary>Added and removed lines in colour; off under NO_COLOR, where the markers carry the meaning alone.</summary>
    public bool Colour { get; set; } = !Monochrome.IsActive;

    /// <summary>The lines on screen with their kinds.</summary>
    public IReadOnlyList<CompareLine> Lines => _lines;

    public void Render(BrowseSession session)
    {
        TagComparison? comparison = session.Comparison;
        if (comparison is null || ReferenceEquals(comparison, _shown)) return;
        bool sameVersions = _shown is { } before && before.FromTag == comparison.FromTag && before.ToTag == comparison.ToTag;
        _shown = comparison;
        SetContext($"{TerminalText.Sanitize(comparison.FromTag, 40)} -> {TerminalText.Sanitize(comparison.ToTag, 40)}");
        UpdateTabBar();
        switch (comparison.State)
        {
            case LoadState.Loaded:
                ShowLines(keepPlace: sameVersions);
                break;
            case LoadState.Failed:
                _lines = new();
                SetStatus($"{comparison.Message} Esc closes the comparison.");
                break;
            default:
                _lines = new();
                SetStatus("reading both versions…");
                break;
        }
    }

    /// <summary>Goes to the next (+1) or previous (-1) tab, wrapping around.</summary>
    public void NextTab(int step)
    {
        Tab = Tabs[(Array.IndexOf(Tabs, Tab) + step + Tabs.Length) % Tabs.Length];
        UpdateTabBar();
        if (_shown is { State: LoadState.Loaded }) ShowLines(keepPlace: false);
    }

    /// <summary>Moves to the first line of the next (+1) or previous (-1) run of changed lines, wrapping around.</summary>
    public void NextChange(int step)
    {
        IReadOnlyList<int> starts = _lines.ChangeStarts;
        if (starts.Count == 0 || Status is not null) return;
        int current = List.SelectedItem ?? -1;
        List.SelectedItem = step > 0 ? starts.FirstOrDefault(r => r > current, starts[0]) : starts.LastOrDefault(r => r < current, starts[^1]);
        List.EnsureSelectedItemVisible();
    }

    private void UpdateTabBar() =>
        SetHeader(" " + string.Join("  ", Tabs.Select(t => t == Tab ? $"[{TabName(t)}]" : $" {TabName(t)} ")) + "   Tab: next tab");

    public static string TabName(CompareTab tab) => tab switch
    {
        CompareTab.Values => "values",
        CompareTab.ChartYaml => "Chart.yaml",
        CompareTab.Files => "files",
        _ => "images",
    };

    private void ShowLines(bool keepPlace)
    {
        if (_shown?.Value is not { } comparison) return;
        int width = List.Viewport.Width > 0 ? List.Viewport.Width : Math.Max(20, Viewport.Width);
        _lines = LinesOf(comparison, Tab, width);
        SetItemsMadeOnDemand(_lines.Texts, _lines.MaxLength, keepPlace ? Math.Min(SelectedIndex ?? 0, Math.Max(0, _lines.Count - 1)) : 0);
    }

    /// <summary>The lines of one tab at a width: unified below <see cref="SideBySideColumns"/>, old and new side by side from there.</summary>
    public static CompareLines LinesOf(ChartComparison c, CompareTab tab, int width)
    {
        var lines = new CompareLines();
        bool sideBySide = width >= SideBySideColumns - 2;
        switch (tab)
        {
            case CompareTab.Values when c.Values is { } values:
                if (values.Note is not null) lines.Add(CompareLineKind.Heading, TerminalText.Sanitize(values.Note, 400));
                if (values.Structural) lines.Add(CompareLineKind.Heading, values.Changes.Count == 0 ? "No key path differs." : $"{values.Changes.Count} key path{(values.Changes.Count == 1 ? "" : "s")} changed:");
                Changes(lines, values.Changes);
                Diff(lines, values.Text, "values.yaml", c, width, sideBySide);
                if (!values.Differs) lines.Add(CompareLineKind.Plain, "values.yaml: no difference.");
                break;
            case CompareTab.ChartYaml when c.Chart is { } chart:
                if (chart.Problem is not null) lines.Add(CompareLineKind.Heading, TerminalText.Sanitize(chart.Problem, 400));
                foreach (ValueChange change in chart.Fields) lines.Add(KindOf(change.Change), $"{Marker(change.Change)} {ComparisonText.Change(change)}");
                foreach (DependencyChange d in chart.Dependencies) lines.Add(KindOf(d.Change), $"{Marker(d.Change)} {ComparisonText.Dependency(d)}");
                Diff(lines, c.ChartText ?? [], "Chart.yaml", c, width, sideBySide);
                if (!chart.Differs && c.ChartText is not { Count: > 0 }) lines.Add(CompareLineKind.Plain, "Chart.yaml: no difference.");
                break;
            case CompareTab.Files when c.Files is { } files:
                foreach (FileChange f in files) lines.Add(KindOf(f.Change), $"{Marker(f.Change)} {ComparisonText.File(f)}");
                if (files.Count == 0) lines.Add(CompareLineKind.Plain, "No file differs.");
                break;
            case CompareTab.Images:
                if (c.ImagesProblem is not null) lines.Add(CompareLineKind.Heading, TerminalText.Sanitize(c.ImagesProblem, 400));
                foreach (ImageChange i in c.Images ?? []) lines.Add(KindOf(i.Change), $"{Marker(i.Change)} {ComparisonText.Image(i)}");
                if (c.Images is { Count: 0 }) lines.Add(CompareLineKind.Plain, "No image differs.");
                break;
        }
        return lines;
    }

    /// <summary>
    /// The key-path summary, each line made when drawn (every component of a 5 MiB values file changed: 56,557 lines).
    /// Its width is bounded without making them: each part of a line is cut at 300 characters, and a value's text at
    /// most doubles when quoted and escaped.
    /// </summary>
    private static void Changes(CompareLines lines, IReadOnlyList<ValueChange> changes)
    {
        static int Bound(YamlValue? value) => value is YamlScalar s ? Math.Min(300, (2 * s.Text.Length) + 2) : 7;
        int longest = 0;
        foreach (ValueChange change in changes) longest = Math.Max(longest, 2 + Math.Min(300, change.Path.Length) + 2 + Bound(change.From) + 4 + Bound(change.To) + 22);
        lines.AddRun(changes.Count, i => KindOf(changes[i].Change), i => $"{Marker(changes[i].Change)} {ComparisonText.Change(changes[i])}", longest);
    }

    private static CompareLineKind KindOf(ChangeKind change) => change switch
    {
        ChangeKind.Added => CompareLineKind.Added,
        ChangeKind.Removed => CompareLineKind.Removed,
        _ => CompareLineKind.Changed,
    };

    private static char Marker(ChangeKind change) => change switch
    {
        ChangeKind.Added => '+',
        ChangeKind.Removed => '-',
        _ => '~',
    };

    /// <summary>A diff's lines, made when drawn: unified, or each run of removed lines beside the run of added lines after it.</summary>
    private static void Diff(CompareLines lines, IReadOnlyList<DiffLine> diff, string name, ChartComparison c, int width, bool sideBySide)
    {
        if (diff.Count == 0) return;
        lines.Add(CompareLineKind.Plain, "");
        string from = TerminalText.Sanitize(c.From.Tag, 60), to = TerminalText.Sanitize(c.To.Tag, 60);
        if (!sideBySide)
        {
            lines.Add(CompareLineKind.Heading, $"--- a/{name} ({from})");
            lines.Add(CompareLineKind.Heading, $"+++ b/{name} ({to})");
            // The longest line without making each: a clean line is drawn as it is, behind its one-character marker.
            int longest = 0;
            foreach (DiffLine line in diff) longest = Math.Max(longest, TerminalText.Sanitize(line.Text, MaxLineLength).Length + 1);
            lines.AddRun(diff.Count, i => DiffKind(diff[i].Kind), i => TerminalText.Sanitize(diff[i].ToString(), MaxLineLength), Math.Min(longest, MaxLineLength));
            return;
        }
        // Side by side: a row shows diff lines Left and Right (-1: none; Whole: Left alone, across both halves).
        int half = (width - 3) / 2;
        lines.Add(CompareLineKind.Heading, Pair($"--- a/{name} ({from})", $"+++ b/{name} ({to})", half));
        var rows = new List<(int Left, int Right, CompareLineKind Kind)>(diff.Count);
        int whole = 0;
        for (int i = 0; i < diff.Count;)
        {
            DiffLine line = diff[i];
            if (line.Kind is DiffLineKind.Removed or DiffLineKind.Added)
            {
                int removedEnd = i;
                while (removedEnd < diff.Count && diff[removedEnd].Kind == DiffLineKind.Removed) removedEnd++;
                int addedEnd = removedEnd;
                while (addedEnd < diff.Count && diff[addedEnd].Kind == DiffLineKind.Added) addedEnd++;
                int removed = removedEnd - i, added = addedEnd - removedEnd;
                for (int row = 0; row < Math.Max(removed, added); row++)
                {
                    CompareLineKind kind = row < removed && row < added ? CompareLineKind.Changed : row < removed ? CompareLineKind.Removed : CompareLineKind.Added;
                    rows.Add((row < removed ? i + row : -1, row < added ? removedEnd + row : -1, kind));
                }
                i = addedEnd;
                continue;
            }
            if (line.Kind == DiffLineKind.Context) rows.Add((i, i, CompareLineKind.Plain));
            else
            {
                rows.Add((i, Whole, DiffKind(line.Kind)));
                whole = Math.Max(whole, TerminalText.Sanitize(line.ToString(), MaxLineLength).Length);
            }
            i++;
        }
        lines.AddRun(rows.Count, r => rows[r].Kind, r => rows[r] switch
        {
            (int left, Whole, _) => TerminalText.Sanitize(diff[left].ToString(), MaxLineLength),
            (int left, int right, _) => Pair(left >= 0 ? diff[left].ToString() : "", right >= 0 ? diff[right].ToString() : "", half),
        }, Math.Max(whole, (2 * half) + 3));
    }

    /// <summary>A side-by-side row that is one diff line across both halves (a hunk header).</summary>
    private const int Whole = -2;

    /// <summary>A diff line is cut here, as the CLI cuts it.</summary>
    private const int MaxLineLength = 4000;

    private static string Pair(string left, string right, int half) => $"{Clip(left, half)} │ {Clip(right, half)}".TrimEnd();

    private static string Clip(string text, int width)
    {
        string clean = TerminalText.Sanitize(text, 4000);
        return clean.Length > width ? clean[..(width - 1)] + "…" : clean.PadRight(width);
    }

    private static CompareLineKind DiffKind(DiffLineKind kind) => kind switch
    {
        DiffLineKind.Added => CompareLineKind.Added,
        DiffLineKind.Removed => CompareLineKind.Removed,
        DiffLineKind.HunkHeader => CompareLineKind.Hunk,
        _ => CompareLineKind.Plain,
    };

    private static Attribute? AttributeOf(CompareLineKind kind, Attribute normal) => kind switch
    {
        CompareLineKind.Added => new Attribute(Color.BrightGreen, normal.Background),
        CompareLineKind.Removed => new Attribute(Color.BrightRed, normal.Background),
        CompareLineKind.Changed => new Attribute(Color.BrightYellow, normal.Background),
        CompareLineKind.Hunk => new Attribute(Color.BrightCyan, normal.Background),
        CompareLineKind.Heading => new Attribute(normal.Foreground, normal.Background, TextStyle.Bold),
        _ => null,
    };
}
