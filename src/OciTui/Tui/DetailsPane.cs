using OciTui.Registry.Browsing;
using OciTui.Registry.Charts;
using OciTui.Registry.Errors;
using OciTui.Registry.Models;
using OciTui.Registry.Text;
using OciTui.Registry.Trust;

namespace OciTui.Tui;

/// <summary>What the Details pane shows of a tag.</summary>
public enum DetailsView
{
    Summary,
    ChartYaml,
    Values,
    Readme,
    Manifest,

    /// <summary>The provenance verdict and signer, and every referrer (signatures, SBOMs, attestations).</summary>
    Trust,

    /// <summary>A referrer's raw manifest, opened from the Trust view.</summary>
    ReferrerManifest,
}

/// <summary>
/// The selected tag as the browse session has it: digest, types, chart metadata, annotations, layers and referrers;
/// on demand its Chart.yaml, values.yaml and README read from the chart layer in memory, the raw manifest, or the
/// Trust view (provenance and referrers, whose manifests open from it). Long lines wrap to the pane.
/// </summary>
public sealed class DetailsPane : ListPane
{
    public const string Idle = "Select a tag to see its details.";

    private IReadOnlyList<string> _lines = [];
    // The Trust view's referrer behind each of its lines (null for other lines), and the line behind each row shown.
    private IReadOnlyList<int?> _lineReferrers = [];
    private List<int> _rowLines = [];
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
        if (details is not { State: LoadState.Loaded, Value: { } value })
        {
            SetContext(TerminalText.Sanitize(details.Tag, 30));
            SetStatus(details.State == LoadState.Failed ? details.Message ?? "" : "loading…");
            return;
        }
        // The same details with their referrers arrived: the summary gains them, another view stays as it is.
        bool sameTag = ReferenceEquals(before?.Value, value);
        if (sameTag && View == DetailsView.Trust)
        {
            ShowTrust(details, SelectedIndex);
            return;
        }
        // Another view keeps its lines and its title ("values.yaml", a referrer's "(t: back)"); Show sets the title otherwise.
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
        if (view is DetailsView.Trust or DetailsView.ReferrerManifest)
        {
            ShowTrust(shown, 0);
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

    /// <summary>The referrer on the selected row of the Trust view, or null.</summary>
    public TagReferrer? SelectedReferrer =>
        View == DetailsView.Trust && _shown?.Referrers is { } referrers && SelectedIndex is int row && row < _rowLines.Count
        && _rowLines[row] < _lineReferrers.Count && _lineReferrers[_rowLines[row]] is int index && index < referrers.Count
            ? referrers[index]
            : null;

    private void ShowTrust(TagDetails details, int? select)
    {
        IReadOnlyList<TrustLine> lines = TrustText.Lines(details.Provenance, details.ProvenanceNote, details.Referrers, details.ReferrersNote);
        Show(DetailsView.Trust, [.. lines.Select(l => l.Text)], select);
        _lineReferrers = [.. lines.Select(l => l.Referrer)];
    }

    /// <summary>Opens the selected referrer's manifest (from the Trust view); t goes back.</summary>
    public async Task OpenReferrerAsync(BrowseSession session)
    {
        if (SelectedReferrer is not { } referrer || session.Details is not { } shown) return;
        try
        {
            SetStatus("reading the referrer's manifest…");
            FetchedManifest manifest = await session.ReadReferrerManifestAsync(referrer);
            if (!ReferenceEquals(session.Details?.Value, shown.Value)) return;
            Show(DetailsView.ReferrerManifest, TerminalText.SanitizeMultiline(System.Text.Encoding.UTF8.GetString(manifest.Bytes), 1_000_000).Split('\n'));
            SetContext($"{TerminalText.Sanitize(_shown?.Tag ?? "", 30)} {ReferrerKinds.Describe(referrer.Kind)} {manifest.Digest.Short} (t: back)");
        }
        catch (OperationCanceledException)
        {
        }
        catch (OciTuiException e)
        {
            if (!ReferenceEquals(session.Details?.Value, shown.Value)) return;
            View = DetailsView.ReferrerManifest;
            SetStatus($"{Messages.Sentence(e)} Press t for the Trust view.");
        }
    }

    private void Show(DetailsView view, IReadOnlyList<string> lines, int? select = 0)
    {
        View = view;
        _lines = lines;
        _lineReferrers = [];
        string name = view switch
        {
            DetailsView.ChartYaml => " Chart.yaml",
            DetailsView.Values => " values.yaml",
            DetailsView.Readme => " README",
            DetailsView.Manifest => " manifest",
            DetailsView.Trust => " trust",
            _ => "",
        };
        SetContext(TerminalText.Sanitize(_shown?.Tag ?? "", 30) + name);
        ShowLines(select);
    }

    private void ShowLines(int? select, int? newWidth = null)
    {
        int width = newWidth ?? List.Viewport.Width;
        if (width <= 10) width = 60;
        // Files keep their lines (the list scrolls sideways); the summary and the Trust view wrap so a digest is read whole.
        _rowLines = [];
        if (View is not (DetailsView.Summary or DetailsView.Trust))
        {
            SetItems(_lines, select);
            return;
        }
        var shown = new List<string>();
        for (int line = 0; line < _lines.Count; line++)
        {
            foreach (string row in WrapLine(_lines[line], width))
            {
                shown.Add(row);
                _rowLines.Add(line);
            }
        }
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
