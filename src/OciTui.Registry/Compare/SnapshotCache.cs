using OciTui.Registry.Inspection;
using OciTui.Registry.References;

namespace OciTui.Registry.Compare;

/// <summary>
/// Chart snapshots kept in memory for comparing, keyed by manifest digest (a tag can move; a digest names one content):
/// at most <see cref="Budget"/> bytes counted by <see cref="ChartSnapshot.Size"/>, the least recently used dropped
/// first. Thread-safe; readers of a digest that is loading wait for that one load instead of starting another.
/// </summary>
public sealed class SnapshotCache
{
    /// <summary>64 MiB: a dozen large charts, or hundreds of typical ones (helm's whole chart limit is 100 MiB unpacked).</summary>
    public const long DefaultBudget = 64L * 1024 * 1024;

    private readonly object _gate = new();
    // Most recently used first.
    private readonly LinkedList<(string Digest, ChartSnapshot Snapshot, long Size)> _order = new();
    private readonly Dictionary<string, LinkedListNode<(string Digest, ChartSnapshot Snapshot, long Size)>> _byDigest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource<ChartSnapshot>> _loading = new(StringComparer.Ordinal);
    private long _size;

    public SnapshotCache(long budget = DefaultBudget) => Budget = budget;

    public long Budget { get; }

    /// <summary>Bytes held now, never more than <see cref="Budget"/>.</summary>
    public long Size
    {
        get
        {
            lock (_gate) return _size;
        }
    }

    public bool Contains(string digest)
    {
        lock (_gate) return _byDigest.ContainsKey(digest);
    }

    /// <summary>
    /// The snapshot of <paramref name="digest"/>: from the cache, else from the load already running for it, else from
    /// <paramref name="load"/>. A load runs to its end even when every reader stops waiting (it is bounded by helm's
    /// limits), so a reader that moved on and comes back finds it; a load that fails is not kept.
    /// </summary>
    public Task<ChartSnapshot> GetOrLoadAsync(string digest, Func<Task<ChartSnapshot>> load, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<ChartSnapshot>? pending;
        bool first = false;
        lock (_gate)
        {
            if (_byDigest.TryGetValue(digest, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                return Task.FromResult(node.Value.Snapshot);
            }
            if (!_loading.TryGetValue(digest, out pending))
            {
                pending = new TaskCompletionSource<ChartSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
                _loading[digest] = pending;
                first = true;
            }
        }
        if (first) _ = LoadAsync(digest, load, pending);
        return pending.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The chart a tag names in a repository: its manifest read (the tag may have moved), its content from the cache or the registry.</summary>
    public async Task<ChartSnapshot> ReadAsync(IRegistry registry, string repository, string tag, CancellationToken cancellationToken = default)
    {
        ArtifactDetails details = await ArtifactInspector.InspectAsync(registry, repository, ManifestReference.Parse(tag), cancellationToken).ConfigureAwait(false);
        ChartSnapshot snapshot = await GetOrLoadAsync(details.Manifest.Digest.ToString(), () => ChartSnapshot.ReadAsync(registry, tag, details), cancellationToken).ConfigureAwait(false);
        // The same content under another tag: the snapshot is shared, the name is the one asked for.
        return snapshot.Tag == tag ? snapshot : snapshot with { Tag = tag };
    }

    private async Task LoadAsync(string digest, Func<Task<ChartSnapshot>> load, TaskCompletionSource<ChartSnapshot> pending)
    {
        try
        {
            ChartSnapshot snapshot = await load().ConfigureAwait(false);
            lock (_gate)
            {
                _loading.Remove(digest);
                Keep(digest, snapshot);
            }
            pending.SetResult(snapshot);
        }
        catch (Exception e)
        {
            lock (_gate) _loading.Remove(digest);
            if (e is OperationCanceledException) pending.SetCanceled();
            else pending.SetException(e);
            // Nobody may be waiting any more: the failure is observed here so it is never reported as unobserved.
            _ = pending.Task.Exception;
        }
    }

    private void Keep(string digest, ChartSnapshot snapshot)
    {
        long size = snapshot.Size;
        // A snapshot bigger than the whole budget is handed to its readers but not kept.
        if (size > Budget || _byDigest.ContainsKey(digest)) return;
        _byDigest[digest] = _order.AddFirst((digest, snapshot, size));
        _size += size;
        while (_size > Budget && _order.Last is { } oldest)
        {
            _order.RemoveLast();
            _byDigest.Remove(oldest.Value.Digest);
            _size -= oldest.Value.Size;
        }
    }
}
