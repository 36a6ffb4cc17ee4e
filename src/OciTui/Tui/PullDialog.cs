using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace OciTui.Tui;

/// <summary>
/// The helm pull command and the immutable reference of a tag, one per line, left-aligned and unwrapped so a mouse
/// selection in the terminal copies them whole; each line scrolls sideways when it is wider than the screen.
/// </summary>
public static class PullDialog
{
    public static void Show(IApplication app, IReadOnlyList<string> lines, bool sentToClipboard)
    {
        using var dialog = new Dialog { Title = "Pull", Width = Dim.Percent(96), Height = lines.Count + 6 };
        int row = 0;
        foreach (string line in lines)
            dialog.Add(new TextField { X = 0, Y = row++, Width = Dim.Fill(), Text = line, ReadOnly = true });
        dialog.Add(new Label
        {
            X = 0,
            Y = row + 1,
            Width = Dim.Fill(),
            Text = sentToClipboard ? "The first line was sent to the terminal's clipboard (OSC 52)." : "Select a line with the mouse to copy it.",
        });
        dialog.AddButton(new Button { Text = "_OK" });
        app.Run(dialog);
    }
}
