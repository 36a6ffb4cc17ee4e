using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.References;
using OciTui.Registry.Transfers;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Tests.Integration;

/// <summary>
/// RemoteRegistry against the real docker-registry in token-auth mode, with the test's token server: per-repository
/// pull tokens, reused until they expire, a clean refusal outside the grant, and a catalog that is not granted.
/// </summary>
public sealed class RealRegistryTokenAuthTests(TokenAuthRegistryFixture registry) : IClassFixture<TokenAuthRegistryFixture>
{
    private RemoteRegistry Client(TimeProvider? time = null, Registry.Credentials.ICredentialProvider? credentials = null) =>
        new(new RegistryConnectionOptions
        {
            BaseAddress = registry.BaseAddress,
            CredentialHost = registry.Host,
            Time = time ?? TimeProvider.System,
            Credentials = credentials,
        });

    private static async Task<List<string>> TagsAsync(RemoteRegistry client, string repository)
    {
        var tags = new List<string>();
        await foreach (IReadOnlyList<string> page in client.ListTagsAsync(repository)) tags.AddRange(page);
        return tags;
    }

    private int TokenRequestsFor(string repository) =>
        registry.Tokens.Requests.Count(r => Uri.UnescapeDataString(r.PathAndQuery).Contains($"scope=repository:{repository}:pull", StringComparison.Ordinal));

    [RegistryFact]
    public async Task A_granted_repository_is_pulled_with_one_per_repository_pull_token()
    {
        PushedChart pushed = await registry.Seeder.PushChartAsync("granted/pull/chart", new ChartArchiveBuilder("chart", "1.0.0"));
        using RemoteRegistry client = Client();
        string directory = Directory.CreateTempSubdirectory("ocitui-token-").FullName;
        try
        {
            Assert.Equal(["1.0.0"], await TagsAsync(client, "granted/pull/chart"));
            PullResult result = await ChartPuller.PullAsync(client, new PullRequest("granted/pull/chart", ManifestReference.Parse("1.0.0"), directory));
            Assert.Equal(pushed.LayerDigest, result.Digest.ToString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
        Assert.Equal(1, TokenRequestsFor("granted/pull/chart"));
        RecordedRequest request = Assert.Single(registry.Tokens.Requests, r => Uri.UnescapeDataString(r.PathAndQuery).Contains("granted/pull/chart", StringComparison.Ordinal));
        Assert.Contains($"service={TokenServer.Service}", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Null(request.Header("Authorization"));
    }

    [RegistryFact]
    public async Task A_token_is_reused_until_it_expires_then_renewed()
    {
        await registry.Seeder.PushChartAsync("granted/expiry/chart", new ChartArchiveBuilder("chart", "1.0.0"));
        var clock = new SteppingTimeProvider(DateTimeOffset.UtcNow);
        using RemoteRegistry client = Client(clock);
        await TagsAsync(client, "granted/expiry/chart");
        clock.Advance(TimeSpan.FromMinutes(4));
        await TagsAsync(client, "granted/expiry/chart");
        await client.GetManifestAsync("granted/expiry/chart", ManifestReference.Parse("1.0.0"));
        Assert.Equal(1, TokenRequestsFor("granted/expiry/chart"));

        clock.Advance(registry.Tokens.Lifetime);
        await TagsAsync(client, "granted/expiry/chart");
        Assert.Equal(2, TokenRequestsFor("granted/expiry/chart"));
    }

    [RegistryFact]
    public async Task A_repository_outside_the_grant_is_refused_cleanly()
    {
        await registry.Seeder.PushChartAsync("private/team/chart", new ChartArchiveBuilder("chart", "1.0.0"));
        using RemoteRegistry client = Client();
        AccessDeniedException error = await Assert.ThrowsAsync<AccessDeniedException>(() => TagsAsync(client, "private/team/chart"));
        Assert.Equal($"Access to repository 'private/team/chart' on http://{registry.Host} is denied without credentials (insufficient_scope).", error.Message);
        Assert.InRange(TokenRequestsFor("private/team/chart"), 1, 2);
    }

    [RegistryFact]
    public async Task Without_the_catalog_grant_the_catalog_is_reported_unavailable()
    {
        using RemoteRegistry client = Client();
        CatalogUnavailableException error = await Assert.ThrowsAsync<CatalogUnavailableException>(async () =>
        {
            await foreach (IReadOnlyList<string> _ in client.ListRepositoriesAsync()) { }
        });
        Assert.Equal($"http://{registry.Host} does not let this user list its repositories (401).", error.Message);
        Assert.Contains(registry.Tokens.Requests, r => Uri.UnescapeDataString(r.PathAndQuery).Contains("scope=registry:catalog:*", StringComparison.Ordinal));
    }

    [RegistryFact]
    public async Task Without_credentials_a_token_server_that_demands_them_says_none_were_found()
    {
        registry.Tokens.RequiredBasic = ("robot", "token-server-secret");
        try
        {
            using RemoteRegistry client = Client();
            AuthenticationFailedException error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => TagsAsync(client, "granted/anonymous/chart"));
            Assert.Equal($"The token server {registry.Tokens.Server.BaseAddress.GetLeftPart(UriPartial.Authority)} requires credentials for a token, and none were found for {registry.Host}.",
                error.Message);
            Assert.Equal($"Give the profile a username and passwordEnv, or log in with helm registry login {registry.Host} or docker login {registry.Host}.", error.Hint);
        }
        finally
        {
            registry.Tokens.RequiredBasic = null;
        }
    }

    [RegistryFact]
    public async Task Basic_credentials_go_to_the_token_server_and_never_to_the_registry()
    {
        await registry.Seeder.PushChartAsync("granted/basic/chart", new ChartArchiveBuilder("chart", "1.0.0"));
        registry.Tokens.RequiredBasic = ("robot", "token-server-secret");
        try
        {
            using (RemoteRegistry wrong = Client(credentials: new StaticCredentials("robot", "not-it-either")))
            {
                AuthenticationFailedException refused = await Assert.ThrowsAsync<AuthenticationFailedException>(() => TagsAsync(wrong, "granted/basic/chart"));
                Assert.Equal($"The token server {registry.Tokens.Server.BaseAddress.GetLeftPart(UriPartial.Authority)} refused the credentials for {registry.Host} (401).", refused.Message);
                Assert.DoesNotContain("not-it-either", refused.ToString(), StringComparison.Ordinal);
            }
            using RemoteRegistry client = Client(credentials: new StaticCredentials("robot", "token-server-secret"));
            Assert.Equal(["1.0.0"], await TagsAsync(client, "granted/basic/chart"));
            Assert.All(registry.Tokens.Requests.Where(r => r.PathAndQuery.Contains("basic", StringComparison.Ordinal)),
                r => Assert.StartsWith("Basic ", r.Header("Authorization"), StringComparison.Ordinal));
        }
        finally
        {
            registry.Tokens.RequiredBasic = null;
        }
    }
}
