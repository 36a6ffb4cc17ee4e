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
    public bool IsChange => Kind is CompareLineKind.Added or CompareLineKind.Removed or CompareLineKind.Changed;
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
    private List<CompareLine> _lines = [];

    public CompareView() : base("_Compare")
    {
        Source.ItemAttribute = (item, normal) => Colour && item < _lines.Count ? AttributeOf(_lines[item].Kind, normal) : null;
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
                _lines = [];
                SetStatus($"{comparison.Message} Esc closes the comparison.");
                break;
            default:
                _lines = [];
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
        List<int> starts = [.. Enumerable.Range(0, _lines.Count).Where(i => _lines[i].IsChange && (i == 0 || !_lines[i - 1].IsChange))];
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
        _lines = [.. LinesOf(comparison, Tab, width)];
        SetItems([.. _lines.Select(l => l.Text)], keepPlace ? Math.Min(SelectedIndex ?? 0, Math.Max(0, _lines.Count - 1)) : 0);
    }

    /// <summary>The lines of one tab at a width: unified below <see cref="SideBySideColumns"/>, old and new side by side from there.</summary>
    public static IReadOnlyList<CompareLine> LinesOf(ChartComparison c, CompareTab tab, int width)
    {
        var lines = new List<CompareLine>();
        bool sideBySide = width >= SideBySideColumns - 2;
        switch (tab)
        {
            case CompareTab.Values when c.Values is { } values:
                if (values.Note is not null) lines.Add(new(CompareLineKind.Heading, TerminalText.Sanitize(values.Note, 400)));
                if (values.Structural) lines.Add(new(CompareLineKind.Heading, values.Changes.Count == 0 ? "No key path differs." : $"{values.Changes.Count} key path{(values.Changes.Count == 1 ? "" : "s")} changed:"));
                lines.AddRange(values.Changes.Select(Change));
                Diff(lines, values.Text, "values.yaml", c, width, sideBySide);
                if (!values.Differs) lines.Add(new(CompareLineKind.Plain, "values.yaml: no difference."));
                break;
            case CompareTab.ChartYaml when c.Chart is { } chart:
                if (chart.Problem is not null) lines.Add(new(CompareLineKind.Heading, TerminalText.Sanitize(chart.Problem, 400)));
                lines.AddRange(chart.Fields.Select(Change));
                lines.AddRange(chart.Dependencies.Select(d => new CompareLine(KindOf(d.Change), $"{Marker(d.Change)} {ComparisonText.Dependency(d)}")));
                Diff(lines, c.ChartText ?? [], "Chart.yaml", c, width, sideBySide);
                if (!chart.Differs && c.ChartText is not { Count: > 0 }) lines.Add(new(CompareLineKind.Plain, "Chart.yaml: no difference."));
                break;
            case CompareTab.Files when c.Files is { } files:
                lines.AddRange(files.Select(f => new CompareLine(KindOf(f.Change), $"{Marker(f.Change)} {ComparisonText.File(f)}")));
                if (files.Count == 0) lines.Add(new(CompareLineKind.Plain, "No file differs."));
                break;
            case CompareTab.Images:
                if (c.ImagesProblem is not null) lines.Add(new(CompareLineKind.Heading, TerminalText.Sanitize(c.ImagesProblem, 400)));
                lines.AddRange((c.Images ?? []).Select(i => new CompareLine(KindOf(i.Change), $"{Marker(i.Change)} {ComparisonText.Image(i)}")));
                if (c.Images is { Count: 0 }) lines.Add(new(CompareLineKind.Plain, "No image differs."));
                break;
        }
        return lines;
    }

    private static CompareLine Change(ValueChange change) => new(KindOf(change.Change), $"{Marker(change.Change)} {ComparisonText.Change(change)}");

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

    private static void Diff(List<CompareLine> lines, IReadOnlyList<DiffLine> diff, string name, ChartComparison c, int width, bool sideBySide)
    {
        if (diff.Count == 0) return;
        lines.Add(new(CompareLineKind.Plain, ""));
        string from = TerminalText.Sanitize(c.From.Tag, 60), to = TerminalText.Sanitize(c.To.Tag, 60);
        if (!sideBySide)
        {
            lines.Add(new(CompareLineKind.Heading, $"--- a/{name} ({from})"));
            lines.Add(new(CompareLineKind.Heading, $"+++ b/{name} ({to})"));
            foreach (DiffLine line in diff) lines.Add(new(DiffKind(line.Kind), TerminalText.Sanitize(line.ToString(), 4000)));
            return;
        }
        // Side by side: each run of removed lines beside the run of added lines that follows it.
        int half = (width - 3) / 2;
        lines.Add(new(CompareLineKind.Heading, Pair($"--- a/{name} ({from})", $"+++ b/{name} ({to})", half)));
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
                    string left = row < removed ? diff[i + row].ToString() : "";
                    string right = row < added ? diff[removedEnd + row].ToString() : "";
                    CompareLineKind kind = row < removed && row < added ? CompareLineKind.Changed : row < removed ? CompareLineKind.Removed : CompareLineKind.Added;
                    lines.Add(new(kind, Pair(left, right, half)));
                }
                i = addedEnd;
                continue;
            }
            string text = line.ToString();
            lines.Add(line.Kind == DiffLineKind.Context ? new(CompareLineKind.Plain, Pair(text, text, half)) : new(DiffKind(line.Kind), TerminalText.Sanitize(text, 4000)));
            i++;
        }
    }

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
