namespace OciTui.Tui;

/// <summary>The Details pane: a scrollable, read-only list of lines (summary, chart files, raw manifest).</summary>
public sealed class DetailsPane : ListPane
{
    public const string SummaryView = "summary";

    public DetailsPane() : base("_Details") { }

    /// <summary>Which view is shown: summary, chart, values, readme or manifest.</summary>
    public string View { get; set; } = SummaryView;

    public void Show(IReadOnlyList<string> lines, string title)
    {
        Title = $"_Details: {title}";
        SetItems(lines.ToList(), 0);
    }
}
