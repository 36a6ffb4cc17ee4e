using OciTui.Registry;
using OciTui.Registry.Errors;
using OciTui.Registry.Profiles;
using OciTui.Registry.References;
using OciTui.Registry.Text;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace OciTui.Tui;

/// <summary>
/// The four panes, their layout, and the commands the key map runs. What is being browsed lives in
/// <see cref="Session"/>; the panes render it, and this window hands the user's choices to it and shows what changed.
/// </summary>
public sealed class MainWindow : Runnable
{
    /// <summary>At this width and more the panes stand in three columns; below it Tags sit above Details.</summary>
    public const int WideLayoutColumns = 140;

    private readonly IApplication _app;
    private readonly string _workingDirectory;
    private readonly Func<Profile, Action<string>, IRegistry> _open;
    private readonly List<Task> _transfers = [];
    private (bool Wide, bool LeftFocused)? _layout;

    public MainWindow(IApplication app, ProfileSet profiles, string profilesFile, Func<Profile, Action<string>, IRegistry> open, string workingDirectory)
    {
        _app = app;
        _open = open;
        _workingDirectory = workingDirectory;
        Title = "ocitui";

        Session = new BrowseSession(open);
        Profiles = new ProfilesPane();
        Repositories = new RepositoriesPane();
        Tags = new TagsPane();
        Details = new DetailsPane();
        Compare = new CompareView { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(1), Visible = false };
        StatusLine = new Label { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Height = 1 };
        Add(Profiles, Repositories, Tags, Details, Compare, StatusLine);
        ApplyLayout(Viewport.Width);
        ViewportChanged += (_, e) => ApplyLayout(e.NewViewport.Width);

        Profiles.Show(profiles.Profiles);
        ProfileEdits = new ProfileCommands(app, Session, Profiles, profiles.SourceFile ?? profilesFile, Notify);
        Session.Changed += Render;
        // Notes come from loads and from registries' warnings, on any thread; the status line is the UI thread's.
        Session.Noted += note => _app.Invoke(() => Notify(note));
        Tags.SelectionChanged += () =>
        {
            Task select = Session.SelectTagAsync(Tags.Selected?.Tag);
            // With a comparison open, another selected version is compared with the marked one.
            Pending = Session.Comparison is null ? select : Task.WhenAll(select, Session.CompareAsync());
        };
        foreach (ListPane pane in Panes)
        {
            pane.HasFocusChanged += (_, _) =>
            {
                UpdateStatusLine();
                ApplyLayout(Viewport.Width);
            };
        }
        // A focused ListView takes letters (type-to-search) before its superviews see them, so ocitui's keys are read
        // at the application level, first, while this window is on top (not while a dialog is open).
        _app.Keyboard.KeyDown += OnKeyDown;
        UpdateStatusLine();
    }

    /// <summary>What is being browsed: profile, repository, tag and its details.</summary>
    public BrowseSession Session { get; }

    public ProfilesPane Profiles { get; }

    /// <summary>Add, edit, delete, pin: the commands that write the profiles file.</summary>
    public ProfileCommands ProfileEdits { get; }
    public RepositoriesPane Repositories { get; }
    public TagsPane Tags { get; }
    public DetailsPane Details { get; }

    /// <summary>The marked version compared with the selected one, over the panes while it is open.</summary>
    public CompareView Compare { get; }
    public Label StatusLine { get; }

    /// <summary>Where the connection check (<c>c</c> in Profiles) finds credentials; tests isolate it from the machine's.</summary>
    public Registry.Credentials.CredentialEnvironment Credentials { get; set; } = Registry.Credentials.CredentialEnvironment.Process;

    /// <summary>A message shown in place of the keys on the status line until the next key: a registry's warning, what was saved, why a key did nothing.</summary>
    public string? Notice { get; private set; }

    /// <summary>The most recent load, for tests to await. Setting it watches the load for a failure nobody expected.</summary>
    public Task Pending
    {
        get => _pending;
        private set => _pending = Watch(value);
    }

    private Task _pending = Task.CompletedTask;

    /// <summary>Downloads that may still be winding down (cancelled, removing their partial file): waited for at exit.</summary>
    public Task Transfers => Task.WhenAll(_transfers);

    private ListPane[] Panes => [Profiles, Repositories, Tags, Details];

    private ListPane? FocusedPane => Compare.Visible ? Compare : Panes.FirstOrDefault(p => p.HasFocus);

    /// <summary>The key map's scope of the focused pane (Profiles when none has the focus yet).</summary>
    public KeyScope FocusedScope => FocusedPane switch
    {
        CompareView => KeyScope.Compare,
        RepositoriesPane => KeyScope.Repositories,
        TagsPane => KeyScope.Tags,
        DetailsPane => KeyScope.Details,
        _ => KeyScope.Profiles,
    };

    /// <summary>The focused pane has a row selected (not a message in place of its rows).</summary>
    public bool FocusedHasSelection => FocusedPane?.SelectedIndex is not null;

    /// <summary>The focused pane shows rows, which a filter can narrow.</summary>
    public bool FocusedShowsItems => FocusedPane is { Status: null };

    /// <summary>
    /// Three columns on a wide screen, else Tags above Details. The left column (profiles, repositories) widens while
    /// it has the focus, so addresses and long repository paths can be read, and narrows again for the version table.
    /// </summary>
    private void ApplyLayout(int width)
    {
        bool wide = width >= WideLayoutColumns;
        bool leftFocused = Profiles.HasFocus || Repositories.HasFocus;
        if (_layout == (wide, leftFocused)) return;
        _layout = (wide, leftFocused);
        Profiles.X = 0;
        Profiles.Y = 0;
        Profiles.Width = Dim.Percent(wide ? (leftFocused ? 30 : 20) : (leftFocused ? 55 : 32));
        Profiles.Height = Dim.Percent(33);
        Repositories.X = 0;
        Repositories.Y = Pos.Bottom(Profiles);
        Repositories.Width = Dim.Width(Profiles);
        Repositories.Height = Dim.Fill(1);
        Tags.X = Pos.Right(Profiles);
        Tags.Y = 0;
        // Wide: the version table needs about 46 columns and 9 for its trust column; the rest goes to the details, where digests are long.
        Tags.Width = wide ? 55 : Dim.Fill();
        Tags.Height = wide ? Dim.Fill(1) : Dim.Percent(45);
        Details.X = wide ? Pos.Right(Tags) : Pos.Right(Profiles);
        Details.Y = wide ? 0 : Pos.Bottom(Tags);
        Details.Width = Dim.Fill();
        Details.Height = Dim.Fill(1);
    }

    /// <summary>Opens a profile by name, as <c>ocitui PROFILE</c> does at start.</summary>
    public void OpenProfile(string name)
    {
        Profiles.Show(Profiles.Profiles, name);
        if (Profiles.Selected is { } profile) OpenProfile(profile);
    }

    private void OpenProfile(Profile profile)
    {
        Repositories.List.SetFocus();
        Pending = Session.OpenProfileAsync(profile);
    }

    private void OpenRepository(string repository)
    {
        Tags.List.SetFocus();
        Pending = OpenRepositoryAsync(Session.OpenRepositoryAsync(repository));
    }

    /// <summary>A repository load, then the first screenful of its version table.</summary>
    private async Task OpenRepositoryAsync(Task load)
    {
        await load;
        await Tags.RowsLoading;
    }

    private void Render(BrowseChange change)
    {
        if ((change & (BrowseChange.Profile | BrowseChange.Repositories)) != 0) Repositories.Render(Session);
        if ((change & BrowseChange.Tags) != 0) Tags.Render(Session);
        if ((change & BrowseChange.Details) != 0) Details.Render(Session);
        if ((change & BrowseChange.Marks) != 0) Tags.ShowMarks(Session);
        if ((change & BrowseChange.Comparison) != 0)
        {
            if (Session.Comparison is null) ShowPanes();
            else Compare.Render(Session);
        }
    }

    private void OnKeyDown(object? sender, Key key)
    {
        if (key.Handled || _app.TopRunnableView != this) return;
        if (Panes.FirstOrDefault(p => p.Filter.HasFocus) is { } filtering)
        {
            if (key == Key.Esc) filtering.ClearFilter();
            else if (key == Key.U.WithCtrl) filtering.Filter.Text = "";
            else if (key == Key.Enter && !filtering.Searches && filtering.Source.Count == 1)
            {
                // One match left: Enter opens it, as if the user had gone to it first.
                filtering.List.SetFocus();
                OpenSelected();
            }
            else if (key == Key.Enter || key == Key.CursorDown || key == Key.Tab) filtering.List.SetFocus();
            else return;
            key.Handled = true;
            return;
        }

        Notice = null;
        KeyScope scope = FocusedScope;
        if (KeyMap.Find(key, scope) is { } binding)
        {
            if (binding.DisabledReason(this) is { } reason) Notify($"{binding.Hint ?? binding.Label}: {reason}");
            else binding.Run!(this, key);
            key.Handled = true;
        }
        else if (KeyMap.WhereElse(key, scope) is { } elsewhere)
        {
            Notify(elsewhere);
            key.Handled = true;
        }
        UpdateStatusLine();
    }

    // The commands the key map runs.

    internal void Cycle(int step)
    {
        ListPane[] panes = Panes;
        int current = Array.FindIndex(panes, p => p.HasFocus);
        panes[(current + step + panes.Length) % panes.Length].List.SetFocus();
    }

    internal void Move(int step)
    {
        if (FocusedPane is not { } pane) return;
        int count = pane.Source.Count;
        if (count == 0) return;
        int row = pane.List.SelectedItem ?? -1;
        pane.List.SelectedItem = Math.Clamp(row + step, 0, count - 1);
        pane.List.EnsureSelectedItemVisible();
    }

    internal void OpenSelected()
    {
        ListPane? pane = FocusedPane;
        if (pane == Profiles && Profiles.Selected is { } profile) OpenProfile(profile);
        else if (pane == Repositories && Repositories.Selected is { } repository) OpenRepository(repository);
        else if (pane == Tags && Tags.Selected is not null) Details.List.SetFocus();
        else if (pane == Details && Details.SelectedReferrer is not null) Pending = Details.OpenReferrerAsync(Session);
        else if (pane == Details) Notify("Enter opens a referrer's manifest: in the Trust view (t), go to a referrer's row.");
    }

    internal void MoveToEnd(bool last)
    {
        if (FocusedPane is not { } pane || pane.Source.Count == 0) return;
        pane.List.SelectedItem = last ? pane.Source.Count - 1 : 0;
        pane.List.EnsureSelectedItemVisible();
    }

    internal void ToggleMark()
    {
        if (Tags.Selected is { } tag) Session.ToggleMark(tag.Tag);
    }

    internal void OpenCompare()
    {
        foreach (ListPane pane in Panes) pane.Visible = false;
        Compare.Visible = true;
        Compare.List.SetFocus();
        Pending = Session.CompareAsync();
    }

    internal void CloseCompare() => Session.CloseComparison();

    /// <summary>The comparison closed (Esc, or another repository opened): the panes again, the focus in Tags.</summary>
    private void ShowPanes()
    {
        if (!Compare.Visible) return;
        Compare.Visible = false;
        foreach (ListPane pane in Panes) pane.Visible = true;
        Tags.List.SetFocus();
        UpdateStatusLine();
    }

    /// <summary>Selects the version a row above (-1) or below (+1) in Tags, which compares it with the marked one.</summary>
    internal void StepVersion(int step)
    {
        if (Tags.Source.Count == 0) return;
        Tags.List.SelectedItem = Math.Clamp((Tags.List.SelectedItem ?? 0) + step, 0, Tags.Source.Count - 1);
        Tags.List.EnsureSelectedItemVisible();
    }

    internal void ShowFilter() => FocusedPane?.ShowFilter();

    /// <summary>Esc: clears the focused pane's filter, else goes back one pane (Details, Tags, Repositories, Profiles).</summary>
    internal void Back()
    {
        if (FocusedPane is not { } pane) return;
        if (pane.IsFiltering) pane.ClearFilter();
        else if (pane != Profiles) Cycle(-1);
    }

    internal void Refresh()
    {
        ListPane? pane = FocusedPane;
        if (pane == Profiles || pane is null) ProfileEdits.Reload(Session.Profile?.Name);
        else if (pane == Repositories) Pending = Session.RefreshRepositoriesAsync();
        else if (pane == Tags) Pending = OpenRepositoryAsync(Session.RefreshTagsAsync());
        else if (pane == Details) Pending = Session.RefreshDetailsAsync();
    }

    internal void ShowDetailsView(DetailsView view) => Pending = Details.ShowViewAsync(Session, view);

    internal void ShowHelp() => HelpDialog.Show(_app);

    internal void Quit() => _app.RequestStop();

    internal void OpenDownload()
    {
        if (Session.Selected is not { } selected) return;
        Task transfer = DownloadDialog.Run(_app, selected.Registry, selected.Repository, selected.Tag, selected.Details, _workingDirectory, out bool quit,
            Session.Keyring, Session.WhyNoKeyring);
        KeepUntilExit(transfer, quit);
    }

    /// <summary>A transfer dialog closed: its transfer, if still winding down, is waited for at exit; Ctrl-C in it quits.</summary>
    private void KeepUntilExit(Task transfer, bool quit)
    {
        _transfers.RemoveAll(t => t.IsCompleted);
        if (!transfer.IsCompleted) _transfers.Add(transfer);
        if (quit) Quit();
    }

    /// <summary>Opens the copy dialog for the marked versions, or the selected one.</summary>
    internal void OpenCopy()
    {
        if (Session.Selected is not { } selected) return;
        // The marked versions when there are any (Space, shared with compare), else the selected one.
        IReadOnlyList<string> tags = Session.MarkedTags is { Count: > 0 } marked ? marked : [selected.Tag];
        Task transfer = CopyDialog.Run(_app, selected, tags, Profiles.Profiles, profile => _open(profile, note => _app.Invoke(() => Notify(note))), _workingDirectory,
            out bool quit);
        KeepUntilExit(transfer, quit);
    }

    internal void ShowPullCommand()
    {
        if (Session.PullCommand() is not { } command) return;
        string[] lines = command.Split('\n');
        PullDialog.Show(_app, lines, Clipboard.TrySendOsc52(lines[0]));
    }

    internal void TogglePin()
    {
        if (Repositories.Selected is { } repository) ProfileEdits.TogglePin(repository);
    }

    internal void AddProfile() => ProfileEdits.AddProfile();

    internal void EditProfile() => ProfileEdits.EditProfile();

    internal void DeleteProfile() => ProfileEdits.DeleteProfile();

    internal void CheckConnection()
    {
        if (Profiles.Selected is { Kind: ProfileKind.Registry } profile) DoctorDialog.Show(_app, profile, Credentials);
    }

    internal void AskRepository()
    {
        if (Session.Profile is null) return;
        string? typed = InputDialog.Ask(_app, "Repository", "Repository path (e.g. team/charts/app); p pins it afterwards:");
        if (string.IsNullOrWhiteSpace(typed)) return;
        string name = typed.Trim();
        if (name.StartsWith("oci://", StringComparison.OrdinalIgnoreCase)) name = name[(name.IndexOf('/', 6) + 1)..];
        if (!ReferenceGrammar.IsValidRepository(name))
        {
            MessageBox.ErrorQuery(_app, "Repository", $"'{TerminalText.Sanitize(typed, 80)}' is not a repository path: lower-case letters, digits, '.', '_', '-' and '/'.", "_OK");
            return;
        }
        Tags.List.SetFocus();
        Pending = OpenRepositoryAsync(Session.OpenTypedRepositoryAsync(name));
    }

    /// <summary>
    /// Panes report registry errors themselves; anything else escaping a load is a bug. It must not vanish into an
    /// unobserved task, nor end the app: say so on the status line and keep going.
    /// </summary>
    private async Task Watch(Task load)
    {
        try
        {
            await load;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ShowUnexpected(e);
        }
    }

    /// <summary>An error ocitui did not foresee: one line, sanitised, no stack trace; the app keeps running.</summary>
    public void ShowUnexpected(Exception e) =>
        Notify($"Unexpected error ({e.GetType().Name}): {e.Message} ocitui keeps running; please report this.");

    private void Notify(string message)
    {
        Notice = TerminalText.Sanitize(message, 300);
        UpdateStatusLine();
    }

    private void UpdateStatusLine()
    {
        // A notice (a registry's warning, what was saved, why a key did nothing) stands until the next key; then the keys of the pane again.
        int width = Viewport.Width > 0 ? Viewport.Width : 80;
        StatusLine.Text = Notice is null ? KeyMap.StatusLine(FocusedScope, width) : $" {Notice}";
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _app.Keyboard.KeyDown -= OnKeyDown;
            Session.Dispose();
        }
        base.Dispose(disposing);
    }
}
