using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace OciTui.Tui;

/// <summary>
/// A dialog that runs one transfer on the thread pool (the download, the copy): the keys they share (Ctrl-C quits
/// ocitui, Esc stops the transfer and a second Esc closes, Enter starts it or closes once it ended), its cancellation,
/// and the task the caller waits for before the process exits.
/// </summary>
public abstract class TransferDialog : Dialog
{
    private CancellationTokenSource _cancel = new();

    protected TransferDialog(IApplication app)
    {
        Host = app;
        CloseButton = new Button { Text = "_Close" };
        app.Keyboard.KeyDown += OnKey;
    }

    /// <summary>The application the dialog runs in (its timers, message boxes and stop requests).</summary>
    protected IApplication Host { get; }

    /// <summary>Closes the dialog; Enter on it closes rather than starts.</summary>
    protected Button CloseButton { get; }

    /// <summary>The dialog closed: nothing may touch its views any more.</summary>
    protected bool IsClosed { get; private set; }

    /// <summary>Ctrl-C was pressed: the transfer was cancelled and the dialog closed, and the whole app should quit.</summary>
    public bool QuitRequested { get; private set; }

    /// <summary>The transfer itself, on the thread pool: what must end before the process exits.</summary>
    public Task Transfer { get; protected set; } = Task.CompletedTask;

    /// <summary>A transfer is under way (Esc stops it).</summary>
    protected abstract bool IsTransferring { get; }

    /// <summary>The transfer ended in a way that leaves nothing to start again: Enter closes.</summary>
    protected abstract bool HasFinished { get; }

    /// <summary>Starts the transfer from what the fields say (Enter, or the dialog's start button).</summary>
    protected abstract void Start();

    /// <summary>The token for a new transfer: a fresh one when the last was cancelled, so the dialog can start again.</summary>
    protected CancellationToken NewTransferToken()
    {
        if (_cancel.IsCancellationRequested)
        {
            _cancel.Dispose();
            _cancel = new CancellationTokenSource();
        }
        return _cancel.Token;
    }

    /// <summary>Runs <paramref name="dialog"/> modally; when it closes its transfer is cancelled, and its task returned to wait for.</summary>
    protected static Task RunModal(IApplication app, TransferDialog dialog)
    {
        app.Run(dialog);
        dialog.IsClosed = true;
        dialog._cancel.Cancel();
        return dialog.Transfer;
    }

    /// <summary>A digest, a path or a sentence longer than the label is wide: wrapped, never cut, so it can be read whole.</summary>
    protected static string WrapTo(Label label, string text)
    {
        int width = label.Viewport.Width > 10 ? label.Viewport.Width : 60;
        return string.Join('\n', text.Split('\n').SelectMany(line => DetailsPane.WrapLine(line, width)));
    }

    private void OnKey(object? sender, Key key)
    {
        if (key.Handled || Host.TopRunnableView != this) return;
        if (key == Key.C.WithCtrl)
        {
            // Ctrl-C quits ocitui, as it does from the panes: the transfer is cancelled and the dialog closes first.
            key.Handled = true;
            _cancel.Cancel();
            QuitRequested = true;
            Host.RequestStop(this);
        }
        else if (key == Key.Esc && IsTransferring)
        {
            // Esc stops the transfer first (what it leaves is the subclass's promise: no partial, nothing half-tagged); a second Esc closes.
            key.Handled = true;
            _cancel.Cancel();
        }
        else if (key == Key.Enter && (HasFinished || CloseButton.HasFocus))
        {
            // Once the transfer ended, Enter closes: pressing it again must not start the same transfer over.
            key.Handled = true;
            Host.RequestStop(this);
        }
        else if (key == Key.Enter)
        {
            key.Handled = true;
            Start();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Host.Keyboard.KeyDown -= OnKey;
            CancellationTokenSource cancel = _cancel;
            // The transfer may still be winding down on the thread pool: let it finish with its token.
            if (!Transfer.IsCompleted) Transfer.ContinueWith(_ => cancel.Dispose(), TaskScheduler.Default);
            else cancel.Dispose();
        }
        base.Dispose(disposing);
    }
}
