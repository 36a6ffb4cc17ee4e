using System.Diagnostics;
using System.Net;
using OciTui.Registry.Auth;
using OciTui.Registry.Http;
using OciTui.Registry.Wire;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.Auth;

/// <summary>
/// A token fetch is shared by every request that needs the token, so no single caller's cancellation may stop it;
/// it lives as long as the authenticator (and so the registry) that started it, and ends when that is disposed.
/// </summary>
public sealed class TokenFetchLifetimeTests
{
    /// <summary>A token server that never answers and notes when the client hangs up.</summary>
    private sealed class HangingTokenServer : IAsyncDisposable
    {
        private readonly TaskCompletionSource _asked = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _hungUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _requests;

        public HangingTokenServer() => Server = new RawHttpServer(async request =>
        {
            Interlocked.Increment(ref _requests);
            _asked.TrySetResult();
            try
            {
                // Nothing is ever written: the read ends only when the client closes the connection.
                while (await request.Stream.ReadAsync(new byte[1], Server!.Stopping) > 0) { }
                _hungUp.TrySetResult();
            }
            catch (IOException)
            {
                _hungUp.TrySetResult();
            }
        });

        public RawHttpServer Server { get; }
        public Task Asked => _asked.Task;
        public Task HungUp => _hungUp.Task;
        public int Requests => Volatile.Read(ref _requests);

        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }

    private static Task<FakeRegistry> RegistryFor(HangingTokenServer tokens) => StartAsync(async context =>
    {
        context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{tokens.Server.BaseAddress}token\",service=\"s\"";
        await WriteAsync(context, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
    });

    private static async Task ListTagsAsync(RemoteRegistry client, CancellationToken cancellationToken)
    {
        await foreach (IReadOnlyList<string> _ in client.ListTagsAsync("charts/chart", cancellationToken)) { }
    }

    [Fact]
    public async Task Disposing_the_registry_ends_a_token_fetch_whose_caller_already_gave_up()
    {
        await using var tokens = new HangingTokenServer();
        await using FakeRegistry fake = await RegistryFor(tokens);
        RemoteRegistry client = fake.Client();
        using var caller = new CancellationTokenSource();
        Task listing = ListTagsAsync(client, caller.Token);
        await tokens.Asked.WaitAsync(TimeSpan.FromSeconds(10));

        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => listing.WaitAsync(TimeSpan.FromSeconds(2)));
        Assert.False(tokens.HungUp.IsCompleted, "one caller's cancellation must not end the fetch others may share");

        var clock = Stopwatch.StartNew();
        client.Dispose();
        await tokens.HungUp.WaitAsync(TimeSpan.FromSeconds(2));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the token server saw the connection closed after {clock.Elapsed}");
    }

    [Fact]
    public async Task Disposing_the_authenticator_ends_its_token_fetch_even_while_the_http_client_lives_on()
    {
        // The registry disposes its HttpClient too, which cancels whatever it still sends; the authenticator must not
        // depend on that: its fetches belong to its own lifetime.
        await using var tokens = new HangingTokenServer();
        using var http = new HttpClient();
        var options = new RegistryConnectionOptions { BaseAddress = new Uri("http://127.0.0.1:1/"), CredentialHost = "127.0.0.1:1" };
        var authenticator = new RegistryAuthenticator(http, options);
        using var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", $"Bearer realm=\"{tokens.Server.BaseAddress}token\",service=\"s\"");
        using var caller = new CancellationTokenSource();
        Task fetch = authenticator.AuthenticateAsync(challenge, ["repository:charts/chart:pull"], null, caller.Token);
        await tokens.Asked.WaitAsync(TimeSpan.FromSeconds(10));
        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch.WaitAsync(TimeSpan.FromSeconds(2)));

        var clock = Stopwatch.StartNew();
        authenticator.Dispose();
        await tokens.HungUp.WaitAsync(TimeSpan.FromSeconds(2));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the token server saw the connection closed after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_caller_that_gives_up_leaves_the_shared_fetch_to_the_others()
    {
        await using var tokens = new HangingTokenServer();
        await using FakeRegistry fake = await RegistryFor(tokens);
        using RemoteRegistry client = fake.Client();
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        Task quitter = ListTagsAsync(client, first.Token);
        await tokens.Asked.WaitAsync(TimeSpan.FromSeconds(10));
        Task stayer = ListTagsAsync(client, second.Token);

        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => quitter.WaitAsync(TimeSpan.FromSeconds(2)));
        await Task.Delay(300);
        Assert.False(stayer.IsCompleted, "the second caller still waits on the one fetch");
        Assert.False(tokens.HungUp.IsCompleted);
        Assert.Equal(1, tokens.Requests);

        await second.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stayer.WaitAsync(TimeSpan.FromSeconds(2)));
    }
}
