namespace OciTui.Testing;

/// <summary>
/// A clock for retry and token-expiry tests: a wait asked of it is recorded, the clock jumps forward by it, and the
/// wait ends at once. A test proves "waited at least 3 s" without sleeping 3 s.
/// </summary>
public sealed class SteppingTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _waits = [];
    private DateTimeOffset _now = start;

    public SteppingTimeProvider()
        : this(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero)) { }

    /// <summary>Every wait asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_lock) return [.. _waits];
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock) return _now;
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock) _now += by;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan) return new NeverTimer();
        lock (_lock)
        {
            _waits.Add(dueTime);
            _now += dueTime;
        }
        // Fired from the pool, never inside CreateTimer: the caller has not stored the timer yet.
        _ = Task.Run(() => callback(state));
        return new NeverTimer();
    }

    private sealed class NeverTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
