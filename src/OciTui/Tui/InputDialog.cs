using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace OciTui.Tui;

/// <summary>A one-line question.</summary>
public static class InputDialog
{
    public static string? Ask(IApplication app, string title, string prompt)
    {
        using var dialog = new Dialog { Title = title, Width = Dim.Percent(70), Height = 7 };
        var field = new TextField { X = 0, Y = 1, Width = Dim.Fill() };
        dialog.Add(new Label { X = 0, Y = 0, Text = prompt }, field);
        var ok = new Button { Text = "_OK", IsDefault = true };
        dialog.AddButton(new Button { Text = "_Cancel" });
        dialog.AddButton(ok);
        field.SetFocus();
        app.Run(dialog);
        return dialog.Canceled ? null : field.Text;
    }
}
