using OciTui.Registry.Text;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace OciTui.Tui;

/// <summary>
/// A framed list with an optional filter line and column header: the shape of every pane. It shows the sanitised
/// strings its owner gives it, or a message in their place (loading, an error, what to do next) wrapped to the pane,
/// and maps the selection back through the filter to the owner's items. The filter line is labelled, the title counts
/// the matches, and matches are highlighted; a pane in search mode (Details) keeps every line and moves between the
/// matches instead of hiding the rest.
/// </summary>
public class ListPane : FrameView
{
    private readonly string _name;
    private IReadOnlyList<string> _items = [];
    private string? _context;
    private bool _busy;
    private int? _lastSelected;

    public ListPane(string name, bool searches = false)
    {
        _name = name;
        Searches = searches;
        Title = name;
        TabStop = TabBehavior.TabStop;
        string prompt = searches ? "search: " : "filter: ";
        FilterPrompt = new Label { X = 0, Y = 0, Text = prompt, Visible = false };
        Filter = new TextField { X = prompt.Length, Y = 0, Width = Dim.Fill(), Visible = false };
        Header = new Label { X = 0, Y = 0, Width = Dim.Fill(), Height = 1, Visible = false };
        NoMatch = new Label { X = 0, Y = 1, Width = Dim.Fill(), Height = 1, Visible = false };
        Source = new TextListSource();
        List = new ListView { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(), KeystrokeNavigator = null, Source = Source };
        Filter.TextChanged += (_, _) => ApplyFilter();
        List.ValueChanged += (_, _) => RaiseSelectionChanged();
        List.ViewportChanged += (_, e) =>
        {
            if (Status is not null && e.NewViewport.Width != e.OldViewport.Width) ShowStatusLines(e.NewViewport.Width);
        };
        Add(FilterPrompt, Filter, Header, List, NoMatch);
    }

    /// <summary>The filter line searches instead: every line stays, the selection moves to a match (<see cref="NextMatch"/>).</summary>
    public bool Searches { get; }

    public Label FilterPrompt { get; }
    public TextField Filter { get; }

    /// <summary>Says that the filter matches nothing and how to get the rows back, where the rows would be.</summary>
    public Label NoMatch { get; }

    /// <summary>The filter or search text in effect ("" when none).</summary>
    public string FilterText => Filter.Visible ? Filter.Text ?? "" : "";
    public Label Header { get; }
    public ListView List { get; }
    public TextListSource Source { get; }

    /// <summary>The message shown instead of the items ("loading…", an error), or null when the items show.</summary>
    public string? Status { get; private set; }

    /// <summary>The selected item changed: by a key, or because a filter or new items put another item under the cursor.</summary>
    public event Action? SelectionChanged;

    /// <summary>Which items are in view changed without the list scrolling (a filter, new items).</summary>
    public event Action? RowsChanged;

    private void RaiseSelectionChanged()
    {
        int? selected = SelectedIndex;
        // A filter that matches nothing hides the selection for a moment; it comes back when the filter changes.
        if (selected is null && IsFiltering && Status is null) return;
        if (selected == _lastSelected) return;
        _lastSelected = selected;
        SelectionChanged?.Invoke();
    }

    /// <summary>The index into <see cref="Items"/> of the selected row, or null.</summary>
    public int? SelectedIndex =>
        Status is null && List.SelectedItem is int row && row >= 0 && row < Source.Count ? Source.ItemAt(row) : null;

    /// <summary>Marks the pane as waiting for more (a catalog still paging in) while its items already show.</summary>
    public bool Busy
    {
        get => _busy;
        set
        {
            _busy = value;
            UpdateTitle();
        }
    }

    /// <summary>What the pane shows, after its name: "Tags: charts/webapp (12)".</summary>
    public void SetContext(string? context)
    {
        _context = context;
        UpdateTitle();
    }

    private void UpdateTitle() => Title = $"{_name}{(_context is null ? "" : $": {_context}")}{MatchNote()}{(_busy ? " …" : "")}";

    /// <summary>" [3 of 292 match]" while a filter or search is typed.</summary>
    private string MatchNote()
    {
        if (FilterText.Length == 0 || Status is not null) return "";
        int matches = Searches ? Source.MatchingRows().Count() : Source.Count;
        return $" [{matches} of {_items.Count} match]";
    }

    /// <summary>A column header above the rows (the version table's), or null for none.</summary>
    public void SetHeader(string? header)
    {
        Header.Text = header ?? "";
        Header.Visible = header is not null;
        Relayout();
    }

    /// <summary>Indices into <see cref="Items"/> of the rows in view.</summary>
    public IEnumerable<int> RowsInView()
    {
        if (Status is not null) yield break;
        int top = List.Viewport.Y;
        int height = Math.Max(1, List.Viewport.Height);
        for (int row = top; row < Math.Min(Source.Count, top + height); row++) yield return Source.ItemAt(row);
    }

    public void SetItems(IReadOnlyList<string> items, int? select = null)
    {
        Status = null;
        _items = items.ToList();
        Source.SetItems(_items);
        ApplyFilter(select);
    }

    /// <summary>
    /// Shows items made when drawn (a long diff's lines), kept as given, not copied: they must not change, and
    /// <paramref name="maxLength"/> is the longest one's length (measuring them all would make them all).
    /// </summary>
    public void SetItemsMadeOnDemand(IReadOnlyList<string> items, int maxLength, int? select = null)
    {
        Status = null;
        _items = items;
        Source.SetItems(_items, maxLength);
        ApplyFilter(select);
    }

    /// <summary>Adds rows at the end (a catalog page arriving) without moving the selection.</summary>
    public void AppendItems(IEnumerable<string> items)
    {
        int? keep = SelectedIndex;
        List<string> all = Editable();
        all.AddRange(items);
        Source.SetItems(all);
        ApplyFilter(keep ?? 0);
    }

    /// <summary>Replaces one item's text in place (the version table filling in) without moving the selection.</summary>
    public void UpdateItem(int index, string text)
    {
        if (index < 0 || index >= _items.Count || Status is not null) return;
        Editable()[index] = text;
        Source.ItemChanged(index);
        if (Source.RowOf(index) is var row and >= 0 && row >= List.Viewport.Y && row < List.Viewport.Y + List.Viewport.Height) List.SetNeedsDraw();
    }

    /// <summary>The items as a list of their own, to change (items made on demand are made now).</summary>
    private List<string> Editable()
    {
        if (_items is not List<string> list)
        {
            list = [.. _items];
            _items = list;
            Source.SetItems(list);
        }
        return list;
    }

    /// <summary>Shows one message instead of the items, word-wrapped to the pane so a narrow pane still shows all of it.</summary>
    public void SetStatus(string message)
    {
        Status = message;
        _items = [];
        ShowStatusLines();
    }

    private void ShowStatusLines(int? newWidth = null)
    {
        int width = newWidth ?? List.Viewport.Width;
        if (width <= 4) width = 28;
        Source.SetFilter("");
        Source.SetItems(Wrap(Status!, width).ToList());
        List.SelectedItem = null;
        _lastSelected = null;
    }

    public static IEnumerable<string> Wrap(string text, int width)
    {
        foreach (string paragraph in text.Split('\n'))
        {
            var line = new System.Text.StringBuilder();
            foreach (string word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string rest = word;
                while (rest.Length > width)
                {
                    if (line.Length > 0)
                    {
                        yield return line.ToString();
                        line.Clear();
                    }
                    yield return rest[..width];
                    rest = rest[width..];
                }
                if (line.Length > 0 && line.Length + 1 + rest.Length > width)
                {
                    yield return line.ToString();
                    line.Clear();
                }
                if (line.Length > 0) line.Append(' ');
                line.Append(rest);
            }
            yield return line.ToString();
        }
    }

    public void ShowFilter()
    {
        if (Status is not null) return;
        Filter.Visible = true;
        FilterPrompt.Visible = true;
        Relayout();
        Filter.SetFocus();
    }

    /// <summary>True when a filter line is open or holds text: Esc then clears it rather than going back a pane.</summary>
    public bool IsFiltering => Filter.Visible || (Filter.Text ?? "").Length > 0;

    public void ClearFilter()
    {
        bool had = IsFiltering;
        Filter.Text = "";
        Filter.Visible = false;
        FilterPrompt.Visible = false;
        Relayout();
        List.SetFocus();
        if (had) ApplyFilter();
    }

    /// <summary>Moves the selection to the next (+1) or previous (-1) line holding the search text, wrapping around.</summary>
    public void NextMatch(int step)
    {
        List<int> matches = Source.MatchingRows().ToList();
        if (matches.Count == 0) return;
        int current = List.SelectedItem ?? -1;
        int next = step > 0 ? matches.FirstOrDefault(r => r > current, matches[0]) : matches.LastOrDefault(r => r < current, matches[^1]);
        List.SelectedItem = next;
        List.EnsureSelectedItemVisible();
    }

    private void Relayout()
    {
        int top = Filter.Visible ? 1 : 0;
        Header.Y = top;
        List.Y = top + (Header.Visible ? 1 : 0);
        NoMatch.Y = List.Y;
    }

    /// <summary>Rows changed text in place while a filter is typed (appVersions arriving): filter them again, keeping the selection.</summary>
    public void Refilter()
    {
        if (FilterText.Length > 0) ApplyFilter();
    }

    private void ApplyFilter(int? select = null)
    {
        NoMatch.Visible = false;
        if (Status is not null) return;
        int? keep = select ?? SelectedIndex ?? _lastSelected;
        string text = FilterText;
        Source.SetHighlight(text);
        if (Searches)
        {
            // A search keeps every line and goes to the first match from the top.
            if (text.Length > 0 && select is null && Source.MatchingRows().FirstOrDefault(-1) is var first and >= 0) keep = first;
        }
        else
        {
            Source.SetFilter(text);
        }
        int row = keep is int item ? Source.RowOf(item) : -1;
        List.SelectedItem = Source.Count == 0 ? null : Math.Max(0, row);
        if (List.SelectedItem is not null) List.EnsureSelectedItemVisible();
        bool nothing = text.Length > 0 && (Searches ? !Source.MatchingRows().Any() : Source.Count == 0);
        if (nothing) NoMatch.Text = $"No match for '{TerminalText.Sanitize(text, 40)}'. Esc clears it.";
        NoMatch.Visible = nothing && !Searches;
        UpdateTitle();
        List.SetNeedsDraw();
        RaiseSelectionChanged();
        RowsChanged?.Invoke();
    }
}
