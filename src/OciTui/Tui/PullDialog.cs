using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace OciTui.Tui;

/// <summary>
/// The helm pull command and the immutable reference of a tag, left-aligned and wrapped to the dialog (never cut: a
/// flag or a digest cut at the edge reads as another command), with what happened to the clipboard below them.
/// </summary>
public static class PullDialog
{
    /// <summary>What the dialog says under the lines: whether the first went to the clipboard, and what tmux does with it.</summary>
    public static string ClipboardNote(bool sentToClipboard, bool inTmux) => sentToClipboard
        ? "The first line was sent to the terminal's clipboard (OSC 52)." + (inTmux ? " tmux passes it on only with 'set -g set-clipboard on'." : "")
        : "Select a line with the mouse to copy it.";

    public static void Show(IApplication app, IReadOnlyList<string> lines, bool sentToClipboard)
    {
        int columns = app.Driver?.Cols ?? 80;
        // The dialog takes 96% of the screen; its frame and padding take four more columns.
        int width = Math.Max(20, columns * 96 / 100 - 4);
        string note = ClipboardNote(sentToClipboard, Environment.GetEnvironmentVariable("TMUX") is { Length: > 0 });
        List<string> shown = [.. lines.SelectMany(line => WrapAnywhere(line, width)), "", .. ListPane.Wrap(note, width)];
        // The frame and the button row take six rows.
        using var dialog = new Dialog { Title = "Pull", Width = Dim.Percent(96), Height = shown.Count + 6 };
        dialog.Add(new Label { X = 0, Y = 0, Width = Dim.Fill(), Height = shown.Count, Text = string.Join('\n', shown) });
        dialog.AddButton(new Button { Text = "_OK" });
        app.Run(dialog);
    }

    /// <summary>A command wraps after a space where one is near the edge, else at the edge (a digest has no spaces).</summary>
    public static IEnumerable<string> WrapAnywhere(string line, int width)
    {
        string rest = line;
        while (rest.Length > width)
        {
            int cut = rest.LastIndexOf(' ', width - 1, Math.Min(width, 20));
            int end = cut > 0 ? cut + 1 : width;
            yield return rest[..end].TrimEnd();
            rest = rest[end..];
        }
        yield return rest;
    }
}
