using OciTui.Registry.Compare;

namespace OciTui.Registry.Tests.Compare;

/// <summary>Snapshots kept by manifest digest within a byte budget, least recently used dropped first, one load per digest.</summary>
public sealed class SnapshotCacheTests
{
    private static ChartSnapshot Snapshot(string digest, int bytes) =>
        new("1.0.0", digest, new Dictionary<string, byte[]> { ["v"] = new byte[bytes] });

    private static Task<ChartSnapshot> Load(SnapshotCache cache, string digest, int bytes) =>
        cache.GetOrLoadAsync(digest, () => Task.FromResult(Snapshot(digest, bytes)));

    [Fact]
    public async Task The_least_recently_used_snapshot_goes_first_when_the_budget_is_exceeded()
    {
        var cache = new SnapshotCache(budget: 2500); // room for two of 1,000 bytes (998 and the file name)
        await Load(cache, "a", 998);
        await Load(cache, "b", 998);
        await Load(cache, "a", 998); // a used again: b is now the oldest
        await Load(cache, "c", 998);

        Assert.True(cache.Contains("a"));
        Assert.False(cache.Contains("b"));
        Assert.True(cache.Contains("c"));
        Assert.True(cache.Size <= cache.Budget);
    }

    [Fact]
    public async Task A_snapshot_bigger_than_the_budget_is_returned_but_not_kept()
    {
        var cache = new SnapshotCache(budget: 1000);
        ChartSnapshot big = await Load(cache, "big", 5000);

        Assert.Equal(5000, big.Files["v"].Length);
        Assert.False(cache.Contains("big"));
        Assert.Equal(0, cache.Size);
    }

    [Fact]
    public async Task Concurrent_readers_of_one_digest_share_one_load()
    {
        var cache = new SnapshotCache();
        var release = new TaskCompletionSource();
        int loads = 0;
        async Task<ChartSnapshot> SlowLoad()
        {
            Interlocked.Increment(ref loads);
            await release.Task;
            return Snapshot("d", 10);
        }

        Task<ChartSnapshot>[] readers = Enumerable.Range(0, 8).Select(_ => Task.Run(() => cache.GetOrLoadAsync("d", SlowLoad))).ToArray();
        await Task.Delay(50);
        release.SetResult();
        ChartSnapshot[] results = await Task.WhenAll(readers);

        Assert.Equal(1, loads);
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    [Fact]
    public async Task A_reader_that_stops_waiting_does_not_cancel_the_load_for_the_others()
    {
        var cache = new SnapshotCache();
        var release = new TaskCompletionSource();
        int loads = 0;
        async Task<ChartSnapshot> SlowLoad()
        {
            Interlocked.Increment(ref loads);
            await release.Task;
            return Snapshot("d", 10);
        }
        using var impatient = new CancellationTokenSource();

        Task<ChartSnapshot> first = cache.GetOrLoadAsync("d", SlowLoad, impatient.Token);
        Task<ChartSnapshot> second = cache.GetOrLoadAsync("d", SlowLoad);
        impatient.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        release.SetResult();

        Assert.Equal(10, (await second).Files["v"].Length);
        Assert.True(cache.Contains("d"));
        Assert.Equal(1, loads);
    }

    [Fact]
    public async Task A_load_that_fails_is_not_kept_and_the_next_reader_loads_again()
    {
        var cache = new SnapshotCache();
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrLoadAsync("e", () => Task.FromException<ChartSnapshot>(new InvalidOperationException("down"))));

        Assert.False(cache.Contains("e"));
        Assert.Equal(7, (await Load(cache, "e", 7)).Files["v"].Length);
    }
}
