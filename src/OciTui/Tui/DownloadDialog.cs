using System.Globalization;
using OciTui.Registry;
using OciTui.Registry.Browsing;
using OciTui.Registry.Errors;
using OciTui.Registry.Inspection;
using OciTui.Registry.Text;
using OciTui.Registry.Transfers;
using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace OciTui.Tui;

/// <summary>
/// Downloads the selected tag's chart: file name and directory editable, a progress bar with bytes, rate and time
/// left, Esc to cancel (nothing left under the final name), and the verified digest and path at the end.
/// </summary>
public sealed class DownloadDialog : Dialog
{
    private readonly IApplication _app;
    private readonly IRegistry _registry;
    private readonly string _repository;
    private readonly string _tag;
    private readonly CancellationTokenSource _cancel = new();

    private DownloadDialog(IApplication app, IRegistry registry, string repository, string tag, string fileName, string directory)
    {
        _app = app;
        _registry = registry;
        _repository = repository;
        _tag = tag;
        Title = $"Download {TerminalText.Sanitize(repository, 40)}:{TerminalText.Sanitize(tag, 30)}";
        Width = Dim.Percent(80);
        Height = 12;
        FileName = new TextField { X = 12, Y = 0, Width = Dim.Fill(), Text = fileName };
        Directory = new TextField { X = 12, Y = 1, Width = Dim.Fill(), Text = directory };
        Bar = new ProgressBar { X = 0, Y = 3, Width = Dim.Fill(), Height = 1 };
        Progress = new Label { X = 0, Y = 4, Width = Dim.Fill(), Text = "Enter starts the download; Esc closes." };
        Outcome = new Label { X = 0, Y = 5, Width = Dim.Fill(), Height = 3, Text = "" };
        Add(new Label { X = 0, Y = 0, Text = "File:" }, FileName, new Label { X = 0, Y = 1, Text = "Directory:" }, Directory, Bar, Progress, Outcome);
        var start = new Button { Text = "_Download" };
        start.Accepting += (_, e) =>
        {
            e.Handled = true;
            Start();
        };
        _close = new Button { Text = "_Close" };
        AddButton(_close);
        AddButton(start);
        // Enter anywhere but on Close starts the download and keeps the dialog open to show progress and the result.
        app.Keyboard.KeyDown += OnKey;
    }

    private readonly Button _close;

    private void OnKey(object? sender, Terminal.Gui.Input.Key key)
    {
        if (key.Handled || _app.TopRunnableView != this || key != Terminal.Gui.Input.Key.Enter || _close.HasFocus) return;
        key.Handled = true;
        Start();
    }

    private void Start()
    {
        if (Work is null || Work.IsCompleted) Work = StartAsync();
    }

    public TextField FileName { get; }
    public TextField Directory { get; }
    public ProgressBar Bar { get; }
    public Label Progress { get; }
    public Label Outcome { get; }
    public Task? Work { get; private set; }

    /// <summary>Opens the dialog (from a key handler, never a timer: see the Terminal.Gui threading notes) and waits for it to close.</summary>
    public static void Run(IApplication app, IRegistry registry, string repository, string tag, ArtifactDetails? details, string directory)
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
        using var dialog = new DownloadDialog(app, registry, repository, tag, fileName, directory);
        Opened?.Invoke(dialog);
        app.Run(dialog);
        dialog._cancel.Cancel();
        Closed?.Invoke(dialog);
    }

    /// <summary>Raised when a dialog has closed (its download cancelled if still running).</summary>
    public static event Action<DownloadDialog>? Closed;

    /// <summary>Raised when a dialog opens, so tests can drive it.</summary>
    public static event Action<DownloadDialog>? Opened;

    private async Task StartAsync()
    {
        string directory = Directory.Text ?? "";
        string name = FileName.Text ?? "";
        bool overwrite = false;
        try
        {
            string path = ChartFileName.PathIn(directory, name);
            if (File.Exists(path))
            {
                int? answer = MessageBox.Query(_app, "Overwrite?", $"{path} exists. Replace it?", "_No", "_Yes");
                if (answer != 1) return;
                overwrite = true;
            }
        }
        catch (InvalidInputException e)
        {
            Outcome.Text = e.Message;
            return;
        }
        Outcome.Text = "";
        var progress = new Progress<TransferProgress>(Report);
        try
        {
            PullResult result = await Task.Run(() => ChartPuller.PullAsync(_registry,
                new PullRequest(_repository, _tag, directory) { FileName = name, Overwrite = overwrite }, progress, _cancel.Token));
            Bar.Fraction = 1;
            Outcome.Text = $"verified {result.Digest.Short}… ({DetailsText.Bytes(result.Size)})\n{result.Path}";
        }
        catch (OperationCanceledException)
        {
            Outcome.Text = "Cancelled; nothing was saved under the file name.";
        }
        catch (OciTuiException e)
        {
            Outcome.Text = e.Hint is null ? e.Message : $"{e.Message} {e.Hint}";
        }
    }

    private void Report(TransferProgress progress)
    {
        if (progress.TotalBytes is long total && total > 0) Bar.Fraction = (float)progress.BytesDone / total;
        string left = progress.Remaining is TimeSpan remaining ? $", {remaining.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s left" : "";
        Progress.Text = $"{Registry.Browsing.DetailsText.Bytes(progress.BytesDone)} of {Registry.Browsing.DetailsText.Bytes(progress.TotalBytes ?? 0)}, " +
            $"{Registry.Browsing.DetailsText.Bytes((long)progress.BytesPerSecond)}/s{left}";
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _app.Keyboard.KeyDown -= OnKey;
            _cancel.Dispose();
        }
        base.Dispose(disposing);
    }
}
