using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Tests.Support;

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
    public async Task A_wrong_password_fails_cleanly_without_showing_it()
    {
        using RemoteRegistry client = Client(DockerRegistryFixture.Username, "wrong-password-123");
        AuthenticationFailedException error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => client.PingAsync());
        Assert.DoesNotContain("wrong-password-123", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-123", error.Hint ?? "", StringComparison.Ordinal);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task Anonymous_access_is_refused_with_a_hint()
    {
        using RemoteRegistry client = Client(null, null);
        AuthenticationFailedException error = await Assert.ThrowsAsync<AuthenticationFailedException>(async () =>
        {
            await foreach (IReadOnlyList<string> _ in client.ListTagsAsync("auth/chart")) { }
        });
        Assert.NotNull(error.Hint);
    }
}
