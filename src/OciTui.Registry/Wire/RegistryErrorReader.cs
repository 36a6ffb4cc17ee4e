using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OciTui.Registry.Errors;
using OciTui.Registry.Text;

namespace OciTui.Registry.Wire;

/// <summary>
/// Turns an HTTP error response into a typed exception with one clean sentence. The body is read with a 64 KiB cap
/// and parsed as <c>{"errors":[{"code","message","detail"}]}</c> when it is that; anything else (HTML, <c>true</c>,
/// nothing at all for HEAD) yields a message from the status alone.
/// </summary>
/// <remarks>The error body and its codes: <see href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#error-codes">distribution-spec: error codes</see>.</remarks>
internal static class RegistryErrorReader
{
    public const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>Set on a request answered 401 when no credential exists for the registry: the host credentials are looked up for.</summary>
    internal static readonly HttpRequestOptionsKey<string> NoCredentialsFor = new("ocitui.no-credentials-for");

    public static async Task<RegistryResponseException> ReadAsync(HttpResponseMessage response, string what, string address, CancellationToken cancellationToken)
    {
        IReadOnlyList<RegistryError> errors = [];
        try
        {
            byte[] body = await BoundedContent.ReadAsync(response.Content, MaxErrorBodyBytes, "error body", cancellationToken).ConfigureAwait(false);
            errors = Parse(body);
        }
        catch (Exception e) when (e is SizeLimitExceededException or IOException or HttpRequestException)
        {
            // An error body that is too large or cut short adds nothing the status does not say.
        }
        string? anonymousFor = null;
        bool anonymous = response.StatusCode == HttpStatusCode.Unauthorized && response.RequestMessage?.Options.TryGetValue(NoCredentialsFor, out anonymousFor) == true;
        if (response.StatusCode == HttpStatusCode.Unauthorized && IsInsufficientScope(response))
        {
            if (anonymous)
            {
                // Docker Hub and others answer an anonymous pull of a private or missing repository this way: "your
                // credentials lack permission" would send the user looking for a fault in credentials they never gave.
                string host = TerminalText.Sanitize(anonymousFor!, 100);
                return new AccessDeniedException($"Access to {what} on {address} is denied without credentials (insufficient_scope).", response.StatusCode, errors)
                {
                    Hint = $"The repository may be private or may not exist. Give the profile a username and passwordEnv, or log in with helm registry login {host} or docker login {host}.",
                };
            }
            return new AccessDeniedException($"Access to {what} on {address} is denied: the token does not grant it (insufficient_scope).", response.StatusCode, errors)
            {
                Hint = "The credentials are valid but lack permission for this repository.",
            };
        }
        if (anonymous)
            return NoCredentials(address, what, anonymousFor!, response.StatusCode, errors);
        return Create(response.StatusCode, errors, what, address);
    }

    /// <summary>A 401 to a request that carried no credentials because none were found: say so, and how to give some.</summary>
    internal static AuthenticationFailedException NoCredentials(string who, string what, string credentialHost, HttpStatusCode status, IReadOnlyList<RegistryError> errors)
    {
        string host = TerminalText.Sanitize(credentialHost, 100);
        return new AuthenticationFailedException($"{who} requires credentials for {what}, and none were found for {host}.", status, errors)
        {
            Hint = $"Give the profile a username and passwordEnv, or log in with helm registry login {host} or docker login {host}.",
        };
    }

    private static bool IsInsufficientScope(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("WWW-Authenticate", out HeaderStringValues values)
        && Auth.AuthChallengeParser.Parse(values).Any(c => c.IsBearer && c.Parameter("error") == "insufficient_scope");

    public static RegistryResponseException Create(HttpStatusCode status, IReadOnlyList<RegistryError> errors, string what, string address)
    {
        string detail = errors.Count == 0
            ? ""
            : " (" + string.Join("; ", errors.Take(3).Select(e => string.Join(": ", new[] { e.Code, e.Message }.Where(s => !string.IsNullOrEmpty(s))))) + ")";
        if (detail == " ()") detail = "";
        int code = (int)status;
        return status switch
        {
            HttpStatusCode.Unauthorized => new AuthenticationFailedException(
                $"{address} refused the credentials for {what} (401 Unauthorized){detail}.", status, errors)
            { Hint = "Check the profile's username and password source, or log in with helm registry login / docker login." },
            HttpStatusCode.Forbidden => new AccessDeniedException($"Access to {what} on {address} is denied (403 Forbidden){detail}.", status, errors)
            { Hint = "The credentials are valid but lack permission for this repository." },
            HttpStatusCode.NotFound => new NotFoundException($"{Capitalize(what)} not found on {address}{detail}.", status, errors),
            HttpStatusCode.TooManyRequests => new RegistryResponseException($"{address} is rate-limiting requests (429 Too Many Requests){detail}.", status, errors)
            { Hint = "Wait a moment and retry; an authenticated profile usually gets a higher limit." },
            _ when code >= 500 => new RegistryResponseException($"{address} failed with {code} {Reason(status)} for {what}{detail}.", status, errors)
            { Hint = "The registry or a proxy in front of it is failing; retry later." },
            _ => new RegistryResponseException($"{address} answered {code} {Reason(status)} for {what}{detail}.", status, errors),
        };
    }

    public static IReadOnlyList<RegistryError> Parse(byte[] body)
    {
        if (body.Length == 0 || body[0] != (byte)'{') return [];
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("errors", out JsonElement list) || list.ValueKind != JsonValueKind.Array) return [];
            var errors = new List<RegistryError>();
            foreach (JsonElement item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object) continue;
                string? code = item.TryGetProperty("code", out JsonElement c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                string? message = item.TryGetProperty("message", out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                errors.Add(new RegistryError(
                    code is null ? null : TerminalText.Sanitize(code, 40),
                    message is null ? null : TerminalText.Sanitize(message, 200)));
                if (errors.Count == 10) break;
            }
            return errors;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Reason(HttpStatusCode status) =>
        Enum.IsDefined(status) ? System.Text.RegularExpressions.Regex.Replace(status.ToString(), "(?<=[a-z])(?=[A-Z])", " ") : "";

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
