using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Tests.Integration;

/// <summary>
/// The real docker-registry serving plain HTTP, addressed with https: the TLS handshake fails before any certificate
/// is seen, so the error says the handshake failed and points at plainHttp, not at an untrusted certificate.
/// </summary>
public sealed class PlainHttpRegistryOverTlsTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>
{
    private RemoteRegistry Client(Func<RegistryConnectionOptions, RegistryConnectionOptions>? tune = null)
    {
        var options = new RegistryConnectionOptions { BaseAddress = new Uri($"https://{registry.Host}/"), CredentialHost = registry.Host };
        return new RemoteRegistry(tune?.Invoke(options) ?? options);
    }

    [RegistryFact]
    public async Task The_handshake_is_said_to_fail_with_a_hint_about_plain_http()
    {
        using RemoteRegistry client = Client();
        RegistryUnreachableException error = await Assert.ThrowsAsync<RegistryUnreachableException>(() => client.PingAsync());
        Assert.Equal($"The TLS handshake with https://{registry.Host} failed.", error.Message);
        Assert.Equal("If the registry serves plain HTTP, set plainHttp in the profile or give an http:// address.", error.Hint);
        Assert.Equal(HintTopic.PlainHttp, error.HintTopic);
    }

    [RegistryFact]
    public async Task Skipping_certificate_verification_does_not_turn_it_into_a_certificate_problem()
    {
        using RemoteRegistry client = Client(o => o with { InsecureSkipTlsVerify = true });
        RegistryUnreachableException error = await Assert.ThrowsAsync<RegistryUnreachableException>(() => client.PingAsync());
        Assert.Equal($"The TLS handshake with https://{registry.Host} failed.", error.Message);
    }
}
