using Terminal.Gui.Input;

namespace OciTui.Tui;

/// <summary>Where a key works: one pane, several, or the download dialog.</summary>
[Flags]
public enum KeyScope
{
    None = 0,
    Profiles = 1,
    Repositories = 2,
    Tags = 4,
    Details = 8,
    Panes = Profiles | Repositories | Tags | Details,
    DownloadDialog = 16,
    Compare = 32,
}

/// <summary>
/// One key binding: the keys, where they work, the status-line hint, the help text, why it does not apply right now
/// (null when it does), and what it does. A binding without an action is documented here and handled by its dialog.
/// </summary>
public sealed record KeyBinding(IReadOnlyList<Key> Keys, string Label, KeyScope Scope, string Help)
{
    /// <summary>The status line's words for it (<c>d download</c>), or null to leave it to the help.</summary>
    public string? Hint { get; init; }

    /// <summary>Where the hint shows, when narrower than where the key works.</summary>
    public KeyScope HintScope { get; init; } = KeyScope.None;

    /// <summary>Why the key does nothing now (<c>select a tag first</c>), or null when it applies.</summary>
    public Func<MainWindow, string?> DisabledReason { get; init; } = _ => null;

    public Action<MainWindow, Key>? Run { get; init; }

    public bool HintShowsIn(KeyScope pane) => Hint is not null && ((HintScope == KeyScope.None ? Scope : HintScope) & pane) != 0;

    /// <summary>Works in most panes: listed among the general keys, not under one pane.</summary>
    public bool IsGeneral => System.Numerics.BitOperations.PopCount((uint)(Scope & KeyScope.Panes)) > 2;
}

/// <summary>
/// Every key of the terminal UI in one table: the main window dispatches through it, and the status line, the help
/// dialog and the README's key table are made from it, so a key cannot work without being documented or be documented
/// without working. A key pressed where it does not apply says why on the status line instead of doing nothing.
/// </summary>
public static class KeyMap
{
    /// <summary>Help lines put their text after a label column of this width.</summary>
    public const int LabelWidth = 18;

    public static IReadOnlyList<KeyBinding> Bindings { get; } =
    [
        new([Key.Tab, Key.Tab.WithShift], "Tab / Shift-Tab", KeyScope.Panes, "next / previous pane")
        {
            Run = (w, key) => w.Cycle(key == Key.Tab ? +1 : -1),
        },
        new([Key.CursorDown, Key.CursorUp, Key.J, Key.K], "Up Down, j k", KeyScope.Panes, "move; PgUp PgDn page (the ends of a list hold)")
        {
            Run = (w, key) => w.Move(key == Key.J || key == Key.CursorDown ? +1 : -1),
        },
        new([Key.G, Key.G.WithShift, Key.Home, Key.End], "g G, Home End", KeyScope.Panes, "first / last row")
        {
            Run = (w, key) => w.MoveToEnd(key == Key.G.WithShift || key == Key.End),
        },
        new([Key.CursorLeft, Key.CursorRight], "Left Right", KeyScope.Details, "scroll a file sideways"),
        new([Key.Enter], "Enter", KeyScope.Panes, "open: profile > repositories > tags > details > referrer")
        {
            Hint = "Enter open",
            DisabledReason = w => w.FocusedHasSelection ? null : "nothing selected to open",
            Run = (w, _) => w.OpenSelected(),
        },
        new([new Key('/')], "/", KeyScope.Panes, "filter as you type (Details: search); Ctrl-U clears")
        {
            Hint = "/ filter",
            HintScope = KeyScope.Repositories | KeyScope.Tags,
            DisabledReason = w => w.FocusedShowsItems ? null : "nothing to filter here",
            Run = (w, _) => w.ShowFilter(),
        },
        new([Key.Esc], "Esc", KeyScope.Panes, "clear the filter, else back one pane")
        {
            Run = (w, _) => w.Back(),
        },
        new([Key.D], "d", KeyScope.Tags | KeyScope.Details, "download the chart, verified")
        {
            Hint = "d download",
            DisabledReason = w => w.Session.WhyNoTagSelected,
            Run = (w, _) => w.OpenDownload(),
        },
        new([Key.Y], "y", KeyScope.Panes, "helm pull command and digest reference (copied)")
        {
            Hint = "y pull cmd",
            HintScope = KeyScope.Tags,
            DisabledReason = w => w.Session.WhyNoTagSelected,
            Run = (w, _) => w.ShowPullCommand(),
        },
        new([Key.R], "r", KeyScope.Panes, "refresh the pane (Profiles: reread the file)")
        {
            Hint = "r refresh",
            Run = (w, _) => w.Refresh(),
        },
        new([Key.A], "a", KeyScope.Profiles, "add a profile")
        {
            Hint = "a add",
            Run = (w, _) => w.AddProfile(),
        },
        new([Key.E], "e", KeyScope.Profiles, "edit the profile")
        {
            Hint = "e edit",
            DisabledReason = w => w.Profiles.Selected is null ? "no profile selected" : null,
            Run = (w, _) => w.EditProfile(),
        },
        new([Key.X, Key.Delete], "x or Delete", KeyScope.Profiles, "delete the profile (asks first)")
        {
            Hint = "x delete",
            DisabledReason = w => w.Profiles.Selected is null ? "no profile selected" : null,
            Run = (w, _) => w.DeleteProfile(),
        },
        new([Key.C], "c", KeyScope.Profiles, "check the connection, step by step (as ocitui doctor)")
        {
            DisabledReason = w => w.Profiles.Selected is not { } p ? "no profile selected" : p.Kind == Registry.Profiles.ProfileKind.Layout ? "a layout folder has no connection to check" : null,
            Run = (w, _) => w.CheckConnection(),
        },
        new([Key.P], "p", KeyScope.Repositories, "pin or unpin the repository (saved in the profile)")
        {
            Hint = "p pin",
            DisabledReason = w => w.Session.Profile is null ? "open a profile first" : w.Repositories.Selected is null ? "no repository selected" : null,
            Run = (w, _) => w.TogglePin(),
        },
        new([Key.A], "a", KeyScope.Repositories, "type a repository path")
        {
            Hint = "a type path",
            DisabledReason = w => w.Session.Profile is null ? "open a profile first" : null,
            Run = (w, _) => w.AskRepository(),
        },
        new([Key.O], "o", KeyScope.Tags, "order by created, newest first, or by version again")
        {
            Hint = "o order",
            DisabledReason = w => w.Tags.Status is null ? null : "no tags to order",
            Run = (w, _) => w.Tags.ToggleOrder(w.Session),
        },
        new([Key.Space], "Space", KeyScope.Tags, "mark or unmark the version (to compare or copy)")
        {
            Hint = "Space mark",
            DisabledReason = w => w.Tags.Selected is null ? "no version selected" : null,
            Run = (w, _) => w.ToggleMark(),
        },
        new([new Key('=')], "=", KeyScope.Tags, "compare the marked version with the selected one")
        {
            Hint = "= compare",
            DisabledReason = w => w.Session.WhyNoCompare,
            Run = (w, _) => w.OpenCompare(),
        },
        DetailsView(Key.S, "s", "summary", "s summary", Tui.DetailsView.Summary),
        DetailsView(Key.C, "c", "Chart.yaml", "c chart", Tui.DetailsView.ChartYaml),
        DetailsView(Key.V, "v", "values.yaml", "v values", Tui.DetailsView.Values),
        DetailsView(Key.E, "e", "README", "e readme", Tui.DetailsView.Readme),
        DetailsView(Key.M, "m", "raw manifest", "m manifest", Tui.DetailsView.Manifest),
        DetailsView(Key.T, "t", "trust view", "t trust", Tui.DetailsView.Trust),
        new([Key.C.WithShift], "C", KeyScope.Tags | KeyScope.Details, "copy the marked versions, or the selected one")
        {
            Hint = "C copy",
            DisabledReason = w => w.Session.WhyNoTagSelected,
            Run = (w, _) => w.OpenCopy(),
        },
        new([Key.N, Key.N.WithShift], "n N", KeyScope.Details, "next / previous match of the search")
        {
            Hint = "/ n N search",
            DisabledReason = w => w.Details.FilterText.Length == 0 ? "no search yet: press / and type" : null,
            Run = (w, key) => w.Details.NextMatch(key == Key.N ? +1 : -1),
        },
        new([Key.Tab, Key.Tab.WithShift], "Tab / Shift-Tab", KeyScope.Compare, "next / previous tab: values, Chart.yaml, files, images")
        {
            Hint = "Tab tabs",
            Run = (w, key) => w.Compare.NextTab(key == Key.Tab ? +1 : -1),
        },
        new([Key.N, Key.N.WithShift], "n N", KeyScope.Compare, "next / previous change")
        {
            Hint = "n N change",
            Run = (w, key) => w.Compare.NextChange(key == Key.N ? +1 : -1),
        },
        new([Key.CursorDown, Key.CursorUp, Key.J, Key.K], "Up Down, j k", KeyScope.Compare, "scroll; PgUp PgDn page, Left Right sideways")
        {
            Run = (w, key) => w.Move(key == Key.J || key == Key.CursorDown ? +1 : -1),
        },
        new([Key.G, Key.G.WithShift, Key.Home, Key.End], "g G, Home End", KeyScope.Compare, "first / last line")
        {
            Run = (w, key) => w.MoveToEnd(key == Key.G.WithShift || key == Key.End),
        },
        new([new Key('['), new Key(']')], "[ ]", KeyScope.Compare, "select the version above / below in Tags and compare again")
        {
            Hint = "[ ] other version",
            Run = (w, key) => w.StepVersion(key == new Key('[') ? -1 : +1),
        },
        new([Key.Esc], "Esc", KeyScope.Compare, "close the comparison")
        {
            Hint = "Esc close",
            Run = (w, _) => w.CloseCompare(),
        },
        new([Key.Enter], "Enter", KeyScope.DownloadDialog, "start"),
        new([Key.Esc], "Esc", KeyScope.DownloadDialog, "cancel (then close)"),
        new([new Key('?'), Key.F1], "? or F1", KeyScope.Panes, "this help")
        {
            Hint = "? help",
            Run = (w, _) => w.ShowHelp(),
        },
        new([Key.Q, Key.Q.WithCtrl, Key.C.WithCtrl], "q, Ctrl-Q, Ctrl-C", KeyScope.Panes, "quit (a download is cancelled, its partial removed)")
        {
            Hint = "q quit",
            Run = (w, _) => w.Quit(),
        },
    ];

    private static KeyBinding DetailsView(Key key, string label, string help, string hint, DetailsView view) =>
        new([key], label, KeyScope.Tags | KeyScope.Details, help)
        {
            Hint = hint,
            HintScope = KeyScope.Details,
            DisabledReason = w => w.Session.Details?.Value is null ? "the tag's details are not loaded" : null,
            Run = (w, _) => w.ShowDetailsView(view),
        };

    /// <summary>What is not a pane's own key but explains what it shows.</summary>
    private static readonly (KeyScope Scope, string Text)[] Legends = [(KeyScope.Tags | KeyScope.Details, "~ prerelease   ? not a semantic version"), (KeyScope.Tags, "* marked (Space)")];

    /// <summary>The order of the per-pane sections in the help: what a person looks up most first.</summary>
    private static readonly KeyScope[] HelpOrder =
        [KeyScope.Tags | KeyScope.Details, KeyScope.Tags, KeyScope.Details, KeyScope.Compare, KeyScope.DownloadDialog, KeyScope.Profiles, KeyScope.Repositories];

    /// <summary>The binding of <paramref name="key"/> in <paramref name="scope"/>, or null.</summary>
    public static KeyBinding? Find(Key key, KeyScope scope) =>
        Bindings.FirstOrDefault(b => (b.Scope & scope) != 0 && b.Run is not null && b.Keys.Contains(key));

    /// <summary>Why <paramref name="key"/> does nothing in <paramref name="scope"/> when it works elsewhere: <c>p works in Repositories (pin or unpin...)</c>; null when it works nowhere.</summary>
    public static string? WhereElse(Key key, KeyScope scope)
    {
        List<KeyBinding> elsewhere = Bindings.Where(b => (b.Scope & scope) == 0 && b.Run is not null && b.Keys.Contains(key)).ToList();
        if (elsewhere.Count == 0) return null;
        return $"{elsewhere[0].Label.Split(' ')[0]} works in " + string.Join("; ", elsewhere.Select(b => $"{ScopeNames(b.Scope)} ({b.Help})"));
    }

    /// <summary>The status line for a pane: its keys first, then the general ones, as many as fit.</summary>
    public static string StatusLine(KeyScope pane, int width)
    {
        List<string> hints = Bindings.Where(b => !b.IsGeneral && b.HintShowsIn(pane)).Select(b => b.Hint!)
            .Concat(Bindings.Where(b => b.IsGeneral && b.HintShowsIn(pane)).Select(b => b.Hint!))
            .ToList();
        // The general keys go first when room runs out, except help and quit, which a newcomer looks for.
        while (" ".Length + string.Join("  ", hints).Length > width)
        {
            int drop = hints.FindLastIndex(h => h is not ("? help" or "q quit"));
            if (drop < 0) break;
            hints.RemoveAt(drop);
        }
        return " " + string.Join("  ", hints);
    }

    /// <summary>The help dialog's lines: the general keys one a line, then each pane's keys, wrapped to <paramref name="width"/>.</summary>
    public static IReadOnlyList<string> HelpLines(int width)
    {
        var lines = new List<string>();
        foreach (KeyBinding binding in Bindings.Where(b => b.IsGeneral))
            lines.AddRange(Wrapped(binding.Label, [binding.Help], width));
        lines.Add("");
        foreach (KeyScope scope in HelpOrder)
        {
            List<string> items = Bindings.Where(b => !b.IsGeneral && b.Scope == scope)
                .Select(b => $"{b.Label} {b.Help}")
                .Concat(Legends.Where(l => l.Scope == scope).Select(l => l.Text))
                .ToList();
            if (items.Count > 0) lines.AddRange(Wrapped(ScopeNames(scope), items, width));
        }
        return lines;
    }

    /// <summary>The README's key table, as markdown; a test keeps the README equal to it.</summary>
    public static string MarkdownTable()
    {
        var table = new System.Text.StringBuilder("| key | where | what it does |\n|---|---|---|\n");
        foreach (KeyBinding binding in Bindings)
        {
            string where = binding.Scope == KeyScope.Panes ? "any pane" : ScopeNames(binding.Scope);
            table.Append($"| {MarkdownLabel(binding.Label)} | {where} | {binding.Help} |\n");
        }
        return table.ToString();
    }

    /// <summary>Single-character keys in code spans, key names as they are: <c>`x` or Delete</c>, <c>Tab / Shift-Tab</c>.</summary>
    private static string MarkdownLabel(string label)
    {
        string[] words = label.Split(' ');
        return string.Join(' ', words.Select(word =>
        {
            string bare = word.TrimEnd(',');
            bool separator = bare == "/" && words.Length > 1;
            return bare.Length == 1 && !separator ? $"`{bare}`{word[bare.Length..]}" : word;
        }));
    }

    /// <summary>Label, then items three spaces apart, continued under the text column; an item too long for a line breaks between words.</summary>
    private static IEnumerable<string> Wrapped(string label, IReadOnlyList<string> items, int width)
    {
        var lines = new List<string>();
        string indent = new(' ', LabelWidth);
        string line = label.PadRight(LabelWidth - 1) + " ";
        bool empty = true;
        foreach (string item in items)
        {
            if (!empty && line.Length + 3 + item.Length > width)
            {
                lines.Add(line);
                line = indent;
                empty = true;
            }
            string separator = empty ? "" : "   ";
            foreach (string word in item.Split(' '))
            {
                if (line.Length + separator.Length + word.Length > width && line.Length > LabelWidth)
                {
                    lines.Add(line);
                    line = indent;
                    separator = "";
                }
                line += separator + word;
                separator = " ";
            }
            empty = false;
        }
        lines.Add(line);
        return lines;
    }

    private static string ScopeNames(KeyScope scope)
    {
        string[] names = new[] { (KeyScope.Profiles, "Profiles"), (KeyScope.Repositories, "Repositories"), (KeyScope.Tags, "Tags"), (KeyScope.Details, "Details"), (KeyScope.DownloadDialog, "Download dialog"), (KeyScope.Compare, "Compare view") }
            .Where(p => (scope & p.Item1) != 0).Select(p => p.Item2).ToArray();
        return names.Length <= 1 ? string.Join("", names) : $"{string.Join(", ", names[..^1])} and {names[^1]}";
    }
}
