using System.Collections.ObjectModel;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace OciTui.Tui;

/// <summary>
/// A framed list with an optional filter line: the shape of every pane. It shows sanitised strings the caller
/// gives it, or one status line (loading, an error) in their place, and maps the selection back through the filter.
/// </summary>
public class ListPane : FrameView
{
    private IReadOnlyList<string> _items = [];
    private List<int> _visible = [];
    private readonly ObservableCollection<string> _shown = [];

    public ListPane(string title)
    {
        Title = title;
        TabStop = TabBehavior.TabStop;
        Filter = new TextField { X = 0, Y = 0, Width = Dim.Fill(), Visible = false };
        List = new ListView { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(), KeystrokeNavigator = null };
        List.SetSource(_shown);
        Filter.TextChanged += (_, _) => ApplyFilter();
        List.ValueChanged += (_, _) => SelectionChanged?.Invoke();
        Add(Filter, List);
    }

    public TextField Filter { get; }
    public ListView List { get; }

    /// <summary>A status line shown instead of the items (e.g. "loading…" or an error), or null.</summary>
    public string? Status { get; private set; }

    public event Action? SelectionChanged;

    public IReadOnlyList<string> Items => _items;

    /// <summary>The index into <see cref="Items"/> of the selected row, or null.</summary>
    public int? SelectedIndex =>
        Status is null && List.SelectedItem is int row && row >= 0 && row < _visible.Count ? _visible[row] : null;

    /// <summary>Indices into <see cref="Items"/> of the rows in view.</summary>
    public IEnumerable<int> RowsInView()
    {
        if (Status is not null) yield break;
        int top = List.Viewport.Y;
        int height = Math.Max(1, List.Viewport.Height);
        for (int row = top; row < Math.Min(_visible.Count, top + height); row++) yield return _visible[row];
    }

    public void SetItems(IReadOnlyList<string> items, int? select = null)
    {
        Status = null;
        _items = items;
        ApplyFilter(select);
    }

    /// <summary>Replaces one item's text in place (the version table filling in) without moving the selection.</summary>
    public void UpdateItem(int index, string text)
    {
        if (index < 0 || index >= _items.Count || _items is not List<string> list) return;
        list[index] = text;
        int row = _visible.IndexOf(index);
        if (row >= 0 && Status is null) _shown[row] = text;
    }

    /// <summary>Shows one message instead of the items, word-wrapped to the pane so a narrow pane still shows all of it.</summary>
    public void SetStatus(string message)
    {
        Status = message;
        _visible = [];
        _shown.Clear();
        int width = List.Viewport.Width > 4 ? List.Viewport.Width : 28;
        foreach (string line in Wrap(message, width)) _shown.Add(line);
        List.SelectedItem = null;
    }

    public static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new System.Text.StringBuilder();
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
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
        if (line.Length > 0) yield return line.ToString();
    }

    public void ShowFilter()
    {
        Filter.Visible = true;
        List.Y = 1;
        Filter.SetFocus();
    }

    public void ClearFilter()
    {
        Filter.Text = "";
        Filter.Visible = false;
        List.Y = 0;
        List.SetFocus();
    }

    private void ApplyFilter(int? select = null)
    {
        if (Status is not null) return;
        int? keep = select ?? SelectedIndex;
        string filter = Filter.Text ?? "";
        _visible = Enumerable.Range(0, _items.Count)
            .Where(i => filter.Length == 0 || _items[i].Contains(filter, StringComparison.OrdinalIgnoreCase))
            .ToList();
        _shown.Clear();
        foreach (int i in _visible) _shown.Add(_items[i]);
        int row = keep is int k ? _visible.IndexOf(k) : -1;
        List.SelectedItem = _visible.Count == 0 ? null : Math.Max(0, row);
    }
}
