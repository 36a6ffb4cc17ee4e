using System.Net.Http.Headers;
using OciTui.Registry.Http;

namespace OciTui.Registry.Auth;

/// <summary>Anonymous, Basic and Bearer-token auth for one registry. (Contract stub: implemented on the auth branch.)</summary>
public sealed class RegistryAuthenticator : IRegistryAuthenticator
{
    /// <param name="http">Client for token requests: same TLS settings as the registry, no automatic redirects.</param>
    /// <param name="options">The registry's base address, credentials and plain-HTTP policy.</param>
    public RegistryAuthenticator(HttpClient http, RegistryConnectionOptions options)
    {
        _ = http;
        _ = options;
    }

    public ValueTask<AuthenticationHeaderValue?> GetCachedAsync(IReadOnlyList<string> scopes, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public Task<AuthenticationHeaderValue?> AuthenticateAsync(HttpResponseMessage unauthorized, IReadOnlyList<string> scopes,
        AuthenticationHeaderValue? rejected, CancellationToken cancellationToken) => throw new NotImplementedException();
}
