using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Wire;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.Auth;

/// <summary>The Bearer token flow against a fake registry and a fake token server on another port.</summary>
public sealed class BearerTokenFlowTests
{
    /// <summary>A registry that wants "Bearer t-&lt;scope&gt;" and a token server that grants pull on repositories it allows.</summary>
    private sealed class TokenWorld : IAsyncDisposable
    {
        public int TokensIssued;
        public FakeRegistry TokenServer = null!;
        public FakeRegistry Registry = null!;
        public string? ExpectedBasic;
        public HashSet<string> Granted = ["charts/ok"];
        public bool OnlyAccessToken;

        public static async Task<TokenWorld> StartAsync()
        {
            var world = new TokenWorld();
            world.TokenServer = await FakeRegistry.StartAsync(world.IssueAsync);
            world.Registry = await FakeRegistry.StartAsync(world.ServeAsync);
            return world;
        }

        private async Task IssueAsync(HttpContext context)
        {
            if (ExpectedBasic is not null && context.Request.Headers.Authorization.ToString() != ExpectedBasic)
            {
                await WriteAsync(context, 401, "{\"details\":\"bad credentials\"}");
                return;
            }
            Interlocked.Increment(ref TokensIssued);
            await Task.Delay(50);
            string scopes = string.Join(' ', context.Request.Query["scope"].ToArray());
            string token = "t-" + Convert.ToBase64String(Encoding.UTF8.GetBytes(scopes));
            await WriteAsync(context, 200, OnlyAccessToken ? $"{{\"access_token\":\"{token}\"}}" : $"{{\"token\":\"{token}\",\"expires_in\":300}}");
        }

        private async Task ServeAsync(HttpContext context)
        {
            string path = context.Request.Path.Value!;
            string repository = path.StartsWith("/v2/", StringComparison.Ordinal) && path.Contains("/tags/", StringComparison.Ordinal)
                ? path["/v2/".Length..path.IndexOf("/tags/", StringComparison.Ordinal)]
                : "";
            string wanted = $"repository:{repository}:pull";
            string header = context.Request.Headers.Authorization.ToString();
            string? scopes = header.StartsWith("Bearer t-", StringComparison.Ordinal) ? Encoding.UTF8.GetString(Convert.FromBase64String(header["Bearer t-".Length..])) : null;
            string challenge = $"Bearer realm=\"{new Uri(TokenServer.BaseAddress, "token")}\",service=\"fake-registry\",scope=\"{wanted}\"";
            if (scopes is null || !scopes.Split(' ').Contains(wanted))
            {
                context.Response.Headers.WWWAuthenticate = challenge;
                await WriteAsync(context, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
                return;
            }
            if (!Granted.Contains(repository))
            {
                context.Response.Headers.WWWAuthenticate = challenge + ",error=\"insufficient_scope\"";
                await WriteAsync(context, 401, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}");
                return;
            }
            await WriteAsync(context, 200, "{\"tags\":[\"1.0.0\"]}");
        }

        public async ValueTask DisposeAsync()
        {
            await Registry.DisposeAsync();
            await TokenServer.DisposeAsync();
        }
    }

    private static async Task<List<string>> TagsAsync(RemoteRegistry client, string repository)
    {
        var tags = new List<string>();
        await foreach (IReadOnlyList<string> page in client.ListTagsAsync(repository)) tags.AddRange(page);
        return tags;
    }

    [Fact]
    public async Task An_anonymous_token_is_fetched_once_and_reused()
    {
        await using TokenWorld world = await TokenWorld.StartAsync();
        using RemoteRegistry client = world.Registry.Client();
        for (int i = 0; i < 3; i++) Assert.Equal(["1.0.0"], await TagsAsync(client, "charts/ok"));
        Assert.Equal(1, world.TokensIssued);
        Assert.All(world.TokenServer.Requests, r => Assert.Null(r.Header("Authorization")));
        Assert.Contains("service=fake-registry", world.TokenServer.Requests[0].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_requests_share_one_token_fetch()
    {
        await using TokenWorld world = await TokenWorld.StartAsync();
        using RemoteRegistry client = world.Registry.Client();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => TagsAsync(client, "charts/ok")));
        Assert.Equal(1, world.TokensIssued);
    }

    [Fact]
    public async Task Basic_credentials_go_to_the_token_endpoint_only()
    {
        await using TokenWorld world = await TokenWorld.StartAsync();
        world.ExpectedBasic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("robot:pa55"));
        world.OnlyAccessToken = true;
        using RemoteRegistry client = world.Registry.Client(new StaticCredentials("robot", "pa55"));
        Assert.Equal(["1.0.0"], await TagsAsync(client, "charts/ok"));
        Assert.All(world.Registry.Requests, r => Assert.DoesNotContain("Basic", r.Header("Authorization") ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Refused_credentials_at_the_token_endpoint_fail_without_the_password()
    {
        await using TokenWorld world = await TokenWorld.StartAsync();
        world.ExpectedBasic = "Basic nope";
        using RemoteRegistry client = world.Registry.Client(new StaticCredentials("robot", "secret-in-no-message"));
        AuthenticationFailedException error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => TagsAsync(client, "charts/ok"));
        Assert.DoesNotContain("secret-in-no-message", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repository_outside_the_grant_is_denied_after_one_retry()
    {
        await using TokenWorld world = await TokenWorld.StartAsync();
        using RemoteRegistry client = world.Registry.Client(new StaticCredentials("robot", "pa55"));
        AccessDeniedException error = await Assert.ThrowsAsync<AccessDeniedException>(() => TagsAsync(client, "charts/secret"));
        Assert.Equal($"Access to repository 'charts/secret' on http://{world.Registry.Server.HostAndPort} is denied: the token does not grant it (insufficient_scope).", error.Message);
        Assert.Equal("The credentials are valid but lack permission for this repository.", error.Hint);
        // Anonymous, then with the token; the refused token is fetched once more, and the same answer ends it: no loop.
        Assert.Equal(2, world.Registry.Requests.Count);
        Assert.Equal(2, world.TokensIssued);
    }

    [Fact]
    public async Task Without_credentials_a_repository_outside_the_grant_asks_for_credentials_instead_of_blaming_them()
    {
        await using TokenWorld world = await TokenWorld.StartAsync();
        using RemoteRegistry client = world.Registry.Client();
        AccessDeniedException error = await Assert.ThrowsAsync<AccessDeniedException>(() => TagsAsync(client, "charts/secret"));
        string host = world.Registry.Server.HostAndPort;
        Assert.Equal($"Access to repository 'charts/secret' on http://{host} is denied without credentials (insufficient_scope).", error.Message);
        Assert.Equal($"The repository may be private or may not exist. Give the profile a username and passwordEnv, or log in with helm registry login {host} or docker login {host}.", error.Hint);
        Assert.Equal(2, world.TokensIssued);
    }

    [Fact]
    public async Task A_realm_on_plain_http_for_an_https_registry_is_refused_before_any_token_request()
    {
        var challenge = new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized);
        challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", "Bearer realm=\"http://auth.example.com/token\",service=\"x\"");
        var options = new RegistryConnectionOptions { BaseAddress = new Uri("https://registry.example.com"), CredentialHost = "registry.example.com" };
        using var http = new HttpClient(new ThrowingHandler());
        var authenticator = new Registry.Auth.RegistryAuthenticator(http, options);
        await Assert.ThrowsAsync<RegistryProtocolException>(() => authenticator.AuthenticateAsync(challenge, ["repository:a:pull"], null, CancellationToken.None));
    }

    [Fact]
    public async Task Basic_credentials_are_not_sent_over_plain_http_to_a_remote_host()
    {
        var challenge = new HttpResponseMessage(System.Net.HttpStatusCode.Unauthorized);
        challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", "Basic realm=\"x\"");
        var options = new RegistryConnectionOptions
        {
            BaseAddress = new Uri("http://registry.example.com:5000"),
            CredentialHost = "registry.example.com:5000",
            Credentials = new StaticCredentials("u", "p"),
        };
        using var http = new HttpClient(new ThrowingHandler());
        var authenticator = new Registry.Auth.RegistryAuthenticator(http, options);
        AuthenticationFailedException error = await Assert.ThrowsAsync<AuthenticationFailedException>(
            () => authenticator.AuthenticateAsync(challenge, ["repository:a:pull"], null, CancellationToken.None));
        Assert.Contains("plain HTTP", error.Message, StringComparison.Ordinal);

        var optedIn = new Registry.Auth.RegistryAuthenticator(http, options with { AllowBasicOverPlainHttp = true });
        AuthenticationHeaderValue? header = await optedIn.AuthenticateAsync(challenge, ["repository:a:pull"], null, CancellationToken.None);
        Assert.Equal("Basic", header?.Scheme);
    }

    private sealed class ThrowingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"no request may be sent, but one went to {request.RequestUri}");
    }
}
