using System.Net.Http.Headers;

namespace OciTui.Registry.Auth;

/// <summary>
/// Supplies the Authorization header for requests to one registry origin. The HTTP client calls
/// <see cref="GetCachedAsync"/> before a request and <see cref="AuthenticateAsync"/> when the registry answers 401;
/// it never follows a redirect to another origin with the header attached.
/// </summary>
internal interface IRegistryAuthenticator
{
    /// <summary>A still-valid header for these scopes (cached token, or Basic once the registry asked for it), or null.</summary>
    ValueTask<AuthenticationHeaderValue?> GetCachedAsync(IReadOnlyList<string> scopes, CancellationToken cancellationToken);

    /// <summary>
    /// Answers a 401: parses the challenges of <paramref name="unauthorized"/>, fetches a token or chooses Basic, caches it.
    /// <paramref name="rejected"/> is the header the registry just refused (invalidated, never retried twice).
    /// Returns null when nothing more can be tried; throws <see cref="Errors.OciTuiException"/> for a hostile or broken auth server.
    /// </summary>
    Task<AuthenticationHeaderValue?> AuthenticateAsync(HttpResponseMessage unauthorized, IReadOnlyList<string> scopes,
        AuthenticationHeaderValue? rejected, CancellationToken cancellationToken);

    /// <summary>
    /// Whether any credential was found for the registry. A final 401 without one means the registry wants credentials
    /// the user has not given, not that it refused the ones sent.
    /// </summary>
    Task<bool> HasCredentialAsync(CancellationToken cancellationToken);
}
