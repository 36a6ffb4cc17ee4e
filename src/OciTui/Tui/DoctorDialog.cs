using OciTui.Registry.Credentials;
using OciTui.Registry.Diagnostics;
using OciTui.Registry.Errors;
using OciTui.Registry.Profiles;
using OciTui.Registry.Text;
using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace OciTui.Tui;

/// <summary>
/// The connection check of a profile (<c>c</c> in Profiles): the same report as <c>ocitui doctor</c>, each step's lines
/// appearing as the step finishes, scrollable when longer than the screen. Esc closes it and cancels what still runs.
/// </summary>
public sealed class DoctorDialog : Dialog
{
    private readonly IApplication _app;
    private readonly CancellationTokenSource _cancel = new();
    private readonly TextListSource _source = new();
    private readonly List<string> _lines = [];
    private readonly int _width;
    private bool _closed;

    private DoctorDialog(IApplication app, Profile profile, CredentialEnvironment credentials)
    {
        _app = app;
        Title = $"Connection check: {TerminalText.Sanitize(profile.Name, 60)}";
        Width = Dim.Percent(96);
        Height = Dim.Percent(90);
        // The dialog takes 96% of the screen; its frame and padding take four more columns.
        _width = Math.Max(40, (app.Driver?.Cols ?? 80) * 96 / 100 - 4);
        _lines.Add(DoctorText.Heading(profile.DisplayAddress));
        _source.SetItems([.. _lines]);
        Report = new ListView { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(2), Source = _source, KeystrokeNavigator = null };
        Outcome = new Label { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Text = "Checking... Esc cancels." };
        Add(Report, Outcome);
        AddButton(new Button { Text = "_Close" });
        // Off the UI thread: name resolution and a connect may block for seconds.
        var progress = new OnUiThread(this);
        Work = Task.Run(() => ConnectionDoctor.RunAsync(profile, credentials, null, progress, _cancel.Token), CancellationToken.None)
            .ContinueWith(Finished, TaskScheduler.Default);
    }

    public ListView Report { get; }
    public Label Outcome { get; }

    /// <summary>The check and the last update it posted.</summary>
    public Task Work { get; }

    public static void Show(IApplication app, Profile profile, CredentialEnvironment credentials)
    {
        using var dialog = new DoctorDialog(app, profile, credentials);
        app.Run(dialog);
        dialog._closed = true;
        dialog._cancel.Cancel();
    }

    private void AddStep(DoctorStepResult step)
    {
        if (_closed) return;
        _lines.AddRange(DoctorText.Lines(step, _width));
        _source.SetItems([.. _lines]);
        SetNeedsDraw();
    }

    private void Finished(Task<DoctorReport> run)
    {
        string outcome = run.Status switch
        {
            TaskStatus.RanToCompletion => $"{DoctorText.Summary(run.Result.Steps)} Esc closes.",
            TaskStatus.Canceled => "Cancelled.",
            _ => run.Exception?.InnerException is OciTuiException e ? Messages.Sentence(e) : $"The check stopped: {TerminalText.Sanitize(run.Exception?.InnerException?.Message, 200)}",
        };
        _app.Invoke(() =>
        {
            if (_closed) return;
            Outcome.Text = outcome;
            SetNeedsDraw();
        });
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _closed = true;
            _cancel.Cancel();
            // The check may still be winding down on the thread pool: let it finish with its token.
            Work.ContinueWith(_ => _cancel.Dispose(), TaskScheduler.Default);
        }
        base.Dispose(disposing);
    }

    /// <summary>Each step, as the core reports it, handed to the UI thread in order.</summary>
    private sealed class OnUiThread(DoctorDialog dialog) : IProgress<DoctorStepResult>
    {
        public void Report(DoctorStepResult value) => dialog._app.Invoke(() => dialog.AddStep(value));
    }
}
