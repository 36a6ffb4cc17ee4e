using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace OciTui.Tui;

/// <summary>A one-line question, its prompt wrapped to the dialog so it is never cut.</summary>
public static class InputDialog
{
    public static string? Ask(IApplication app, string title, string prompt)
    {
        int columns = app.Driver?.Cols ?? 80;
        // 90% of the screen, less the frame and padding.
        List<string> lines = ListPane.Wrap(prompt, Math.Max(20, columns * 90 / 100 - 4)).ToList();
        using var dialog = new Dialog { Title = title, Width = Dim.Percent(90), Height = lines.Count + 6 };
        var field = new TextField { X = 0, Y = lines.Count, Width = Dim.Fill() };
        dialog.Add(new Label { X = 0, Y = 0, Width = Dim.Fill(), Height = lines.Count, Text = string.Join('\n', lines) }, field);
        var ok = new Button { Text = "_OK", IsDefault = true };
        dialog.AddButton(new Button { Text = "_Cancel" });
        dialog.AddButton(ok);
        field.SetFocus();
        app.Run(dialog);
        return dialog.Canceled ? null : field.Text;
    }
}
