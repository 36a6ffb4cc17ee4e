using OciTui.Registry;
using OciTui.Registry.Browsing;
using OciTui.Registry.Charts;
using OciTui.Registry.Errors;
using OciTui.Registry.Inspection;
using OciTui.Registry.Models;
using OciTui.Registry.References;
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
/// The selected tag: digest, types, chart metadata, annotations, layers and referrers; on demand its Chart.yaml,
/// values.yaml and README read from the chart layer in memory, or the raw manifest. Long lines wrap to the pane.
/// </summary>
public sealed class DetailsPane : ListPane
{
    public const string Idle = "Select a tag to see its details.";

    private readonly LatestRequest _load = new();
    private IReadOnlyList<string> _lines = [];
    private IReadOnlyList<string> _referrers = [];
    private ChartFiles? _files;
    private IRegistry? _registry;

    public DetailsPane() : base("_Details")
    {
        SetStatus(Idle);
        List.ViewportChanged += (_, e) =>
        {
            if (Status is null && e.NewViewport.Width != e.OldViewport.Width) ShowLines(SelectedIndex, e.NewViewport.Width);
        };
    }

    public ArtifactDetails? Details { get; private set; }

    public DetailsView View { get; private set; } = DetailsView.Summary;

    /// <summary>Loads a tag's details (after a short pause, so holding an arrow key down does not fetch every tag passed).</summary>
    public async Task LoadAsync(IRegistry registry, string repository, string tag)
    {
        CancellationToken token = _load.Restart();
        _registry = registry;
        Details = null;
        _files = null;
        _referrers = [];
        View = DetailsView.Summary;
        SetContext(TerminalText.Sanitize(tag, 30));
        SetStatus("loading…");
        try
        {
            await Task.Delay(60, token);
            ArtifactDetails details = await ArtifactInspector.InspectAsync(registry, repository, ManifestReference.Parse(tag), token);
            token.ThrowIfCancellationRequested();
            Details = details;
            Show(DetailsView.Summary, DetailsText.Summary(details));
            _referrers = await ReferrersAsync(registry, details, token);
            if (_referrers.Count > 0 && View == DetailsView.Summary) Show(DetailsView.Summary, [.. DetailsText.Summary(details), .. _referrers]);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (OciTuiException e)
        {
            if (!token.IsCancellationRequested) SetStatus(Messages.Sentence(e));
        }
    }

    /// <summary>Referrers are extra: a registry that cannot list them still shows the tag.</summary>
    private static async Task<IReadOnlyList<string>> ReferrersAsync(IRegistry registry, ArtifactDetails details, CancellationToken token)
    {
        var found = new List<Descriptor>();
        try
        {
            await foreach (Descriptor referrer in registry.ListReferrersAsync(details.Repository, details.Manifest.Digest, cancellationToken: token))
            {
                found.Add(referrer);
                if (found.Count == 50) break;
            }
        }
        catch (OciTuiException)
        {
        }
        return DetailsText.Referrers(found);
    }

    public async Task ShowViewAsync(DetailsView view)
    {
        if (Details is not { } details || _registry is not { } registry) return;
        if (view == DetailsView.Summary)
        {
            Show(view, [.. DetailsText.Summary(details), .. _referrers]);
            return;
        }
        if (view == DetailsView.Manifest)
        {
            Show(view, DetailsText.RawManifest(details));
            return;
        }
        CancellationToken token = _load.Token;
        try
        {
            if (_files is null)
            {
                SetStatus("reading the chart…");
                _files = await DetailsText.ReadChartFilesAsync(registry, details, token);
            }
            (string? text, string name) = view switch
            {
                DetailsView.ChartYaml => (_files.ChartYaml, "Chart.yaml"),
                DetailsView.Values => (_files.ValuesYaml, "values.yaml"),
                _ => (_files.Readme, "README"),
            };
            Show(view, DetailsText.File(text, $"The chart has no {name}."));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (OciTuiException e)
        {
            if (!token.IsCancellationRequested)
            {
                View = view;
                SetStatus($"{Messages.Sentence(e)} Press s for the summary.");
            }
        }
    }

    public void Reset(string message)
    {
        _load.Cancel();
        Details = null;
        _files = null;
        _referrers = [];
        SetContext(null);
        SetStatus(message);
    }

    private void Show(DetailsView view, IReadOnlyList<string> lines)
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
        SetContext(TerminalText.Sanitize(Details?.Reference.ToString() ?? "", 30) + name);
        ShowLines(0);
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

    protected override void Dispose(bool disposing)
    {
        if (disposing) _load.Dispose();
        base.Dispose(disposing);
    }
}
