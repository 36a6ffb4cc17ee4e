using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.References;
using OciTui.Registry.Transfers;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Tests.Integration;

/// <summary>RemoteRegistry against the real docker-registry on HTTPS, with a CA and server certificate the test made.</summary>
public sealed class RealRegistryTlsTests(TlsRegistryFixture registry) : IClassFixture<TlsRegistryFixture>
{
    private RemoteRegistry Client(Func<RegistryConnectionOptions, RegistryConnectionOptions>? tune = null)
    {
        var options = new RegistryConnectionOptions { BaseAddress = registry.BaseAddress, CredentialHost = registry.Host };
        return new RemoteRegistry(tune?.Invoke(options) ?? options);
    }

    private static async Task<List<string>> TagsAsync(RemoteRegistry client, string repository)
    {
        var tags = new List<string>();
        await foreach (IReadOnlyList<string> page in client.ListTagsAsync(repository)) tags.AddRange(page);
        return tags;
    }

    [RegistryFact]
    public async Task The_profiles_ca_file_makes_the_registry_trusted_end_to_end()
    {
        PushedChart pushed = await registry.Seeder.PushChartAsync("tls/ca/chart", new ChartArchiveBuilder("chart", "1.0.0"));
        using RemoteRegistry client = Client(o => o with { CaFile = registry.Certificates.CaPemPath });
        await client.PingAsync();
        Assert.Equal(["1.0.0"], await TagsAsync(client, "tls/ca/chart"));
        string directory = Directory.CreateTempSubdirectory("ocitui-tls-").FullName;
        try
        {
            PullResult result = await ChartPuller.PullAsync(client, new PullRequest("tls/ca/chart", ManifestReference.Parse("1.0.0"), directory));
            Assert.Equal(pushed.LayerDigest, result.Digest.ToString());
            Assert.Equal(pushed.Layer, await File.ReadAllBytesAsync(result.Path));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [RegistryFact]
    public async Task Without_the_ca_file_the_certificate_is_refused_with_a_clear_error()
    {
        using RemoteRegistry client = Client();
        RegistryUnreachableException error = await Assert.ThrowsAsync<RegistryUnreachableException>(() => client.PingAsync());
        Assert.Equal($"The TLS certificate of https://{registry.Host} is not trusted.", error.Message);
        Assert.Contains("caFile", error.Hint, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task A_ca_file_of_another_authority_does_not_make_it_trusted()
    {
        using var stranger = new TestCertificates();
        using RemoteRegistry client = Client(o => o with { CaFile = stranger.CaPemPath });
        RegistryUnreachableException error = await Assert.ThrowsAsync<RegistryUnreachableException>(() => client.PingAsync());
        Assert.Equal($"The TLS certificate of https://{registry.Host} is not trusted.", error.Message);
    }

    [RegistryFact]
    public async Task Skipping_verification_reaches_the_registry()
    {
        await registry.Seeder.PushChartAsync("tls/insecure/chart", new ChartArchiveBuilder("chart", "2.0.0"));
        using RemoteRegistry client = Client(o => o with { InsecureSkipTlsVerify = true });
        Assert.Equal(["2.0.0"], await TagsAsync(client, "tls/insecure/chart"));
    }
}
