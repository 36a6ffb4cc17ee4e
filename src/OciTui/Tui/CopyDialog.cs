using OciTui.Registry;
using OciTui.Registry.Errors;
using OciTui.Registry.Layout;
using OciTui.Registry.Profiles;
using OciTui.Registry.References;
using OciTui.Registry.Text;
using OciTui.Registry.Transfers;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace OciTui.Tui;

/// <summary>
/// Copies chart versions, with what is attached to them, to another profile's registry or into a layout folder: the
/// destination and repository are editable (default: this profile and the same path), each version has a progress
/// bar and so has the whole, Esc cancels (the copy tags last, so nothing is left half-tagged), and the end says what
/// was copied, what was already there and what failed with why.
/// </summary>
public sealed class CopyDialog : TransferDialog
{
    /// <summary>How many versions get their own bar; the rest share the overall one.</summary>
    public const int MaxVersionRows = 5;

    private readonly IRegistry _source;
    private readonly string _sourceRepository;
    private readonly IReadOnlyList<string> _tags;
    private readonly IReadOnlyList<Profile> _profiles;
    private readonly Func<Profile, IRegistry> _open;
    private readonly string _workingDirectory;
    private readonly ProgressBar[] _versionBars;
    private readonly Label[] _versionLabels;
    private bool _done;

    private CopyDialog(IApplication app, SelectedTag selected, IReadOnlyList<string> tags, IReadOnlyList<Profile> profiles, Func<Profile, IRegistry> open,
        string workingDirectory)
        : base(app)
    {
        _source = selected.Registry;
        _sourceRepository = selected.Repository;
        _tags = tags;
        _profiles = profiles;
        _open = open;
        _workingDirectory = workingDirectory;
        string what = tags.Count == 1 ? Reference.Join(selected.Repository, ManifestReference.ForTag(tags[0])) : $"{tags.Count} versions of {selected.Repository}";
        Title = $"Copy {TerminalText.Sanitize(what, 66)}";
        Width = Dim.Percent(90);
        int rows = Math.Min(tags.Count, MaxVersionRows);
        Height = 15 + rows;
        Destination = new TextField { X = 12, Y = 0, Width = Dim.Fill(), Text = selected.Profile.Name };
        Repository = new TextField { X = 12, Y = 1, Width = Dim.Fill(), Text = selected.Repository };
        Add(new Label { X = 0, Y = 0, Text = "To:" }, Destination, new Label { X = 0, Y = 1, Text = "Repository:" }, Repository,
            new Label { X = 12, Y = 2, Text = "a profile, or oci-layout:FOLDER" });
        _versionLabels = new Label[rows];
        _versionBars = new ProgressBar[rows];
        for (int i = 0; i < rows; i++)
        {
            _versionLabels[i] = new Label { X = 0, Y = 4 + i, Width = 14, Text = TerminalText.Sanitize(tags[i], 13) };
            _versionBars[i] = new ProgressBar { X = 14, Y = 4 + i, Width = Dim.Fill(), Height = 1 };
            Add(_versionLabels[i], _versionBars[i]);
        }
        Add(new Label { X = 0, Y = 4 + rows, Text = "overall" });
        Overall = new ProgressBar { X = 14, Y = 4 + rows, Width = Dim.Fill(), Height = 1 };
        Progress = new Label { X = 0, Y = 5 + rows, Width = Dim.Fill(), Text = "Enter starts the copy; Esc closes." };
        Outcome = new Label { X = 0, Y = 6 + rows, Width = Dim.Fill(), Height = 4, Text = "" };
        Add(Overall, Progress, Outcome);
        var start = new Button { Text = "C_opy" };
        start.Accepting += (_, e) =>
        {
            e.Handled = true;
            Start();
        };
        AddButton(CloseButton);
        AddButton(start);
    }

    public TextField Destination { get; }
    public TextField Repository { get; }
    public ProgressBar Overall { get; }
    public Label Progress { get; }
    public Label Outcome { get; }

    public bool IsCopying => !Transfer.IsCompleted;

    protected override bool IsTransferring => IsCopying;

    protected override bool HasFinished => _done;

    /// <summary>Opens the dialog for <paramref name="tags"/> of the selected repository and returns when it closes, with the copy's task.</summary>
    public static Task Run(IApplication app, SelectedTag selected, IReadOnlyList<string> tags, IReadOnlyList<Profile> profiles, Func<Profile, IRegistry> open,
        string workingDirectory, out bool quitRequested)
    {
        using var dialog = new CopyDialog(app, selected, tags, profiles, open, workingDirectory);
        Task transfer = RunModal(app, dialog);
        quitRequested = dialog.QuitRequested;
        return transfer;
    }

    /// <summary>The destination registry and repository the fields name: a profile, or <c>oci-layout:FOLDER</c> with the repository as a sub-folder.</summary>
    private (IRegistry Registry, string Repository) OpenDestination()
    {
        string to = (Destination.Text ?? "").Trim();
        string repository = (Repository.Text ?? "").Trim();
        if (!ReferenceGrammar.IsValidRepository(repository))
            throw new InvalidReferenceException($"'{TerminalText.Sanitize(repository, 120)}' is not a valid repository name.");
        if (to.StartsWith("oci-layout:", StringComparison.Ordinal))
        {
            string folder = to["oci-layout:".Length..];
            if (folder.Length == 0) throw new InvalidInputException("oci-layout: needs a folder.");
            return (new LayoutRegistry(Path.GetFullPath(folder, _workingDirectory)), repository);
        }
        Profile profile = _profiles.FirstOrDefault(p => p.Name == to)
            ?? throw new InvalidInputException($"There is no profile named '{TerminalText.Sanitize(to, 64)}'; name a profile or oci-layout:FOLDER.");
        return (_open(profile), repository);
    }

    protected override void Start()
    {
        if (IsCopying || IsClosed || _done) return;
        IRegistry destination;
        string repository;
        try
        {
            (destination, repository) = OpenDestination();
        }
        catch (OciTuiException e)
        {
            Outcome.Text = Wrapped(Messages.Sentence(e));
            return;
        }
        Destination.ReadOnly = true;
        Repository.ReadOnly = true;
        Outcome.Text = "";
        var state = new CopyState(_tags.Count);
        Host.AddTimeout(TimeSpan.FromMilliseconds(100), () =>
        {
            Draw(state);
            return !IsClosed && IsCopying;
        });
        CancellationToken token = NewTransferToken();
        Transfer = Task.Run(() => CopyAllAsync(destination, repository, state, token), CancellationToken.None);
        _ = FinishAsync(state);
    }

    /// <summary>Copies the versions one after another; a version that fails is noted and the next one goes on. Cancelling stops all.</summary>
    private async Task CopyAllAsync(IRegistry destination, string repository, CopyState state, CancellationToken token)
    {
        using (destination)
        {
            for (int i = 0; i < _tags.Count; i++)
            {
                state.Current = i;
                var request = new CopyRequest(_source, _sourceRepository, ManifestReference.ForTag(_tags[i]), destination, repository, _tags[i]);
                try
                {
                    CopyResult result = await ChartCopier.CopyAsync(request, state.Progress, token).ConfigureAwait(false);
                    state.Outcomes[i] = result.AlreadyThere ? VersionOutcome.AlreadyThere : VersionOutcome.Copied;
                    state.BytesSent += result.BytesSent;
                }
                catch (OperationCanceledException)
                {
                    state.Outcomes[i] = VersionOutcome.Cancelled;
                    return;
                }
                catch (OciTuiException e)
                {
                    state.Outcomes[i] = VersionOutcome.Failed;
                    state.Why[i] = Messages.Sentence(e);
                }
            }
        }
    }

    private async Task FinishAsync(CopyState state)
    {
        try
        {
            await Transfer;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The layout writer words its own failures; anything else from the file system ends the copy plainly.
            state.Why[state.Current] = TerminalText.Sanitize(e.Message, 200);
            state.Outcomes[state.Current] = VersionOutcome.Failed;
        }
        if (IsClosed) return;
        Draw(state);
        _done = true;
        Progress.Text = $"{ByteSize.Format(state.BytesSent)} sent. Enter closes.";
        Outcome.Text = Summary(state);
    }

    /// <summary>The end of the copy in a few lines: copied, already there, failed with why, cancelled.</summary>
    private string Summary(CopyState state)
    {
        string Names(VersionOutcome outcome) =>
            string.Join(", ", _tags.Where((_, i) => state.Outcomes[i] == outcome).Select(t => TerminalText.Sanitize(t, 40)));
        var lines = new List<string>();
        if (Names(VersionOutcome.Copied) is { Length: > 0 } copied) lines.Add($"Copied: {copied}");
        if (Names(VersionOutcome.AlreadyThere) is { Length: > 0 } there) lines.Add($"Already there: {there}");
        for (int i = 0; i < _tags.Count; i++)
        {
            if (state.Outcomes[i] == VersionOutcome.Failed) lines.Add($"Failed: {TerminalText.Sanitize(_tags[i], 40)}: {state.Why[i]}");
        }
        if (Names(VersionOutcome.Cancelled) is { Length: > 0 } cancelled)
            lines.Add($"Cancelled: {cancelled} was not tagged; copy again to resume.");
        return Wrapped(string.Join('\n', lines));
    }

    /// <summary>A sentence is longer than a narrow dialog is wide: wrap, never cut, so it can be read whole.</summary>
    private string Wrapped(string text) => WrapTo(Outcome, text);

    private void Draw(CopyState state)
    {
        if (IsClosed) return;
        CopyProgress? latest = state.Progress.Value;
        for (int i = 0; i < _versionBars.Length; i++)
        {
            _versionBars[i].Fraction = state.Outcomes[i] is VersionOutcome.Copied or VersionOutcome.AlreadyThere ? 1
                : i == state.Current && latest?.Overall.TotalBytes is long total && total > 0 ? (float)latest.Overall.BytesDone / total
                : _versionBars[i].Fraction;
        }
        float within = latest?.Overall.TotalBytes is long all && all > 0 ? (float)latest.Overall.BytesDone / all : 0;
        int finished = state.Outcomes.Count(o => o != VersionOutcome.Pending);
        Overall.Fraction = Math.Min(1, (finished + (finished < _tags.Count ? within : 0)) / _tags.Count);
        if (latest is not null && IsCopying)
            Progress.Text = $"{TerminalText.Sanitize(_tags[state.Current], 40)}: {ByteSize.Format(latest.Overall.BytesDone)} of {ByteSize.Format(latest.Overall.TotalBytes ?? 0)}"
                + (latest.CurrentBlob is { } blob ? $", blob {blob.Short}" : "");
    }

    private enum VersionOutcome
    {
        Pending,
        Copied,
        AlreadyThere,
        Failed,
        Cancelled,
    }

    /// <summary>What the copy on the thread pool tells the screen: written there, read by the UI timer.</summary>
    private sealed class CopyState(int count)
    {
        public LatestValue<CopyProgress> Progress { get; } = new();
        public VersionOutcome[] Outcomes { get; } = new VersionOutcome[count];
        public string?[] Why { get; } = new string?[count];
        public volatile int Current;
        public long BytesSent;
    }
}
