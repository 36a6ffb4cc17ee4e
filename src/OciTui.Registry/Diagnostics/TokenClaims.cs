using System.Text;
using System.Text.Json;
using OciTui.Registry.Text;

namespace OciTui.Registry.Diagnostics;

/// <summary>
/// What a registry token says about itself when it is a JWT (the distribution token server's format): the scopes in
/// its <c>access</c> claim, its issuer and expiry. Read from the payload only, signature unchecked: the registry is the
/// one that trusts it or not, this is for a person to read
/// (<see href="https://distribution.github.io/distribution/spec/auth/jwt/">distribution: token authentication implementation</see>).
/// </summary>
public sealed record TokenClaims(IReadOnlyList<string> Access, string? Issuer, DateTimeOffset? ExpiresAt)
{
    private const int MaxPayloadChars = 64 * 1024;

    /// <summary>The claims of <paramref name="token"/>, or null when it is opaque (not three base64url parts with a JSON object in the middle).</summary>
    public static TokenClaims? Read(string token)
    {
        string[] parts = token.Split('.');
        if (parts.Length != 3 || parts[1].Length is 0 or > MaxPayloadChars) return null;
        byte[] payload;
        try
        {
            string base64 = parts[1].Replace('-', '+').Replace('_', '/');
            payload = Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='));
        }
        catch (FormatException)
        {
            return null;
        }
        try
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var access = new List<string>();
            if (root.TryGetProperty("access", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement entry in list.EnumerateArray().Take(50))
                {
                    if (entry.ValueKind != JsonValueKind.Object) continue;
                    string type = String(entry, "type") ?? "?";
                    string name = String(entry, "name") ?? "?";
                    string[] actions = entry.TryGetProperty("actions", out JsonElement a) && a.ValueKind == JsonValueKind.Array
                        ? [.. a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
                        : [];
                    if (actions.Length > 0) access.Add(TerminalText.Sanitize($"{type}:{name}:{string.Join(',', actions)}", 200));
                }
            }
            DateTimeOffset? expires = root.TryGetProperty("exp", out JsonElement exp) && exp.ValueKind == JsonValueKind.Number && exp.TryGetInt64(out long seconds)
                && seconds is > 0 and < 253_402_300_800
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
            string? issuer = String(root, "iss") is { } iss ? TerminalText.Sanitize(iss, 100) : null;
            return new TokenClaims(access, issuer, expires);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
