using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace OciTui.Tui;

/// <summary>Every key, in one place (? or F1).</summary>
public static class HelpDialog
{
    public const string Text =
        "Tab / Shift-Tab   next / previous pane\n" +
        "Up Down, j k      move; PgUp PgDn Home End page\n" +
        "Enter             open: profile > repositories > tags > details\n" +
        "/                 filter the focused list as you type; Esc clears\n" +
        "r                 refresh the focused pane (Profiles: reread the file)\n" +
        "q, Ctrl-Q         quit\n" +
        "\n" +
        "Profiles          a add   e edit   x or Delete: delete\n" +
        "Repositories      a type a repository path   p pin or unpin it\n" +
        "Tags              d download   y helm pull command and digest reference\n" +
        "                  ~ prerelease   ? not a semantic version\n" +
        "Details           s summary   c Chart.yaml   v values.yaml   e README\n" +
        "                  m raw manifest   d download\n" +
        "Download dialog   Enter start   Esc cancel (then close)\n" +
        "? or F1           this help";

    /// <summary>Left-aligned as a table should be, and scrollable when the terminal is smaller than the list.</summary>
    public static void Show(IApplication app)
    {
        string[] lines = Text.Split('\n');
        var source = new TextListSource();
        source.SetItems(lines);
        using var dialog = new Dialog
        {
            Title = "Keys",
            Width = Dim.Auto(minimumContentDim: lines.Max(l => l.Length) + 2, maximumContentDim: Dim.Percent(95)),
            Height = Dim.Auto(maximumContentDim: Dim.Percent(95)),
        };
        dialog.Add(new ListView { X = 0, Y = 0, Width = Dim.Fill(), Height = lines.Length, Source = source, KeystrokeNavigator = null });
        dialog.AddButton(new Button { Text = "_OK" });
        app.Run(dialog);
    }
}
