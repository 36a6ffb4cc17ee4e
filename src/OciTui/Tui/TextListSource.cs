using System.Collections;
using System.Collections.Specialized;
using Terminal.Gui.Drawing;
using Terminal.Gui.Text;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace OciTui.Tui;

/// <summary>
/// The rows of a list pane, filtered, drawn only where they are in view: a repository of 10,000 tags costs a draw of
/// one screenful, and a filter key one pass over the strings (ListView's own wrapper re-measures every row instead).
/// </summary>
public sealed class TextListSource : IListDataSource
{
    private IReadOnlyList<string> _items = [];
    private int[]? _visible;
    private string _filter = "";
    private string _highlight = "";

    public event NotifyCollectionChangedEventHandler? CollectionChanged;

    /// <summary>Rows shown: every item, or those the filter keeps.</summary>
    public int Count => _visible?.Length ?? _items.Count;

    public int MaxItemLength { get; private set; }

    /// <summary>An item's own colour (a diff's added and removed lines) from the row's normal attribute, or null for the normal one; not used on the selected row.</summary>
    public Func<int, Attribute, Attribute?>? ItemAttribute { get; set; }

    public bool SuspendCollectionChangedEvent { get; set; }

    /// <summary>The item index behind a row.</summary>
    public int ItemAt(int row) => _visible is null ? row : _visible[row];

    /// <summary>The row showing an item, or -1 when the filter hides it.</summary>
    public int RowOf(int item) => _visible is null ? (item < _items.Count ? item : -1) : Array.BinarySearch(_visible, item) is var row and >= 0 ? row : -1;

    public string RowText(int row) => _items[ItemAt(row)];

    /// <summary>An item's text, whether or not the filter shows it ("" past the end).</summary>
    public string ItemText(int item) => item < _items.Count ? _items[item] : "";

    /// <summary>The items to show; <paramref name="maxItemLength"/>, when given, is the longest one's length (else each is measured).</summary>
    public void SetItems(IReadOnlyList<string> items, int? maxItemLength = null)
    {
        _items = items;
        if (maxItemLength is { } known) MaxItemLength = known;
        else
        {
            MaxItemLength = 0;
            foreach (string item in items) MaxItemLength = Math.Max(MaxItemLength, item.Length);
        }
        Refilter();
    }

    /// <summary>Keeps the rows holding <paramref name="filter"/> (case-insensitive); empty shows all.</summary>
    public void SetFilter(string filter)
    {
        _filter = filter;
        Refilter();
    }

    /// <summary>Draws <paramref name="text"/> in the highlight colour wherever a row holds it (case-insensitive); empty draws none.</summary>
    public void SetHighlight(string text) => _highlight = text;

    /// <summary>The rows holding the highlighted text.</summary>
    public IEnumerable<int> MatchingRows()
    {
        if (_highlight.Length == 0) yield break;
        for (int row = 0; row < Count; row++)
        {
            if (RowText(row).Contains(_highlight, StringComparison.OrdinalIgnoreCase)) yield return row;
        }
    }

    /// <summary>An item's text changed in place (a version-table row filled in): no re-filtering, the row just redraws.</summary>
    public void ItemChanged(int item)
    {
        if (item < _items.Count) MaxItemLength = Math.Max(MaxItemLength, _items[item].Length);
    }

    private void Refilter()
    {
        if (_filter.Length == 0)
        {
            _visible = null;
        }
        else
        {
            var rows = new List<int>();
            for (int i = 0; i < _items.Count; i++)
            {
                if (_items[i].Contains(_filter, StringComparison.OrdinalIgnoreCase)) rows.Add(i);
            }
            _visible = [.. rows];
        }
        if (!SuspendCollectionChangedEvent) CollectionChanged?.Invoke(this, new NotifyCollectionChangedEventArgs(NotifyCollectionChangedAction.Reset));
    }

    public void Render(ListView listView, bool selected, int item, int col, int row, int width, int viewportX = 0)
    {
        listView.Move(Math.Max(col - viewportX, 0), row);
        string text = item < Count ? RowText(item) : "";
        string shown = viewportX > 0 ? (viewportX < text.Length ? text[viewportX..] : "") : text;
        string clipped = TextFormatter.ClipAndJustify(shown, width, Alignment.Start);
        int at = _highlight.Length == 0 ? -1 : clipped.IndexOf(_highlight, StringComparison.OrdinalIgnoreCase);
        Attribute? own = !selected && item < Count ? ItemAttribute?.Invoke(ItemAt(item), listView.GetAttributeForRole(VisualRole.Normal)) : null;
        if (own is { } colour) listView.SetAttribute(colour);
        if (at < 0)
        {
            listView.AddStr(clipped);
        }
        else
        {
            // Each match in the highlight colour, the rest as the row is drawn (normal, or selected).
            Attribute normal = listView.GetAttributeForRole(selected ? VisualRole.Focus : VisualRole.Normal);
            Attribute match = listView.GetAttributeForRole(VisualRole.Highlight);
            int from = 0;
            while (at >= 0)
            {
                listView.AddStr(clipped[from..at]);
                listView.SetAttribute(match);
                listView.AddStr(clipped.Substring(at, _highlight.Length));
                listView.SetAttribute(normal);
                from = at + _highlight.Length;
                at = clipped.IndexOf(_highlight, from, StringComparison.OrdinalIgnoreCase);
            }
            listView.AddStr(clipped[from..]);
        }
        for (int left = width - clipped.GetColumns(); left > 0; left--) listView.AddRune(new System.Text.Rune(' '));
        // The list sets a row's attribute only when it differs from the one it set for the row before, so an item's own
        // colour left in place would run on into the plain rows after it (a diff's context drawn as added lines).
        if (own is not null) listView.SetAttribute(listView.GetAttributeForRole(VisualRole.Normal));
    }

    public bool IsMarked(int item) => false;

    public void SetMark(int item, bool value)
    {
    }

    public bool RenderMark(ListView listView, int item, int row, bool isMarked, bool multi) => false;

    public IList ToList()
    {
        var rows = new List<string>(Count);
        for (int row = 0; row < Count; row++) rows.Add(RowText(row));
        return rows;
    }

    public void Dispose()
    {
    }
}
