using System.Text;
using System.Text.Json;
using OciTui.Registry.Errors;
using OciTui.Registry.Text;

namespace OciTui.Registry.Credentials;

/// <summary>
/// A Docker <c>config.json</c> (also Helm's registry config, same format): <c>credHelpers[host]</c>, then
/// <c>credsStore</c>, then <c>auths</c>. Keys may be <c>host</c>, <c>https://host/</c> or <c>https://host/v1/</c>;
/// they are compared by host and port. No decoded secret ever appears in an error.
/// </summary>
public sealed class DockerConfigFile(string path, CredentialEnvironment environment) : ICredentialProvider
{
    private const string DockerHubKey = "https://index.docker.io/v1/";
    private const long MaxConfigBytes = 4 * 1024 * 1024;

    public string Path { get; } = path;

    public async Task<RegistryCredential?> GetAsync(string registryHost, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path)) return null;
        byte[] bytes;
        try
        {
            if (new FileInfo(Path).Length > MaxConfigBytes) throw new CredentialException($"{Path} is too large to be a credentials file.");
            bytes = await File.ReadAllBytesAsync(Path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CredentialException($"Cannot read {Path} ({FileProblem.Describe(e, Path)}).", e);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new CredentialException($"{Path} is not valid JSON (line {(e.LineNumber ?? 0) + 1}).");
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new CredentialException($"{Path} does not hold a JSON object.");
            string host = NormalizeHost(registryHost);

            if (Property(root, "credHelpers", JsonValueKind.Object) is { } helpers)
            {
                foreach (JsonProperty helper in helpers.EnumerateObject())
                {
                    if (NormalizeHost(helper.Name) != host) continue;
                    string name = helper.Value.ValueKind == JsonValueKind.String ? helper.Value.GetString()! : throw WrongType("credHelpers", helper.Name);
                    return await new CredentialHelperClient(name, environment).GetAsync(ServerUrl(helper.Name, host), $"{Path} (credHelpers: {name})", cancellationToken).ConfigureAwait(false);
                }
            }
            if (Property(root, "credsStore", JsonValueKind.String) is { } store && store.GetString() is { Length: > 0 } storeName)
            {
                RegistryCredential? stored = await new CredentialHelperClient(storeName, environment)
                    .GetAsync(ServerUrl(null, host), $"{Path} (credsStore: {storeName})", cancellationToken).ConfigureAwait(false);
                if (stored is not null) return stored;
            }
            if (Property(root, "auths", JsonValueKind.Object) is { } auths)
            {
                foreach (JsonProperty entry in auths.EnumerateObject())
                {
                    if (NormalizeHost(entry.Name) != host) continue;
                    if (entry.Value.ValueKind != JsonValueKind.Object) throw WrongType("auths", entry.Name);
                    RegistryCredential? found = FromAuthEntry(entry.Name, entry.Value);
                    if (found is not null) return found;
                }
            }
        }
        return null;
    }

    private RegistryCredential? FromAuthEntry(string key, JsonElement entry)
    {
        string safeKey = TerminalText.Sanitize(key, 100);
        string? identityToken = StringField(entry, "identitytoken", key);
        string? registryToken = StringField(entry, "registrytoken", key);
        string? username = StringField(entry, "username", key);
        string? password = StringField(entry, "password", key);
        if (StringField(entry, "auth", key) is { Length: > 0 } auth)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            }
            catch (FormatException)
            {
                throw new CredentialException($"{Path}: the \"auth\" of '{safeKey}' is not valid base64.");
            }
            int colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0) throw new CredentialException($"{Path}: the \"auth\" of '{safeKey}' is not of the form user:password.");
            username = decoded[..colon];
            password = decoded[(colon + 1)..];
        }
        if (username is null && identityToken is null && registryToken is null) return null;
        return new RegistryCredential
        {
            Username = username,
            Password = password,
            IdentityToken = identityToken,
            RegistryToken = registryToken,
            Source = Path,
        };
    }

    private string? StringField(JsonElement entry, string name, string key) =>
        !entry.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw WrongType($"auths.{TerminalText.Sanitize(key, 100)}", name);

    private JsonElement? Property(JsonElement root, string name, JsonValueKind kind)
    {
        if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != kind) throw WrongType(name, null);
        return value;
    }

    private CredentialException WrongType(string field, string? key) =>
        new($"{Path}: \"{field}\"{(key is null ? "" : $" entry '{TerminalText.Sanitize(key, 100)}'")} has the wrong type.");

    /// <summary>The server URL handed to a helper: the config key as written, else the host (Docker Hub's legacy key for docker.io).</summary>
    private static string ServerUrl(string? key, string host) =>
        key ?? (host == "docker.io" ? DockerHubKey : host);

    /// <summary><c>https://host:port/v1/</c> and <c>host:port</c> alike become <c>host:port</c>; Docker Hub's names become <c>docker.io</c>.</summary>
    public static string NormalizeHost(string key)
    {
        string host = key.Trim();
        int scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) host = host[(scheme + 3)..];
        int slash = host.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0) host = host[..slash];
        host = host.ToLowerInvariant();
        return host is "index.docker.io" or "registry-1.docker.io" or "docker.io" ? "docker.io" : host;
    }
}
