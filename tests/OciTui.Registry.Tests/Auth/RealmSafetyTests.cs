using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Wire;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.Auth;

/// <summary>A hostile token realm is refused before anything is sent to it (brief case 4).</summary>
public sealed class RealmSafetyTests
{
    [Fact]
    public async Task A_plain_http_realm_for_an_https_registry_gets_no_request_and_no_password()
    {
        using var certificates = new TestCertificates();
        await using FakeRegistry realm = await StartRecorderAsync();
        await using FakeRegistry fake = await StartHttpsAsync(async context =>
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{realm.BaseAddress}token\",service=\"s\"";
            await WriteAsync(context, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
        }, certificates);
        using RemoteRegistry client = fake.Client(new StaticCredentials("robot", "never-sent"), o => o with { CaFile = certificates.CaPemPath });
        RegistryProtocolException error = await Assert.ThrowsAsync<RegistryProtocolException>(() => client.AllTagsAsync("charts/chart"));
        Assert.Equal($"The registry is HTTPS but its token realm http://{realm.Server.HostAndPort} is plain HTTP; refused.", error.Message);
        Assert.Empty(realm.Requests);
        Assert.Single(fake.Requests);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/token")]
    [InlineData("http://10.0.0.7/token")]
    [InlineData("http://[fe80::1]/token")]
    public async Task A_realm_on_an_internal_address_gets_no_request(string hostileRealm)
    {
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{hostileRealm}\",service=\"s\"";
            await WriteAsync(context, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
        });
        var transport = new RecordingHandler();
        using RemoteRegistry client = Listing.ClientThrough(transport, new RegistryConnectionOptions { BaseAddress = fake.BaseAddress, CredentialHost = fake.Server.HostAndPort });
        RegistryProtocolException error = await Assert.ThrowsAsync<RegistryProtocolException>(() => client.AllTagsAsync("charts/chart"));
        Assert.Equal($"The registry's token realm points at an internal address ({new Uri(hostileRealm).Host}); refused.", error.Message);
        Assert.All(transport.Sent, r => Assert.Equal(fake.BaseAddress.Authority, r.Uri.Authority));
        Assert.Single(transport.Sent);
    }

    [Fact]
    public async Task A_token_endpoint_redirecting_to_an_internal_address_is_not_followed()
    {
        await using FakeRegistry tokens = await StartAsync(context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "http://169.254.169.254/latest/meta-data/";
            return Task.CompletedTask;
        });
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{tokens.BaseAddress}token\",service=\"s\"";
            await WriteAsync(context, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
        });
        var transport = new RecordingHandler();
        using RemoteRegistry client = Listing.ClientThrough(transport, new RegistryConnectionOptions { BaseAddress = fake.BaseAddress, CredentialHost = fake.Server.HostAndPort });
        RegistryProtocolException error = await Assert.ThrowsAsync<RegistryProtocolException>(() => client.AllTagsAsync("charts/chart"));
        Assert.Equal("The registry's token realm points at an internal address (169.254.169.254); refused.", error.Message);
        Assert.DoesNotContain(transport.Sent, r => r.Uri.Host == "169.254.169.254");
    }
}
