using System.Net.Http.Headers;
using OciTui.Registry.Auth;
using OciTui.Registry.Credentials;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Catalogs;

/// <summary>
/// Authorization for a listing API that never challenges: Harbor's API sends no <c>WWW-Authenticate</c> and treats a
/// request without credentials (or with a wrong password) as anonymous, so the profile's username and password go up
/// front as Basic, under the same plain-HTTP rule as the registry's (robot accounts <c>robot$name</c> work the same).
/// A 401 is never answered: there is nothing else to try.
/// </summary>
/// <remarks>Harbor's API declares Basic security: https://github.com/goharbor/harbor/blob/main/api/v2.0/swagger.yaml (securityDefinitions).</remarks>
internal sealed class UpfrontBasicAuthenticator(Func<CancellationToken, Task<RegistryCredential?>> credential, RegistryConnectionOptions options)
    : IRegistryAuthenticator
{
    public async ValueTask<AuthenticationHeaderValue?> GetCachedAsync(IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        if (await credential(cancellationToken).ConfigureAwait(false) is not { HasBasic: true } basic) return null;
        RegistryAuthenticator.RequireSafeForBasic(options.BaseAddress, options);
        return RegistryAuthenticator.BasicHeader(basic);
    }

    public Task<AuthenticationHeaderValue?> AuthenticateAsync(HttpResponseMessage unauthorized, IReadOnlyList<string> scopes,
        AuthenticationHeaderValue? rejected, CancellationToken cancellationToken) => Task.FromResult<AuthenticationHeaderValue?>(null);

    public async Task<bool> HasCredentialAsync(CancellationToken cancellationToken) =>
        await credential(cancellationToken).ConfigureAwait(false) is { HasBasic: true };
}
