using OciTui.Registry.Auth;
using OciTui.Registry.Errors;

namespace OciTui.Registry.Tests.Auth;

public sealed class TokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Access_token_is_preferred_and_expiry_read()
    {
        BearerToken token = BearerToken.Parse("{\"token\":\"t1\",\"access_token\":\"t2\",\"expires_in\":300}"u8.ToArray(), Now);
        Assert.Equal("t2", token.Value);
        Assert.Equal(Now.AddSeconds(300), token.ExpiresAt);
    }

    [Fact]
    public void Token_alone_works_and_a_missing_expiry_means_sixty_seconds()
    {
        BearerToken token = BearerToken.Parse("{\"token\":\"only\"}"u8.ToArray(), Now);
        Assert.Equal("only", token.Value);
        Assert.Equal(Now.AddSeconds(60), token.ExpiresAt);
        Assert.DoesNotContain("only", token.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"token\":\"\"}")]
    [InlineData("[1]")]
    [InlineData("not json")]
    public void No_token_is_a_clear_error(string body) =>
        Assert.Throws<RegistryProtocolException>(() => BearerToken.Parse(System.Text.Encoding.UTF8.GetBytes(body), Now));

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Concurrent_callers_share_one_fetch()
    {
        var cache = new TokenCache(new ManualClock(Now));
        var gate = new TaskCompletionSource<BearerToken>();
        int fetches = 0;
        Task<BearerToken>[] callers = Enumerable.Range(0, 50)
            .Select(_ => cache.GetOrFetchAsync("k", _ => { Interlocked.Increment(ref fetches); return gate.Task; }, CancellationToken.None))
            .ToArray();
        gate.SetResult(new BearerToken("shared", Now.AddMinutes(5)));
        BearerToken[] tokens = await Task.WhenAll(callers);
        Assert.Equal(1, fetches);
        Assert.All(tokens, t => Assert.Equal("shared", t.Value));
    }

    [Fact]
    public async Task An_expiring_token_is_renewed_and_an_invalidated_one_dropped()
    {
        var clock = new ManualClock(Now);
        var cache = new TokenCache(clock);
        int fetches = 0;
        Task<BearerToken> Fetch(CancellationToken _) => Task.FromResult(new BearerToken($"t{++fetches}", clock.Now.AddSeconds(60)));

        Assert.Equal("t1", (await cache.GetOrFetchAsync("k", Fetch, CancellationToken.None)).Value);
        Assert.Equal("t1", cache.TryGet("k")?.Value);
        clock.Now = Now.AddSeconds(55);
        Assert.Null(cache.TryGet("k"));
        Assert.Equal("t2", (await cache.GetOrFetchAsync("k", Fetch, CancellationToken.None)).Value);
        cache.Invalidate("k", "t2");
        Assert.Null(cache.TryGet("k"));
        Assert.Equal("t3", (await cache.GetOrFetchAsync("k", Fetch, CancellationToken.None)).Value);
    }

    [Fact]
    public async Task A_failed_fetch_is_not_cached()
    {
        var cache = new TokenCache(new ManualClock(Now));
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrFetchAsync("k", _ => throw new InvalidOperationException(), CancellationToken.None));
        Assert.Equal("ok", (await cache.GetOrFetchAsync("k", _ => Task.FromResult(new BearerToken("ok", Now.AddMinutes(1))), CancellationToken.None)).Value);
    }

    [Fact]
    public void Cache_keys_differ_by_identity_and_ignore_scope_order() =>
        Assert.Equal(
            TokenCache.Key("o", "r", "s", ["b", "a"], "anonymous"),
            TokenCache.Key("o", "r", "s", ["a", "b"], "anonymous"));
}
