using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace OciTui.Tui;

/// <summary>Every key (? or F1), from the key map, wrapped to the screen.</summary>
public static class HelpDialog
{
    /// <summary>Left-aligned as a table should be, and scrollable when the terminal is smaller than the list.</summary>
    public static void Show(IApplication app)
    {
        // The dialog's frame and margin take four columns; a line never runs under the frame.
        int columns = app.Driver?.Cols ?? 80;
        // Frame, button row and margins take six rows; a longer list scrolls (Up, Down, PgDn, End).
        int rows = Math.Max(3, (app.Driver?.Rows ?? 24) - 6);
        IReadOnlyList<string> lines = KeyMap.HelpLines(Math.Clamp(columns - 6, 30, 90));
        var source = new TextListSource();
        source.SetItems(lines);
        using var dialog = new Dialog
        {
            Title = "Keys",
            Width = Dim.Auto(minimumContentDim: lines.Max(l => l.Length) + 2, maximumContentDim: Dim.Percent(95)),
            Height = Dim.Auto(maximumContentDim: Dim.Percent(95)),
        };
        dialog.Add(new ListView { X = 0, Y = 0, Width = Dim.Fill(), Height = Math.Min(lines.Count, rows), Source = source, KeystrokeNavigator = null });
        dialog.AddButton(new Button { Text = "_OK" });
        app.Run(dialog);
    }
}
