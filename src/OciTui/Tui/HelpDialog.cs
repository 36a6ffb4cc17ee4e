using Terminal.Gui.App;
using Terminal.Gui.Views;

namespace OciTui.Tui;

/// <summary>Every key, in one place (? or F1).</summary>
public static class HelpDialog
{
    public const string Text =
        "Tab / Shift-Tab   move between panes\n" +
        "Up/Down, j/k      move in a list; PgUp/PgDn/Home/End page\n" +
        "Enter             open: profile -> repositories -> tags -> details\n" +
        "/                 filter the focused list (Esc clears)\n" +
        "d                 download the selected tag (verified)\n" +
        "y                 show the helm pull command and digest reference\n" +
        "r                 refresh the focused pane\n" +
        "p                 pin or unpin the selected repository\n" +
        "a                 type a repository path (Repositories pane)\n" +
        "s c v e m         details: summary, Chart.yaml, values, README, manifest\n" +
        "? / F1            this help\n" +
        "q / Ctrl-Q        quit";

    public static void Show(IApplication app) => MessageBox.Query(app, "Keys", Text, "_OK");
}
