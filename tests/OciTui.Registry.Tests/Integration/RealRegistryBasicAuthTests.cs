using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Tests.Integration;

/// <summary>RemoteRegistry against the real docker-registry with htpasswd Basic auth.</summary>
public sealed class RealRegistryBasicAuthTests(HtpasswdRegistryFixture registry) : IClassFixture<HtpasswdRegistryFixture>
{
    private RemoteRegistry Client(string? user, string? password) =>
        new(new RegistryConnectionOptions
        {
            BaseAddress = registry.BaseAddress,
            CredentialHost = registry.Host,
            Credentials = user is null ? null : new StaticCredentials(user, password!),
        });

    [RegistryFact]
    public async Task Credentials_open_the_registry()
    {
        await registry.Seeder.PushChartAsync("auth/chart", new ChartArchiveBuilder("chart", "1.0.0"));
        using RemoteRegistry client = Client(DockerRegistryFixture.Username, DockerRegistryFixture.Password);
        await client.PingAsync();
        var tags = new List<string>();
        await foreach (IReadOnlyList<string> page in client.ListTagsAsync("auth/chart")) tags.AddRange(page);
        Assert.Equal(["1.0.0"], tags);
    }

    [RegistryFact]
    public async Task A_wrong_password_is_refused_cleanly_without_showing_it()
    {
        using RemoteRegistry client = Client(DockerRegistryFixture.Username, "wrong-password-123");
        AuthenticationFailedException error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => client.PingAsync());
        Assert.Equal($"http://{registry.Host} refused the credentials for the API (401 Unauthorized) (UNAUTHORIZED: authentication required).", error.Message);
        Assert.Equal("Check the profile's username and password source, or log in with helm registry login / docker login.", error.Hint);
        Assert.DoesNotContain("wrong-password-123", error.Message + error.Hint, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task Without_credentials_it_says_the_registry_requires_some_and_none_were_found()
    {
        using RemoteRegistry client = Client(null, null);
        AuthenticationFailedException error = await Assert.ThrowsAsync<AuthenticationFailedException>(async () =>
        {
            await foreach (IReadOnlyList<string> _ in client.ListTagsAsync("auth/chart")) { }
        });
        Assert.Equal($"http://{registry.Host} requires credentials for repository 'auth/chart', and none were found for {registry.Host}.", error.Message);
        Assert.Equal(NoCredentialsHint, error.Hint);
    }

    [RegistryFact]
    public async Task Without_credentials_the_catalog_asks_for_credentials_rather_than_pinned_repositories()
    {
        // A 401 on the catalog sends ocitui to /v2/: refused there too, the registry is closed, not just its catalog.
        using RemoteRegistry client = Client(null, null);
        AuthenticationFailedException error = await Assert.ThrowsAsync<AuthenticationFailedException>(async () =>
        {
            await foreach (IReadOnlyList<string> _ in client.ListRepositoriesAsync()) { }
        });
        Assert.Equal($"http://{registry.Host} requires credentials for the API, and none were found for {registry.Host}.", error.Message);
        Assert.Equal(NoCredentialsHint, error.Hint);
    }

    private string NoCredentialsHint =>
        $"Give the profile a username and passwordEnv, or log in with helm registry login {registry.Host} or docker login {registry.Host}.";
}
