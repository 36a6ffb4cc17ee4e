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
/// The four panes, their layout and the keys that drive them. Each pane loads through the registry core and shows
/// its own errors; this window only routes keys and hands one pane's choice to the next.
/// </summary>
public sealed class MainWindow : Runnable
{
    /// <summary>At this width and more the panes stand in three columns; below it Tags sit above Details.</summary>
    public const int WideLayoutColumns = 140;

    private readonly IApplication _app;
    private readonly Func<Profile, Action<string>, IRegistry> _open;
    private readonly string _workingDirectory;
    private readonly Dictionary<string, IRegistry> _registries = new(StringComparer.Ordinal);
    private readonly List<Task> _transfers = [];
    private string _profilesFile;
    private Profile? _profile;
    private (bool Wide, bool LeftFocused)? _layout;

    public MainWindow(IApplication app, ProfileSet profiles, string profilesFile, Func<Profile, Action<string>, IRegistry> open, string workingDirectory)
    {
        _app = app;
        _open = open;
        _workingDirectory = workingDirectory;
        _profilesFile = profiles.SourceFile ?? profilesFile;
        Title = "ocitui";

        Profiles = new ProfilesPane();
        Repositories = new RepositoriesPane();
        Tags = new TagsPane();
        Details = new DetailsPane();
        StatusLine = new Label { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Height = 1 };
        Add(Profiles, Repositories, Tags, Details, StatusLine);
        ApplyLayout(Viewport.Width);
        ViewportChanged += (_, e) => ApplyLayout(e.NewViewport.Width);

        Profiles.Show(profiles.Profiles);
        Repositories.Noted += Notify;
        Tags.SelectionChanged += () => Pending = LoadDetailsAsync();
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

    public ProfilesPane Profiles { get; }
    public RepositoriesPane Repositories { get; }
    public TagsPane Tags { get; }
    public DetailsPane Details { get; }
    public Label StatusLine { get; }

    /// <summary>A message shown in place of the keys on the status line until the next key: a registry's warning, what was saved.</summary>
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

    private ListPane? FocusedPane => Panes.FirstOrDefault(p => p.HasFocus);

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
        // Wide: the version table needs about 46 columns; the rest goes to the details, where digests are long.
        Tags.Width = wide ? 46 : Dim.Fill();
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
        if (Profiles.Selected is { } profile) Pending = OpenProfileAsync(profile);
    }

    private void OnKeyDown(object? sender, Key key)
    {
        if (key.Handled || _app.TopRunnableView != this) return;
        if (Panes.FirstOrDefault(p => p.Filter.HasFocus) is { } filtering)
        {
            if (key == Key.Esc) filtering.ClearFilter();
            else if (key == Key.Enter || key == Key.CursorDown || key == Key.Tab) filtering.List.SetFocus();
            else return;
            key.Handled = true;
            return;
        }

        ListPane? pane = FocusedPane;
        Notice = null;
        key.Handled = Handle(key, pane);
        UpdateStatusLine();
    }

    private bool Handle(Key key, ListPane? pane)
    {
        if (key == Key.Tab) Cycle(+1);
        else if (key == Key.Tab.WithShift) Cycle(-1);
        else if (key == Key.Esc) pane?.ClearFilter();
        else if (key == Key.Q.WithCtrl || key == Key.Q) _app.RequestStop();
        else if (key == Key.F1 || key == new Key('?')) HelpDialog.Show(_app);
        else if (key == new Key('/')) pane?.ShowFilter();
        else if (key == Key.J && pane is not null) Move(pane, +1);
        else if (key == Key.K && pane is not null) Move(pane, -1);
        else if (key == Key.Enter) Pending = Enter(pane);
        else if (key == Key.R) Pending = Refresh(pane);
        else if (key == Key.Y) ShowPullCommand();
        else if (key == Key.D && (pane == Tags || pane == Details)) OpenDownload();
        else if (pane == Profiles) return HandleProfileKey(key);
        else if (pane == Repositories) return HandleRepositoryKey(key);
        else if (pane == Tags || pane == Details) return HandleDetailsKey(key);
        else return false;
        return true;
    }

    private bool HandleProfileKey(Key key)
    {
        if (key == Key.A) AddProfile();
        else if (key == Key.E) EditProfile();
        else if (key == Key.X || key == Key.Delete) DeleteProfile();
        else return false;
        return true;
    }

    private bool HandleRepositoryKey(Key key)
    {
        if (key == Key.P) TogglePin();
        else if (key == Key.A) AskRepository();
        else return false;
        return true;
    }

    private bool HandleDetailsKey(Key key)
    {
        DetailsView? view = key == Key.S ? DetailsView.Summary
            : key == Key.C ? DetailsView.ChartYaml
            : key == Key.V ? DetailsView.Values
            : key == Key.E ? DetailsView.Readme
            : key == Key.M ? DetailsView.Manifest
            : null;
        if (view is not { } chosen) return false;
        Pending = Details.ShowViewAsync(chosen);
        return true;
    }

    private void Cycle(int step)
    {
        ListPane[] panes = Panes;
        int current = Array.FindIndex(panes, p => p.HasFocus);
        panes[(current + step + panes.Length) % panes.Length].List.SetFocus();
    }

    private static void Move(ListPane pane, int step)
    {
        int count = pane.Source.Count;
        if (count == 0 || pane.Status is not null && step == 0) return;
        int row = pane.List.SelectedItem ?? -1;
        pane.List.SelectedItem = Math.Clamp(row + step, 0, count - 1);
        pane.List.EnsureSelectedItemVisible();
    }

    private Task Enter(ListPane? pane)
    {
        if (pane == Profiles && Profiles.Selected is { } profile) return OpenProfileAsync(profile);
        if (pane == Repositories && Repositories.Selected is { } repository) return OpenRepositoryAsync(repository);
        if (pane == Tags && Tags.Selected is not null) Details.List.SetFocus();
        return Task.CompletedTask;
    }

    private Task Refresh(ListPane? pane)
    {
        if (pane == Profiles) ReloadProfiles(_profile?.Name);
        else if (pane == Repositories && _profile is not null) return OpenProfileAsync(_profile);
        else if (pane == Tags && Tags.Repository is { } repository) return OpenRepositoryAsync(repository);
        else if (pane == Details) return LoadDetailsAsync();
        return Task.CompletedTask;
    }

    private IRegistry? RegistryFor(Profile profile)
    {
        if (_registries.TryGetValue(profile.Name, out IRegistry? open)) return open;
        try
        {
            // Warnings arrive on whatever thread the request ran on; the status line is the UI thread's.
            IRegistry registry = _open(profile, warning => _app.Invoke(() => Notify($"warning from {profile.Name}: {warning}")));
            _registries[profile.Name] = registry;
            return registry;
        }
        catch (OciTuiException e)
        {
            Repositories.Reset(Messages.Sentence(e));
            return null;
        }
    }

    private async Task OpenProfileAsync(Profile profile)
    {
        _profile = profile;
        Tags.Reset(TagsPane.Idle);
        Details.Reset(DetailsPane.Idle);
        Repositories.List.SetFocus();
        if (RegistryFor(profile) is { } registry) await Repositories.LoadAsync(registry, profile);
    }

    private async Task OpenRepositoryAsync(string repository)
    {
        if (_profile is null || RegistryFor(_profile) is not { } registry) return;
        Details.Reset(DetailsPane.Idle);
        Tags.List.SetFocus();
        await Tags.LoadAsync(registry, repository);
    }

    private async Task LoadDetailsAsync()
    {
        if (_profile is null || Tags.Repository is not { } repository || Tags.Selected is not { } tag || RegistryFor(_profile) is not { } registry) return;
        await Details.LoadAsync(registry, repository, tag.Tag);
    }

    private void OpenDownload()
    {
        if (_profile is null || Tags.Repository is not { } repository || Tags.Selected is not { } tag || RegistryFor(_profile) is not { } registry) return;
        Task transfer = DownloadDialog.Run(_app, registry, repository, tag.Tag, Details.Details, _workingDirectory);
        _transfers.RemoveAll(t => t.IsCompleted);
        if (!transfer.IsCompleted) _transfers.Add(transfer);
    }

    private void ShowPullCommand()
    {
        if (_profile is null || Tags.Repository is not { } repository || Tags.Selected is not { } tag) return;
        string? digest = Details.Details is { } shown && shown.Reference.Tag == tag.Tag ? shown.Manifest.Digest.ToString() : null;
        string[] lines = PullCommandText.For(_profile, repository, tag.Tag, digest).Split('\n');
        PullDialog.Show(_app, lines, Clipboard.TrySendOsc52(lines[0]));
    }

    private void TogglePin()
    {
        if (_profile is null || Repositories.Selected is not { } repository) return;
        var pinned = _profile.Repositories.ToList();
        bool pinning = !pinned.Remove(repository);
        if (pinning) pinned.Add(repository);
        if (SaveProfiles(() => ProfileFile.SetRepositories(_profilesFile, _profile.Name, pinned), _profile.Name) is not { } saved) return;
        Repositories.ShowPins(pinned);
        Notify((pinning ? $"pinned {TerminalText.Sanitize(repository, 60)} to {_profile.Name}" : $"unpinned {TerminalText.Sanitize(repository, 60)}") + CommentsNote(saved));
    }

    private void AskRepository()
    {
        if (_profile is null) return;
        string? typed = InputDialog.Ask(_app, "Repository", "Repository path (e.g. team/charts/app); p pins it afterwards:");
        if (string.IsNullOrWhiteSpace(typed)) return;
        string name = typed.Trim();
        if (name.StartsWith("oci://", StringComparison.OrdinalIgnoreCase)) name = name[(name.IndexOf('/', 6) + 1)..];
        if (!ReferenceGrammar.IsValidRepository(name))
        {
            MessageBox.ErrorQuery(_app, "Repository", $"'{TerminalText.Sanitize(typed, 80)}' is not a repository path: lower-case letters, digits, '.', '_', '-' and '/'.", "_OK");
            return;
        }
        Repositories.AddTyped(name);
        Pending = OpenRepositoryAsync(name);
    }

    private void AddProfile()
    {
        SavedProfiles? written = null;
        ProfileDraft? saved = ProfileDialog.Run(_app, null, _profilesFile, draft => SaveDraft(draft, null, out written));
        if (saved is not null) Notify($"added profile {saved.Name} to {DisplayPath.Of(_profilesFile)}" + CommentsNote(written));
    }

    private void EditProfile()
    {
        if (Profiles.Selected is not { } profile) return;
        ProfileDraft? original;
        try
        {
            original = ProfileFile.ReadDraft(_profilesFile, profile.Name);
        }
        catch (ProfileException e)
        {
            MessageBox.ErrorQuery(_app, "Profile", e.Message, "_OK");
            return;
        }
        if (original is null) return;
        SavedProfiles? written = null;
        ProfileDraft? saved = ProfileDialog.Run(_app, original, _profilesFile, draft => SaveDraft(draft, profile.Name, out written));
        if (saved is not null) Notify($"saved profile {saved.Name}" + CommentsNote(written));
    }

    private string? SaveDraft(ProfileDraft draft, string? replacing, out SavedProfiles? written)
    {
        written = null;
        try
        {
            written = ProfileFile.Save(_profilesFile, draft, replacing);
            Forget(replacing ?? draft.Name);
            ShowProfiles(written.Profiles, draft.Name);
            return null;
        }
        catch (ProfileException e)
        {
            return e.Message;
        }
    }

    private void DeleteProfile()
    {
        if (Profiles.Selected is not { } profile) return;
        int? answer = MessageBox.Query(_app, "Delete profile", $"Delete the profile '{TerminalText.Sanitize(profile.Name, 40)}' from {_profilesFile}?", "_Delete", "_Keep");
        // The last button is the one Enter presses: keeping is the safe answer.
        if (answer != 0) return;
        if (SaveProfiles(() => ProfileFile.Delete(_profilesFile, profile.Name), null) is { } saved) Notify($"deleted profile {profile.Name}" + CommentsNote(saved));
    }

    /// <summary>Writes the profiles file; on success shows the new profiles, on failure says why. Returns what was written or null.</summary>
    private SavedProfiles? SaveProfiles(Func<SavedProfiles> save, string? select)
    {
        try
        {
            SavedProfiles saved = save();
            ShowProfiles(saved.Profiles, select);
            return saved;
        }
        catch (ProfileException e)
        {
            MessageBox.ErrorQuery(_app, "Profiles", e.Message, "_OK");
            return null;
        }
    }

    private void ReloadProfiles(string? select)
    {
        try
        {
            ShowProfiles(ProfileLoader.Load(_profilesFile), select);
            Notify($"reloaded {DisplayPath.Of(_profilesFile)}");
        }
        catch (ProfileException e)
        {
            Profiles.ShowProblem(e.Message);
        }
    }

    private void ShowProfiles(ProfileSet set, string? select)
    {
        _profilesFile = set.SourceFile ?? _profilesFile;
        Profiles.Show(set.Profiles, select);
        if (_profile is not null)
        {
            // The open profile may have changed (pins, address): keep browsing with its new settings, or stop if it went.
            Profile? current = set.Find(_profile.Name);
            if (current is null || current != _profile with { Repositories = current.Repositories }) Forget(_profile.Name);
            if (current is null)
            {
                _profile = null;
                Repositories.Reset(RepositoriesPane.Idle);
                Tags.Reset(TagsPane.Idle);
                Details.Reset(DetailsPane.Idle);
            }
            else
            {
                _profile = current;
            }
        }
    }

    /// <summary>Drops a profile's open registry (its settings changed): the next use opens it anew.</summary>
    private void Forget(string name)
    {
        if (_registries.Remove(name, out IRegistry? registry)) registry.Dispose();
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

    private static string CommentsNote(SavedProfiles? saved) =>
        saved?.CommentsKeptIn is { } copy ? $" (comments dropped; old file: {Path.GetFileName(copy)})" : "";

    private void Notify(string message)
    {
        Notice = TerminalText.Sanitize(message, 300);
        UpdateStatusLine();
    }

    private void UpdateStatusLine()
    {
        ListPane? pane = FocusedPane;
        string keys = pane == Profiles ? "Enter open  a add  e edit  x delete"
            : pane == Repositories ? "Enter tags  / filter  p pin  a type path"
            : pane == Tags ? "Enter details  / filter  d download  y pull cmd"
            : pane == Details ? "s c v e m  summary chart values readme manifest  d download"
            : "";
        // A notice (a registry's warning, what was saved) stands until the next key; then the keys of the pane again.
        StatusLine.Text = Notice is null ? $" {keys}  r refresh  ? help  q quit" : $" {Notice}";
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _app.Keyboard.KeyDown -= OnKeyDown;
            foreach (IRegistry registry in _registries.Values) registry.Dispose();
            _registries.Clear();
        }
        base.Dispose(disposing);
    }
}
