using OciTui.Registry;
using OciTui.Registry.Browsing;
using OciTui.Registry.Charts;
using OciTui.Registry.Errors;
using OciTui.Registry.Inspection;
using OciTui.Registry.Profiles;
using OciTui.Registry.Text;
using OciTui.Registry.Versions;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace OciTui.Tui;

/// <summary>
/// The four panes and the keys that drive them. Views stay thin: every load goes through the registry core, is
/// cancelled when the user moves on, and reports errors in the pane that asked.
/// </summary>
public sealed class MainWindow : Runnable
{
    private readonly IApplication _app;
    private readonly Func<Profile, IRegistry> _open;
    private readonly string _workingDirectory;
    private readonly List<Profile> _profiles;
    private CancellationTokenSource _repositoriesLoad = new();
    private CancellationTokenSource _tagsLoad = new();
    private CancellationTokenSource _detailsLoad = new();
    private IRegistry? _registry;
    private Profile? _profile;
    private string? _repository;
    private List<string> _repositoryNames = [];
    private List<SortedTag> _tags = [];
    private TagSummaryLoader? _summaries;
    private ArtifactDetails? _details;
    private ChartFiles? _chartFiles;

    public MainWindow(IApplication app, IReadOnlyList<Profile> profiles, Func<Profile, IRegistry> open, string workingDirectory)
    {
        _app = app;
        _open = open;
        _workingDirectory = workingDirectory;
        _profiles = profiles.ToList();
        Title = "ocitui";

        Profiles = new ListPane("_Profiles") { X = 0, Y = 0, Width = Dim.Percent(30), Height = Dim.Percent(35) };
        Repositories = new ListPane("_Repositories") { X = 0, Y = Pos.Bottom(Profiles), Width = Dim.Width(Profiles), Height = Dim.Fill(1) };
        Tags = new ListPane("_Tags") { X = Pos.Right(Profiles), Y = 0, Width = Dim.Percent(32), Height = Dim.Fill(1) };
        Details = new DetailsPane { X = Pos.Right(Tags), Y = 0, Width = Dim.Fill(), Height = Dim.Fill(1) };
        StatusLine = new Label { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Height = 1 };
        Add(Profiles, Repositories, Tags, Details, StatusLine);

        Profiles.SetItems(_profiles.Count == 0
            ? ["(no profiles: add one to ~/.config/ocitui/profiles.json)"]
            : _profiles.Select(ProfileLine).ToList(), 0);
        Repositories.SetStatus("Enter on a profile lists its repositories");
        Tags.SetStatus("Enter on a repository lists its tags");
        Details.SetStatus("Select a tag to see its details");
        Tags.SelectionChanged += () => _ = LoadDetailsAsync();
        Tags.List.ViewportChanged += (_, _) => _ = LoadSummariesAsync();
        // A focused ListView takes letters for type-to-search before its superviews see them: ocitui's keys are
        // read at the application level, first, while this window is on top (not while a dialog is open).
        foreach (ListPane pane in Panes) pane.HasFocusChanged += (_, _) => UpdateStatusLine();
        _app.Keyboard.KeyDown += OnKeyDown;
        UpdateStatusLine();
    }

    public ListPane Profiles { get; }
    public ListPane Repositories { get; }
    public ListPane Tags { get; }
    public DetailsPane Details { get; }
    public Label StatusLine { get; }

    /// <summary>The most recent load, for tests to await.</summary>
    public Task Pending { get; private set; } = Task.CompletedTask;

    private ListPane[] Panes => [Profiles, Repositories, Tags, Details];

    private ListPane? FocusedPane => Panes.FirstOrDefault(p => p.HasFocus);

    private static string ProfileLine(Profile profile) =>
        $"{TerminalText.Sanitize(profile.Name, 24)}  {(profile.Kind == ProfileKind.Layout ? "layout" : "registry")} {TerminalText.Sanitize(profile.DisplayAddress, 80)}";

    public void OpenProfile(string name)
    {
        int index = _profiles.FindIndex(p => p.Name == name);
        if (index < 0) return;
        Profiles.SetItems(Profiles.Items, index);
        Pending = OpenProfileAsync(_profiles[index]);
    }

    private void OnKeyDown(object? sender, Key key)
    {
        if (key.Handled || _app.TopRunnableView != this) return;
        if (Panes.FirstOrDefault(p => p.Filter.HasFocus) is { } filtering)
        {
            if (key == Key.Esc) filtering.ClearFilter();
            else if (key == Key.Enter || key == Key.CursorDown) filtering.List.SetFocus();
            else return;
            key.Handled = true;
            return;
        }

        ListPane? pane = FocusedPane;
        bool handled = true;
        if (key == Key.Tab) Cycle(+1);
        else if (key == Key.Tab.WithShift) Cycle(-1);
        else if (key == Key.Esc) pane?.ClearFilter();
        else if (key == Key.Enter) Pending = Enter(pane);
        else if (key == Key.Q.WithCtrl || key == Key.Q) _app.RequestStop();
        else if (key == Key.F1 || key == new Key('?')) HelpDialog.Show(_app);
        else if (key == new Key('/')) pane?.ShowFilter();
        else if (key == Key.J && pane is not null) Move(pane, +1);
        else if (key == Key.K && pane is not null) Move(pane, -1);
        else if (key == Key.R) Pending = Refresh(pane);
        else if (key == Key.D) OpenDownload();
        else if (key == Key.Y) ShowPullCommand();
        else if (key == Key.P) TogglePin();
        else if (key == Key.M) Pending = ShowDetailsView("manifest");
        else if (key == Key.C) Pending = ShowDetailsView("chart");
        else if (key == Key.V) Pending = ShowDetailsView("values");
        else if (key == Key.E) Pending = ShowDetailsView("readme");
        else if (key == Key.S) Pending = ShowDetailsView(DetailsPane.SummaryView);
        else if (key == Key.A && pane == Repositories) AskRepository();
        else handled = false;
        key.Handled = handled;
        if (handled) UpdateStatusLine();
    }

    private void Cycle(int step)
    {
        ListPane[] panes = Panes;
        int current = Array.FindIndex(panes, p => p.HasFocus);
        panes[(current + step + panes.Length) % panes.Length].List.SetFocus();
    }

    private static void Move(ListPane pane, int step)
    {
        int count = pane.List.Source?.Count ?? 0;
        if (count == 0) return;
        int row = pane.List.SelectedItem ?? -1;
        pane.List.SelectedItem = Math.Clamp(row + step, 0, count - 1);
    }

    private Task Enter(ListPane? pane)
    {
        if (pane == Profiles && Profiles.SelectedIndex is int p && p < _profiles.Count) return OpenProfileAsync(_profiles[p]);
        if (pane == Repositories && Repositories.SelectedIndex is int r) return OpenRepositoryAsync(_repositoryNames[r]);
        if (pane == Tags && Tags.SelectedIndex is not null) Details.List.SetFocus();
        return Task.CompletedTask;
    }

    private Task Refresh(ListPane? pane)
    {
        if (pane == Repositories && _profile is not null) return OpenProfileAsync(_profile);
        if (pane == Tags && _repository is not null) return OpenRepositoryAsync(_repository);
        if (pane == Details) return LoadDetailsAsync();
        return Task.CompletedTask;
    }

    private static CancellationToken Restart(ref CancellationTokenSource source)
    {
        source.Cancel();
        source.Dispose();
        source = new CancellationTokenSource();
        return source.Token;
    }

    private async Task OpenProfileAsync(Profile profile)
    {
        CancellationToken token = Restart(ref _repositoriesLoad);
        Restart(ref _tagsLoad);
        Restart(ref _detailsLoad);
        _registry?.Dispose();
        _registry = null;
        _profile = profile;
        _repository = null;
        Repositories.Title = $"_Repositories: {TerminalText.Sanitize(profile.Name, 30)}";
        Repositories.SetStatus("loading…");
        Tags.SetStatus("Enter on a repository lists its tags");
        Details.SetStatus("Select a tag to see its details");
        Repositories.List.SetFocus();
        try
        {
            _registry = _open(profile);
            var names = new List<string>();
            string? note = null;
            try
            {
                await foreach (IReadOnlyList<string> page in _registry.ListRepositoriesAsync(token)) names.AddRange(page);
            }
            catch (CatalogUnavailableException e)
            {
                note = e.Message;
            }
            token.ThrowIfCancellationRequested();
            names.AddRange(profile.Repositories.Where(r => !names.Contains(r)));
            _repositoryNames = names;
            if (names.Count == 0)
            {
                Repositories.SetStatus(note is null ? "No repositories. Press a to type a path." : $"{note} Press a to type a repository path.");
                return;
            }
            Repositories.SetItems(names.Select(n => PinMark(n) + TerminalText.Sanitize(n, 200)).ToList(), 0);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (OciTuiException e)
        {
            if (!token.IsCancellationRequested) Repositories.SetStatus(Sentence(e));
        }
    }

    private string PinMark(string repository) => _profile?.Repositories.Contains(repository) == true ? "* " : "  ";

    private async Task OpenRepositoryAsync(string repository)
    {
        if (_registry is null) return;
        CancellationToken token = Restart(ref _tagsLoad);
        Restart(ref _detailsLoad);
        _repository = repository;
        _summaries = new TagSummaryLoader(_registry, repository);
        Tags.Title = $"_Tags: {TerminalText.Sanitize(repository, 40)}";
        Tags.SetStatus("loading…");
        Details.SetStatus("Select a tag to see its details");
        Tags.List.SetFocus();
        try
        {
            var all = new List<string>();
            await foreach (IReadOnlyList<string> page in _registry.ListTagsAsync(repository, token)) all.AddRange(page);
            token.ThrowIfCancellationRequested();
            _tags = TagSorter.Sort(all).ToList();
            if (_tags.Count == 0)
            {
                Tags.SetStatus("This repository has no tags.");
                return;
            }
            int semver = _tags.Count(t => t.IsSemver);
            Tags.Title = $"_Tags: {TerminalText.Sanitize(repository, 40)} ({_tags.Count}, {semver} semver)";
            Tags.SetItems(_tags.Select(t => TagLine(t, null)).ToList(), 0);
            await LoadSummariesAsync();
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (OciTuiException e)
        {
            if (!token.IsCancellationRequested) Tags.SetStatus(Sentence(e));
        }
    }

    /// <summary>A version-table row: tag, a mark (prerelease ~, not semver ?), appVersion, created date.</summary>
    public static string TagLine(SortedTag tag, TagSummary? summary)
    {
        string mark = tag.IsSemver ? (tag.IsPrerelease ? "~" : " ") : "?";
        string app = summary is null ? "…" : summary.Error is not null ? "error" : TerminalText.Sanitize(summary.AppVersion ?? "-", 12);
        string created = summary?.Created?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";
        return $"{mark}{TerminalText.Sanitize(tag.Tag, 20),-20} {app,-12} {created}";
    }

    private async Task LoadSummariesAsync()
    {
        if (_summaries is not { } loader || Tags.Status is not null) return;
        CancellationToken token = _tagsLoad.Token;
        List<int> rows = Tags.RowsInView().ToList();
        try
        {
            await loader.LoadAsync(rows.Select(i => _tags[i].Tag), (tag, summary) => _app.Invoke(() =>
            {
                if (token.IsCancellationRequested) return;
                int index = _tags.FindIndex(t => t.Tag == tag);
                if (index >= 0) Tags.UpdateItem(index, TagLine(_tags[index], summary));
            }), token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private SortedTag? SelectedTag => Tags.SelectedIndex is int i && i < _tags.Count ? _tags[i] : null;

    private async Task LoadDetailsAsync()
    {
        CancellationToken token = Restart(ref _detailsLoad);
        if (_registry is null || _repository is null || SelectedTag is not { } tag) return;
        _details = null;
        _chartFiles = null;
        Details.View = DetailsPane.SummaryView;
        Details.SetStatus("loading…");
        try
        {
            await Task.Delay(80, token);
            ArtifactDetails details = await ArtifactInspector.InspectAsync(_registry, _repository, tag.Tag, token);
            token.ThrowIfCancellationRequested();
            _details = details;
            Details.Show(DetailsText.Summary(details), TerminalText.Sanitize(tag.Tag, 30));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (OciTuiException e)
        {
            if (!token.IsCancellationRequested) Details.SetStatus(Sentence(e));
        }
    }

    private async Task ShowDetailsView(string view)
    {
        if (_details is not { } details || _registry is null) return;
        Details.View = view;
        string title = TerminalText.Sanitize(details.Reference, 30);
        if (view == DetailsPane.SummaryView)
        {
            Details.Show(DetailsText.Summary(details), title);
            return;
        }
        if (view == "manifest")
        {
            Details.Show(DetailsText.RawManifest(details), $"{title} manifest");
            return;
        }
        CancellationToken token = _detailsLoad.Token;
        try
        {
            if (_chartFiles is null)
            {
                Details.SetStatus("reading the chart…");
                _chartFiles = await DetailsText.ReadChartFilesAsync(_registry, details, token);
            }
            (string? text, string label) = view switch
            {
                "chart" => (_chartFiles.ChartYaml, "Chart.yaml"),
                "values" => (_chartFiles.ValuesYaml, "values.yaml"),
                _ => (_chartFiles.Readme, "README"),
            };
            Details.Show(DetailsText.File(text, $"The chart has no {label}."), $"{title} {label}");
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (OciTuiException e)
        {
            Details.SetStatus(Sentence(e));
        }
    }

    private void OpenDownload()
    {
        if (_registry is null || _repository is null || SelectedTag is not { } tag) return;
        DownloadDialog.Run(_app, _registry, _repository, tag.Tag, _details, _workingDirectory);
    }

    private void ShowPullCommand()
    {
        if (_profile is null || _repository is null || SelectedTag is not { } tag) return;
        string text = PullCommandText.For(_profile, _repository, tag.Tag, _details?.Manifest.Digest.ToString());
        Clipboard.TrySendOsc52(text.Split('\n')[0]);
        MessageBox.Query(_app, "Copy", text, "_OK");
    }

    private void TogglePin()
    {
        if (_profile is null || Repositories.SelectedIndex is not int index) return;
        string repository = _repositoryNames[index];
        var pinned = _profile.Repositories.ToList();
        if (!pinned.Remove(repository)) pinned.Add(repository);
        _profile = _profile with { Repositories = pinned };
        int at = _profiles.FindIndex(p => p.Name == _profile.Name);
        if (at >= 0) _profiles[at] = _profile;
        Repositories.UpdateItem(index, PinMark(repository) + TerminalText.Sanitize(repository, 200));
    }

    private void AskRepository()
    {
        if (_profile is null) return;
        string? typed = InputDialog.Ask(_app, "Repository", "Repository path (e.g. team/charts/app):");
        if (string.IsNullOrWhiteSpace(typed)) return;
        if (!Registry.References.ReferenceGrammar.IsValidRepository(typed.Trim()))
        {
            MessageBox.ErrorQuery(_app, "Repository", $"'{TerminalText.Sanitize(typed, 80)}' is not a valid repository path.", "_OK");
            return;
        }
        string name = typed.Trim();
        if (!_repositoryNames.Contains(name))
        {
            _repositoryNames.Add(name);
            Repositories.SetItems(_repositoryNames.Select(n => PinMark(n) + TerminalText.Sanitize(n, 200)).ToList(), _repositoryNames.Count - 1);
        }
        Pending = OpenRepositoryAsync(name);
    }

    private static string Sentence(OciTuiException e) => e.Hint is null ? e.Message : $"{e.Message} {e.Hint}";

    private void UpdateStatusLine()
    {
        ListPane? pane = FocusedPane;
        string keys = pane == Profiles ? "Enter repositories  r refresh"
            : pane == Repositories ? "Enter tags  / filter  p pin  a add path  r refresh"
            : pane == Tags ? "/ filter  d download  y copy ref  r refresh"
            : pane == Details ? "s/c/v/e/m summary/chart/values/readme/manifest"
            : "";
        StatusLine.Text = $" Tab pane  {keys}  ? help  q quit";
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (CancellationTokenSource source in new[] { _repositoriesLoad, _tagsLoad, _detailsLoad })
            {
                source.Cancel();
                source.Dispose();
            }
            _registry?.Dispose();
            _app.Keyboard.KeyDown -= OnKeyDown;
        }
        base.Dispose(disposing);
    }
}
