using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OciTui.Registry.Credentials;
using OciTui.Registry.Errors;
using OciTui.Registry.Text;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Auth;

/// <summary>
/// Anonymous, Basic and Bearer-token auth for one registry. Learns the scheme from the registry's 401 challenges,
/// fetches tokens (anonymous, with Basic credentials, or with an identity token), caches them per scope and shares
/// concurrent fetches. Never sends Basic credentials over plain HTTP except to loopback or where the profile opts in.
/// Disposing it stops a credential lookup or token fetch still running (a credential helper is killed, a token
/// request's connection closed): both are shared by every request, so they run under this object's lifetime, never
/// under one caller's cancellation.
/// </summary>
/// <remarks>
/// The token flow: <see href="https://distribution.github.io/distribution/spec/auth/token/">distribution: token authentication</see>
/// (challenge, token request with service and scope, Bearer retry); identity tokens as refresh tokens:
/// <see href="https://distribution.github.io/distribution/spec/auth/oauth/">distribution: OAuth2 token</see>.
/// </remarks>
internal sealed class RegistryAuthenticator : IRegistryAuthenticator, IDisposable
{
    private const int MaxTokenRedirects = 5;
    private readonly HttpClient _http;
    private readonly RegistryConnectionOptions _options;
    private readonly TokenCache _tokens;
    private readonly Lazy<Task<RegistryCredential?>> _credential;
    private readonly CancellationTokenSource _lifetime = new();
    private int _disposed;
    private readonly string _origin;
    private volatile AuthChallenge? _bearerChallenge;
    private volatile bool _basicRequired;

    /// <param name="http">Client for token requests: same TLS settings as the registry, no automatic redirects.</param>
    /// <param name="options">The registry's base address, credentials and plain-HTTP policy.</param>
    public RegistryAuthenticator(HttpClient http, RegistryConnectionOptions options)
    {
        _http = http;
        _options = options;
        // Taken now: the source's Token property throws once it is disposed, the token itself stays cancelled.
        CancellationToken lifetime = _lifetime.Token;
        _tokens = new TokenCache(options.Time, lifetime);
        _origin = Origin.Of(options.BaseAddress).ToString();
        // One lookup shared by every request, so no single caller's token may cancel it: it lives as long as this object.
        _credential = new Lazy<Task<RegistryCredential?>>(() =>
            options.Credentials?.GetAsync(options.CredentialHost, lifetime) ?? Task.FromResult<RegistryCredential?>(null));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    public async ValueTask<AuthenticationHeaderValue?> GetCachedAsync(IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        if (_bearerChallenge is { } bearer)
        {
            RegistryCredential? credential = await _credential.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (credential?.RegistryToken is { } registryToken) return new AuthenticationHeaderValue("Bearer", registryToken);
            IReadOnlyList<string> all = Scopes.Merge(scopes, []);
            BearerToken? token = _tokens.TryGet(CacheKey(bearer, all, credential));
            return token is null ? null : new AuthenticationHeaderValue("Bearer", token.Value);
        }
        if (_basicRequired && await _credential.Value.WaitAsync(cancellationToken).ConfigureAwait(false) is { HasBasic: true } basic)
            return BasicHeader(basic);
        return null;
    }

    public async Task<bool> HasCredentialAsync(CancellationToken cancellationToken) =>
        await _credential.Value.WaitAsync(cancellationToken).ConfigureAwait(false) is not null;

    public async Task<AuthenticationHeaderValue?> AuthenticateAsync(HttpResponseMessage unauthorized, IReadOnlyList<string> scopes,
        AuthenticationHeaderValue? rejected, CancellationToken cancellationToken)
    {
        IReadOnlyList<AuthChallenge> challenges = unauthorized.Headers.NonValidated.TryGetValues("WWW-Authenticate", out HeaderStringValues values)
            ? AuthChallengeParser.Parse(values)
            : [];
        RegistryCredential? credential = await _credential.Value.WaitAsync(cancellationToken).ConfigureAwait(false);

        if (challenges.FirstOrDefault(c => c.IsBearer) is { } bearer)
        {
            if (credential?.RegistryToken is { } registryToken)
            {
                if (rejected?.Parameter == registryToken) return null;
                _bearerChallenge = bearer;
                return new AuthenticationHeaderValue("Bearer", registryToken);
            }
            Uri realm = RealmPolicy.Check(bearer.Parameter("realm"), _options.BaseAddress);
            IReadOnlyList<string> all = Scopes.Merge(scopes, bearer.Scopes);
            string key = CacheKey(bearer, all, credential);
            if (rejected is { Scheme: "Bearer", Parameter: { } refused })
            {
                if (IsFinalRefusal(bearer) && _tokens.TryGet(key)?.Value != refused) return null;
                _tokens.Invalidate(key, refused);
            }
            BearerToken token = await _tokens.GetOrFetchAsync(key,
                ct => FetchTokenAsync(realm, bearer.Parameter("service"), all, credential, ct), cancellationToken).ConfigureAwait(false);
            if (rejected?.Parameter == token.Value) return null;
            _bearerChallenge = bearer;
            return new AuthenticationHeaderValue("Bearer", token.Value);
        }

        if (challenges.Any(c => c.IsBasic))
        {
            if (credential is not { HasBasic: true } || rejected?.Scheme == "Basic") return null;
            RequireSafeForBasic(_options.BaseAddress);
            _basicRequired = true;
            return BasicHeader(credential);
        }
        return null;
    }

    /// <summary>A token rejected as not covering the scope, or invalid, is final once a fresh one was tried.</summary>
    private static bool IsFinalRefusal(AuthChallenge challenge) =>
        challenge.Parameter("error") is "insufficient_scope" or "invalid_token";

    private string CacheKey(AuthChallenge bearer, IReadOnlyList<string> scopes, RegistryCredential? credential) =>
        TokenCache.Key(_origin, bearer.Parameter("realm") ?? "", bearer.Parameter("service"), scopes,
            credential is null ? "anonymous" : $"{credential.Username ?? "(token)"}@{credential.Source}");

    private void RequireSafeForBasic(Uri target) => RequireSafeForBasic(target, _options);

    /// <summary>Basic credentials go over HTTPS, to loopback, or where the profile opts in (allowBasicOverHttp); never elsewhere.</summary>
    internal static void RequireSafeForBasic(Uri target, RegistryConnectionOptions options)
    {
        if (target.Scheme == "https" || Origin.IsLoopback(target) || options.AllowBasicOverPlainHttp) return;
        throw new AuthenticationFailedException(
            $"Refusing to send the password for {options.CredentialHost} over plain HTTP to {target.GetLeftPart(UriPartial.Authority)}.",
            HttpStatusCode.Unauthorized, [])
        {
            Hint = "Use HTTPS, or set \"allowBasicOverHttp\": true in the profile if this network is trusted.",
        };
    }

    /// <summary>The credential lookup every request shares (a credential helper runs once per registry).</summary>
    internal Task<RegistryCredential?> CredentialAsync(CancellationToken cancellationToken) => _credential.Value.WaitAsync(cancellationToken);

    internal static AuthenticationHeaderValue BasicHeader(RegistryCredential credential) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Password}")));

    private async Task<BearerToken> FetchTokenAsync(Uri realm, string? service, IReadOnlyList<string> scopes, RegistryCredential? credential,
        CancellationToken cancellationToken)
    {
        if (credential?.IdentityToken is { } identityToken)
        {
            BearerToken? viaPost = await PostRefreshTokenAsync(realm, service, scopes, identityToken, cancellationToken).ConfigureAwait(false);
            if (viaPost is not null) return viaPost;
        }
        var query = new StringBuilder();
        if (service is not null) query.Append("service=").Append(Uri.EscapeDataString(service));
        foreach (string scope in scopes) query.Append(query.Length > 0 ? "&" : "").Append("scope=").Append(Uri.EscapeDataString(scope));
        var builder = new UriBuilder(realm);
        string existing = builder.Query.TrimStart('?');
        builder.Query = existing.Length == 0 ? query.ToString() : $"{existing}&{query}";
        AuthenticationHeaderValue? basic = credential is { HasBasic: true } ? BasicHeader(credential) : null;
        using HttpResponseMessage response = await SendTokenRequestAsync(HttpMethod.Get, builder.Uri, basic, null, cancellationToken).ConfigureAwait(false);
        return await ReadTokenAsync(response, credential is not null, cancellationToken).ConfigureAwait(false);
    }

    private async Task<BearerToken?> PostRefreshTokenAsync(Uri realm, string? service, IReadOnlyList<string> scopes, string identityToken, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = identityToken,
            ["client_id"] = "ocitui",
            ["scope"] = string.Join(' ', scopes),
        };
        if (service is not null) form["service"] = service;
        using HttpResponseMessage response = await SendTokenRequestAsync(HttpMethod.Post, realm, null, form, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest)
            return null;
        return await ReadTokenAsync(response, withCredential: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendTokenRequestAsync(HttpMethod method, Uri uri, AuthenticationHeaderValue? basic,
        Dictionary<string, string>? form, CancellationToken cancellationToken)
    {
        Origin realmOrigin = Origin.Of(uri);
        if (basic is not null) RequireSafeForBasic(uri);
        Uri current = uri;
        for (int hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(method, current);
            if (basic is not null && Origin.Of(current) == realmOrigin) request.Headers.Authorization = basic;
            if (form is not null) request.Content = new FormUrlEncodedContent(form);
            HttpResponseMessage response;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.RequestTimeout);
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new RegistryUnreachableException($"The token server {current.GetLeftPart(UriPartial.Authority)} did not answer within {_options.RequestTimeout.TotalSeconds:0} s.");
                }
                catch (HttpRequestException e)
                {
                    throw TransportFailure.Unreachable(current.GetLeftPart(UriPartial.Authority), e);
                }
            }
            if ((int)response.StatusCode is < 300 or >= 400 || response.Headers.Location is null) return response;
            Uri next = response.Headers.Location.IsAbsoluteUri ? response.Headers.Location : new Uri(current, response.Headers.Location);
            response.Dispose();
            if (hop + 1 >= MaxTokenRedirects) throw new RegistryProtocolException("The token server redirected too many times; stopped.");
            if (next.Scheme is not ("http" or "https")) throw new RegistryProtocolException("The token server redirected to a non-HTTP address; refused.");
            RealmPolicy.Check(next, _options.BaseAddress);
            current = next;
        }
    }

    private async Task<BearerToken> ReadTokenAsync(HttpResponseMessage response, bool withCredential, CancellationToken cancellationToken)
    {
        string server = response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Authority) ?? "the token server";
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            RegistryResponseException error = await RegistryErrorReader.ReadAsync(response, "a token", server, cancellationToken).ConfigureAwait(false);
            if (!withCredential && response.StatusCode == HttpStatusCode.Unauthorized)
                throw RegistryErrorReader.NoCredentials($"The token server {TerminalText.Sanitize(server, 100)}", "a token", _options.CredentialHost, response.StatusCode, error.Errors);
            throw new AuthenticationFailedException($"The token server {TerminalText.Sanitize(server, 100)} refused the credentials for {_options.CredentialHost} ({(int)response.StatusCode}).",
                response.StatusCode, error.Errors)
            {
                Hint = "Check the profile's username and password source, or log in with helm registry login / docker login.",
            };
        }
        if (!response.IsSuccessStatusCode)
            throw await RegistryErrorReader.ReadAsync(response, "a token", server, cancellationToken).ConfigureAwait(false);
        byte[] body = await BoundedContent.ReadAsync(response.Content, BearerToken.MaxResponseBytes, "token response", cancellationToken).ConfigureAwait(false);
        return BearerToken.Parse(body, _options.Time.GetUtcNow());
    }
}
