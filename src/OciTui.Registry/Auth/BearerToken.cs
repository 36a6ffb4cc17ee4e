using System.Text.Json;
using OciTui.Registry.Errors;

namespace OciTui.Registry.Auth;

/// <summary>
/// A token from a token endpoint and when it stops being usable: <c>token</c> or <c>access_token</c>, <c>expires_in</c>
/// defaulting to 60 s (<see href="https://distribution.github.io/distribution/spec/auth/token/#token-response-fields">distribution:
/// token response fields</see>).
/// </summary>
internal sealed record BearerToken(string Value, DateTimeOffset ExpiresAt)
{
    public const int MaxResponseBytes = 128 * 1024;
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

    /// <summary>Renew this long before expiry so a token never dies mid-request.</summary>
    public static readonly TimeSpan RenewMargin = TimeSpan.FromSeconds(10);

    public bool IsFresh(DateTimeOffset now) => now < ExpiresAt - RenewMargin;

    public override string ToString() => $"bearer token (expires {ExpiresAt:u})";

    /// <summary>Reads <c>access_token</c> (preferred) or <c>token</c>, <c>expires_in</c> (default 60 s) and <c>issued_at</c>.</summary>
    public static BearerToken Parse(byte[] body, DateTimeOffset now)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new RegistryProtocolException("The token server's answer is not a JSON object.");
            string? token = String(root, "access_token") ?? String(root, "token");
            if (string.IsNullOrEmpty(token)) throw new RegistryProtocolException("The token server answered with an empty token.");
            TimeSpan lifetime = root.TryGetProperty("expires_in", out JsonElement e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long seconds) && seconds > 0
                ? TimeSpan.FromSeconds(Math.Min(seconds, 86_400))
                : DefaultLifetime;
            DateTimeOffset issued = String(root, "issued_at") is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed) && parsed <= now
                ? parsed
                : now;
            return new BearerToken(token, issued + lifetime);
        }
        catch (JsonException e)
        {
            throw new RegistryProtocolException("The token server's answer is not valid JSON.", e);
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
