using System.Globalization;
using OciTui.Registry;
using OciTui.Registry.Browsing;
using OciTui.Registry.Errors;
using OciTui.Registry.Inspection;
using OciTui.Registry.References;
using OciTui.Registry.Text;
using OciTui.Registry.Transfers;
using OciTui.Registry.Trust;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace OciTui.Tui;

/// <summary>
/// Downloads the selected tag's chart: file name and directory editable, a progress bar with bytes, rate and time
/// left, Esc to cancel (the partial file is removed, nothing stands under the final name), and at the end the
/// verified digest and the full path, or why not. With a keyring, a signed chart's provenance is verified before
/// anything is written (as <c>ocitui pull --verify</c>): a failure keeps nothing under the final names.
/// </summary>
public sealed class DownloadDialog : TransferDialog
{
    private readonly IRegistry _registry;
    private readonly string _repository;
    private readonly string _reference;
    private readonly Keyring? _verifyWith;
    private readonly Button _start;
    private bool _saved;

    private DownloadDialog(IApplication app, IRegistry registry, string repository, string tag, ArtifactDetails? details, string fileName, string directory,
        Keyring? keyring, string? whyNoKeyring)
        : base(app)
    {
        bool signed = details?.Manifest.Manifest?.ProvenanceLayer is not null;
        _verifyWith = signed ? keyring : null;
        _registry = registry;
        _repository = repository;
        // Pull by digest what the user is looking at: a tag moved meanwhile cannot swap the content.
        _reference = details?.Manifest.Digest.ToString() ?? tag;
        Title = $"Download {TerminalText.Sanitize(Reference.Join(repository, ManifestReference.Parse(tag)), 70)}";
        Width = Dim.Percent(90);
        Height = 18;
        FileName = new TextField { X = 12, Y = 0, Width = Dim.Fill(), Text = fileName };
        Directory = new TextField { X = 12, Y = 1, Width = Dim.Fill(), Text = directory };
        Provenance = new CheckBox { X = 12, Y = 2, Text = "also the provenance file (.prov)", Visible = details?.Manifest.Manifest?.ProvenanceLayer is not null };
        Bar = new ProgressBar { X = 0, Y = 4, Width = Dim.Fill(), Height = 1 };
        Progress = new Label { X = 0, Y = 5, Width = Dim.Fill(), Text = "Enter starts the download; Esc closes." };
        Outcome = new Label { X = 0, Y = 6, Width = Dim.Fill(), Height = 8, Text = "" };
        TrustNote = new Label
        {
            X = 0,
            Y = 3,
            Width = Dim.Fill(),
            Text = !signed ? "Not signed: the provenance is not checked."
                : _verifyWith is { } verifying ? $"Signed: verified against {TerminalText.Sanitize(Path.GetFileName(verifying.Path), 40)} before it is saved."
                : $"Signed, not verified: {TerminalText.Sanitize(whyNoKeyring ?? "no keyring", 200)}",
        };
        Add(new Label { X = 0, Y = 0, Text = "File:" }, FileName, new Label { X = 0, Y = 1, Text = "Directory:" }, Directory, Provenance, TrustNote, Bar, Progress, Outcome);
        _start = new Button { Text = "_Download" };
        _start.Accepting += (_, e) =>
        {
            e.Handled = true;
            Start();
        };
        AddButton(CloseButton);
        AddButton(_start);
    }

    public TextField FileName { get; }
    public TextField Directory { get; }
    public CheckBox Provenance { get; }

    /// <summary>Whether the download verifies the chart's provenance, and against which keyring.</summary>
    public Label TrustNote { get; }
    public ProgressBar Bar { get; }
    public Label Progress { get; }
    public Label Outcome { get; }

    /// <summary>The running or last download, with its clean-up; it never touches the dialog after it closed.</summary>
    public Task? Work { get; private set; }

    public bool IsDownloading => Work is { IsCompleted: false };

    protected override bool IsTransferring => IsDownloading;

    protected override bool HasFinished => _saved;

    /// <summary>
    /// Opens the dialog (from a key handler, never a timer: Terminal.Gui's timer lock would deadlock the progress
    /// updates) and returns when it closes, with the download's task so the caller can wait for it at exit.
    /// </summary>
    public static Task Run(IApplication app, IRegistry registry, string repository, string tag, ArtifactDetails? details, string directory, out bool quitRequested,
        Keyring? keyring = null, string? whyNoKeyring = null)
    {
        string fileName;
        try
        {
            fileName = ChartFileName.For(repository, details?.Chart, tag);
        }
        catch (InvalidInputException)
        {
            fileName = "chart.tgz";
        }
        using var dialog = new DownloadDialog(app, registry, repository, tag, details, fileName, directory, keyring, whyNoKeyring);
        Task transfer = RunModal(app, dialog);
        quitRequested = dialog.QuitRequested;
        return transfer;
    }

    protected override void Start()
    {
        if (IsDownloading || IsClosed) return;
        string directory = Directory.Text ?? "";
        string name = FileName.Text ?? "";
        string path;
        try
        {
            path = ChartFileName.PathIn(directory, name);
        }
        catch (InvalidInputException e)
        {
            ShowOutcome(e.Message);
            return;
        }
        bool overwrite = false;
        if (File.Exists(path))
        {
            // The last button is the one Enter presses: not replacing is the safe answer.
            int? answer = MessageBox.Query(Host, "Overwrite?", $"{path} exists. Replace it?", "_Replace", "_Keep");
            if (answer != 0) return;
            overwrite = true;
        }
        var request = new PullRequest(_repository, ManifestReference.Parse(_reference), directory) { FileName = name, Overwrite = overwrite, IncludeProvenance = Provenance.Value == CheckState.Checked, RemovePartialOnCancel = true, VerifyWith = _verifyWith };
        Outcome.Text = "";
        Bar.Fraction = 0;
        CancellationToken token = NewTransferToken();
        SetEditable(false);
        Work = DownloadAsync(request, path, token);
    }

    /// <summary>What the download is made of cannot change while it runs: a key typed then does not land in a field.</summary>
    private void SetEditable(bool editable)
    {
        FileName.ReadOnly = !editable;
        Directory.ReadOnly = !editable;
        Provenance.Enabled = editable;
    }

    private async Task DownloadAsync(PullRequest request, string path, CancellationToken token)
    {
        // The transfer reports after every read; the screen shows the latest figure ten times a second.
        var progress = new LatestValue<TransferProgress>();
        TransferProgress? shown = null;
        void Draw()
        {
            if (progress.Value is { } latest && !ReferenceEquals(latest, shown) && !IsClosed) Report(shown = latest);
        }
        Host.AddTimeout(TimeSpan.FromMilliseconds(100), () =>
        {
            Draw();
            return !IsClosed && IsDownloading;
        });
        string outcome;
        string? stopped = null;
        try
        {
            // Off the UI thread, so the partial file goes even if the app quits while it is being cancelled.
            Task<PullResult> transfer = Task.Run(() => ChartPuller.PullAsync(_registry, request, progress, token), CancellationToken.None);
            Transfer = transfer;
            PullResult result = await transfer;
            Draw();
            outcome = $"verified {result.Digest} ({ByteSize.Format(result.Size)})\nSaved: {result.Path}" +
                (result.ProvenancePath is { } prov ? $"\nand {Path.GetFileName(prov)} (verified)" : "") +
                (result.Provenance is { } verdict ? $"\nProvenance verified: {TerminalText.Sanitize(verdict.Summary, 400)}" : "") + "\nEnter closes.";
            if (!IsClosed) Bar.Fraction = 1;
            _saved = true;
            stopped = shown is { } last ? $"{ByteSize.Format(result.Size)} in {FormatDuration(last.Elapsed)}." : null;
        }
        catch (OperationCanceledException)
        {
            outcome = "Cancelled: the partial download was removed; nothing was saved.";
        }
        catch (OciTuiException e)
        {
            outcome = Messages.Sentence(e) + PartialNote(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            outcome = $"Cannot write {path} ({FileProblem.Describe(e)})." + PartialNote(path);
        }
        if (IsClosed) return;
        SetEditable(!_saved);
        // The rate and time left of a download that ended mean nothing: say where it stopped instead.
        Progress.Text = stopped ?? (shown is { } at ? $"Stopped at {ByteSize.Format(at.BytesDone)} of {ByteSize.Format(at.TotalBytes ?? 0)}." : "");
        ShowOutcome(outcome);
    }

    /// <summary>After a failure that kept the partial file (a dropped connection), how to go on from it.</summary>
    private static string PartialNote(string path)
    {
        var partial = new FileInfo(BlobDownloader.PartialPathFor(path));
        return partial.Exists && partial.Length > 0
            ? $" The partial download ({ByteSize.Format(partial.Length)}) was kept: Enter resumes it."
            : "";
    }

    /// <summary>A digest or a path is longer than a narrow dialog is wide: wrap, never cut, so it can be read whole.</summary>
    private void ShowOutcome(string text) => Outcome.Text = WrapTo(Outcome, text);

    private void Report(TransferProgress progress)
    {
        if (IsClosed) return;
        if (progress.TotalBytes is long total && total > 0) Bar.Fraction = (float)progress.BytesDone / total;
        string left = progress.Remaining is TimeSpan remaining ? $", {FormatDuration(remaining)} left" : "";
        Progress.Text = $"{ByteSize.Format(progress.BytesDone)} of {ByteSize.Format(progress.TotalBytes ?? 0)}, {ByteSize.Format((long)progress.BytesPerSecond)}/s{left}";
    }

    private static string FormatDuration(TimeSpan span) => span.TotalSeconds < 60
        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(span.TotalSeconds):0} s")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min {span.Seconds:00} s");
}
