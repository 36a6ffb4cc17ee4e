using System.Net;
using System.Net.Http.Headers;
using OciTui.Registry.Auth;
using OciTui.Registry.Errors;
using OciTui.Registry.Text;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Http;

/// <summary>
/// Sends one logical request to a registry: attaches Authorization (same origin only), answers a 401 through the
/// authenticator once, follows redirects by hand (at most 10 hops, http(s) only, never https to http, no loops),
/// retries 429/502/503/504 with backoff honouring Retry-After, and turns transport failures into one clean sentence.
/// </summary>
/// <param name="sharesWarningsWith">Another sender to the same registry whose warnings this one shares, so each is shown once.</param>
internal sealed class RegistryRequestSender(HttpClient http, IRegistryAuthenticator authenticator, RegistryConnectionOptions options,
    RegistryRequestSender? sharesWarningsWith = null)
{
    public const int MaxRedirects = 10;
    private static readonly HttpStatusCode[] RetriedStatuses =
        [HttpStatusCode.TooManyRequests, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout];

    private readonly Origin _registryOrigin = Origin.Of(options.BaseAddress);
    private readonly HashSet<string> _warningsSeen = sharesWarningsWith?._warningsSeen ?? new(StringComparer.Ordinal);
    private readonly Lock _warningsLock = sharesWarningsWith?._warningsLock ?? new();

    public string Address { get; } = options.BaseAddress.GetLeftPart(UriPartial.Authority);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, IReadOnlyList<string> scopes,
        Action<HttpRequestMessage>? configure, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            HttpResponseMessage response = await SendAuthenticatedAsync(method, uri, scopes, configure, cancellationToken).ConfigureAwait(false);
            if (!RetriedStatuses.Contains(response.StatusCode) || attempt >= options.MaxRetries) return response;
            TimeSpan delay = RetryDelay(response, attempt);
            if (delay > options.MaxRetryDelay) return response;
            response.Dispose();
            await Task.Delay(delay, options.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan RetryDelay(HttpResponseMessage response, int attempt)
    {
        RetryConditionHeaderValue? retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is TimeSpan delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (retryAfter?.Date is DateTimeOffset date)
        {
            TimeSpan until = date - options.Time.GetUtcNow();
            return until < TimeSpan.Zero ? TimeSpan.Zero : until;
        }
        double backoff = Math.Min(8, 0.5 * Math.Pow(2, attempt));
        return TimeSpan.FromSeconds(backoff * (0.75 + Random.Shared.NextDouble() * 0.5));
    }

    private async Task<HttpResponseMessage> SendAuthenticatedAsync(HttpMethod method, Uri uri, IReadOnlyList<string> scopes,
        Action<HttpRequestMessage>? configure, CancellationToken cancellationToken)
    {
        AuthenticationHeaderValue? authorization = await authenticator.GetCachedAsync(scopes, cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response = await SendFollowingRedirectsAsync(method, uri, authorization, configure, cancellationToken).ConfigureAwait(false);
        for (int round = 0; round < 2 && response.StatusCode == HttpStatusCode.Unauthorized && IsRegistryOrigin(response); round++)
        {
            AuthenticationHeaderValue? next = await authenticator.AuthenticateAsync(response, scopes, authorization, cancellationToken).ConfigureAwait(false);
            if (next is null) break;
            response.Dispose();
            authorization = next;
            response = await SendFollowingRedirectsAsync(method, uri, authorization, configure, cancellationToken).ConfigureAwait(false);
        }
        if (response.StatusCode == HttpStatusCode.Unauthorized && IsRegistryOrigin(response)
            && !await authenticator.HasCredentialAsync(cancellationToken).ConfigureAwait(false))
        {
            // The error reader words this 401 as "requires credentials", not "refused the credentials": none were sent.
            response.RequestMessage!.Options.Set(RegistryErrorReader.NoCredentialsFor, options.CredentialHost);
        }
        return response;
    }

    private bool IsRegistryOrigin(HttpResponseMessage response) =>
        response.RequestMessage?.RequestUri is { } answered && Origin.Of(answered) == _registryOrigin;

    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(HttpMethod method, Uri uri, AuthenticationHeaderValue? authorization,
        Action<HttpRequestMessage>? configure, CancellationToken cancellationToken)
    {
        Uri current = uri;
        var visited = new HashSet<string>(StringComparer.Ordinal) { current.AbsoluteUri };
        for (int hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(method, current);
            configure?.Invoke(request);
            if (authorization is not null && Origin.Of(current) == _registryOrigin) request.Headers.Authorization = authorization;
            HttpResponseMessage response = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
            NoteWarnings(response);
            if (!IsRedirect(response.StatusCode)) return response;

            Uri? location = response.Headers.Location;
            response.Dispose();
            if (location is null) throw new RegistryProtocolException($"{Address} sent a redirect without a Location.");
            Uri next = location.IsAbsoluteUri ? location : new Uri(current, location);
            if (next.Scheme is not ("http" or "https"))
                throw new RegistryProtocolException($"{Address} redirected to a non-HTTP address ({TerminalText.Sanitize(next.Scheme, 16)}:); refused.");
            if (current.Scheme == "https" && next.Scheme == "http")
                throw new RegistryProtocolException($"{Address} redirected from HTTPS to plain HTTP ({TerminalText.Sanitize(next.GetLeftPart(UriPartial.Authority), 100)}); refused.");
            if (hop + 1 >= MaxRedirects)
                throw new RegistryProtocolException($"{Address} redirected more than {MaxRedirects} times; stopped.");
            if (!visited.Add(next.AbsoluteUri))
                throw new RegistryProtocolException($"{Address} redirected in a loop; stopped.");
            if (response.StatusCode == HttpStatusCode.SeeOther) method = HttpMethod.Get;
            current = next;
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string target = request.RequestUri!.GetLeftPart(UriPartial.Authority);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RegistryUnreachableException($"{target} did not answer within {options.RequestTimeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException e)
        {
            throw TransportFailure.Unreachable(target, e);
        }
    }

    private void NoteWarnings(HttpResponseMessage response)
    {
        if (options.OnWarning is null || !response.Headers.NonValidated.TryGetValues("Warning", out HeaderStringValues values)) return;
        foreach (string raw in values)
        {
            string text = WarningText(raw);
            if (text.Length == 0) continue;
            lock (_warningsLock)
            {
                if (!_warningsSeen.Add(text)) continue;
            }
            options.OnWarning(text);
        }
    }

    /// <summary><c>299 - "text"</c> gives <c>text</c>, sanitised.</summary>
    private static string WarningText(string raw)
    {
        int firstQuote = raw.IndexOf('"', StringComparison.Ordinal);
        int lastQuote = raw.LastIndexOf('"');
        string text = firstQuote >= 0 && lastQuote > firstQuote ? raw[(firstQuote + 1)..lastQuote] : raw;
        return TerminalText.Sanitize(text, 200);
    }
}
