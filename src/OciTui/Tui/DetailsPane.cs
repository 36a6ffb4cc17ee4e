using OciTui.Registry.Browsing;
using OciTui.Registry.Charts;
using OciTui.Registry.Errors;
using OciTui.Registry.Text;

namespace OciTui.Tui;

/// <summary>What the Details pane shows of a tag.</summary>
public enum DetailsView
{
    Summary,
    ChartYaml,
    Values,
    Readme,
    Manifest,
}

/// <summary>
/// The selected tag as the browse session has it: digest, types, chart metadata, annotations, layers and referrers;
/// on demand its Chart.yaml, values.yaml and README read from the chart layer in memory, or the raw manifest. Long
/// lines wrap to the pane.
/// </summary>
public sealed class DetailsPane : ListPane
{
    public const string Idle = "Select a tag to see its details.";

    private IReadOnlyList<string> _lines = [];
    private TagDetails? _shown;

    public DetailsPane() : base("_Details", searches: true)
    {
        SetStatus(Idle);
        List.ViewportChanged += (_, e) =>
        {
            if (Status is null && e.NewViewport.Width != e.OldViewport.Width) ShowLines(SelectedIndex, e.NewViewport.Width);
        };
    }

    public DetailsView View { get; private set; } = DetailsView.Summary;

    public void Render(BrowseSession session)
    {
        TagDetails? details = session.Details;
        TagDetails? before = _shown;
        _shown = details;
        if (details is null)
        {
            SetContext(null);
            SetStatus(Idle);
            return;
        }
        SetContext(TerminalText.Sanitize(details.Tag, 30));
        if (details is not { State: LoadState.Loaded, Value: { } value })
        {
            SetStatus(details.State == LoadState.Failed ? details.Message ?? "" : "loading…");
            return;
        }
        // The same details with their referrers arrived: the summary gains them, another view stays as it is.
        bool sameTag = ReferenceEquals(before?.Value, value);
        if (sameTag && View != DetailsView.Summary) return;
        Show(DetailsView.Summary, Summary(details), sameTag ? SelectedIndex : 0);
    }

    private static IReadOnlyList<string> Summary(TagDetails details) =>
        [.. DetailsText.Summary(details.Value!), .. DetailsText.Referrers(details.Referrers?.Select(r => r.Descriptor).ToList() ?? [])];

    /// <summary>Switches to a view of the loaded tag: the summary, its chart's files, or the raw manifest.</summary>
    public async Task ShowViewAsync(BrowseSession session, DetailsView view)
    {
        if (session.Details is not { Value: { } details } shown) return;
        if (view == DetailsView.Summary)
        {
            Show(view, Summary(shown));
            return;
        }
        if (view == DetailsView.Manifest)
        {
            Show(view, DetailsText.RawManifest(details));
            return;
        }
        try
        {
            Task<ChartFiles> reading = session.ReadChartFilesAsync();
            if (!reading.IsCompleted) SetStatus("reading the chart…");
            ChartFiles files = await reading;
            if (!ReferenceEquals(session.Details, shown)) return;
            (string? text, string name) = view switch
            {
                DetailsView.ChartYaml => (files.ChartYaml, "Chart.yaml"),
                DetailsView.Values => (files.ValuesYaml, "values.yaml"),
                _ => (files.Readme, "README"),
            };
            Show(view, DetailsText.File(text, $"The chart has no {name}."));
        }
        catch (OperationCanceledException)
        {
        }
        catch (OciTuiException e)
        {
            if (!ReferenceEquals(session.Details, shown)) return;
            View = view;
            SetStatus($"{Messages.Sentence(e)} Press s for the summary.");
        }
    }

    private void Show(DetailsView view, IReadOnlyList<string> lines, int? select = 0)
    {
        View = view;
        _lines = lines;
        string name = view switch
        {
            DetailsView.ChartYaml => " Chart.yaml",
            DetailsView.Values => " values.yaml",
            DetailsView.Readme => " README",
            DetailsView.Manifest => " manifest",
            _ => "",
        };
        SetContext(TerminalText.Sanitize(_shown?.Tag ?? "", 30) + name);
        ShowLines(select);
    }

    private void ShowLines(int? select, int? newWidth = null)
    {
        int width = newWidth ?? List.Viewport.Width;
        if (width <= 10) width = 60;
        // Files keep their lines (the list scrolls sideways); the summary wraps so a digest is read whole.
        IReadOnlyList<string> shown = View == DetailsView.Summary ? _lines.SelectMany(l => WrapLine(l, width)).ToList() : _lines;
        SetItems(shown, select);
    }

    /// <summary>A line wider than the pane continues below, indented past its label, broken after a separator where one is near.</summary>
    public static IEnumerable<string> WrapLine(string line, int width)
    {
        if (line.Length <= width) return [line];
        int indent = LabelIndent(line);
        if (indent >= width - 8) indent = 4;
        var lines = new List<string>();
        int at = 0;
        string pad = "";
        while (line.Length - at > width - pad.Length)
        {
            int room = width - pad.Length;
            int cut = line.LastIndexOfAny([' ', '/', '.', '+', ',', ';'], at + room - 1, Math.Min(room, 12));
            int end = cut > at ? cut + 1 : at + room;
            lines.Add(pad + line[at..end].TrimEnd());
            at = end;
            while (at < line.Length && line[at] == ' ') at++;
            pad = new string(' ', indent);
        }
        if (at < line.Length) lines.Add(pad + line[at..]);
        return lines;
    }

    /// <summary>Where a summary line's value starts: after <c>Label</c> and its padding, or the line's own indent plus two.</summary>
    private static int LabelIndent(string line)
    {
        int lead = line.Length - line.TrimStart(' ').Length;
        int gap = line.IndexOf("  ", lead, StringComparison.Ordinal);
        if (gap < 0) return lead + 2;
        int value = gap;
        while (value < line.Length && line[value] == ' ') value++;
        return value < line.Length ? value : lead + 2;
    }
}
