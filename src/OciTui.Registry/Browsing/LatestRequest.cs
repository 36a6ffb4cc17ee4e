namespace OciTui.Registry.Browsing;

/// <summary>
/// One slot for "the load the user is waiting for": starting a new load cancels the one before, so a person who
/// moves on never waits for, or sees, a stale answer.
/// </summary>
public sealed class LatestRequest : IDisposable
{
    private CancellationTokenSource _current = new();

    /// <summary>The token of the current load.</summary>
    public CancellationToken Token => _current.Token;

    /// <summary>Cancels the current load and returns the token of the next one.</summary>
    public CancellationToken Restart()
    {
        _current.Cancel();
        _current.Dispose();
        _current = new CancellationTokenSource();
        return _current.Token;
    }

    public void Cancel() => _current.Cancel();

    public void Dispose()
    {
        _current.Cancel();
        _current.Dispose();
    }
}
