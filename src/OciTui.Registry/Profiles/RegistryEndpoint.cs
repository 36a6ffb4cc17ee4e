using OciTui.Registry.Errors;
using OciTui.Registry.References;
using OciTui.Registry.Text;

namespace OciTui.Registry.Profiles;

/// <summary>
/// Turns a profile's <c>registry</c> value (<c>host[:port]</c>, or a URL with an optional path prefix) into the base
/// address of the API: https unless the profile says plainHttp or gives an http:// URL; Docker Hub goes to its API host.
/// </summary>
public static class RegistryEndpoint
{
    public static Uri BaseAddressOf(Profile profile) => BaseAddress(profile.Registry ?? "", profile.UsesPlainHttp);

    /// <summary>An <c>http://</c> address means plain HTTP, as the flag does.</summary>
    public static bool IsPlainHttp(string? registry, bool plainHttp) =>
        plainHttp || (registry is not null && registry.TrimStart().StartsWith("http://", StringComparison.OrdinalIgnoreCase));

    /// <summary>An <c>https://</c> address with plain HTTP asked for: the two cannot both hold, and guessing would pick the wrong one half the time.</summary>
    public static bool Contradicts(string? registry, bool plainHttp) =>
        plainHttp && registry is not null && registry.TrimStart().StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    public static Uri BaseAddress(string registry, bool plainHttp)
    {
        string text = registry.Trim();
        if (Contradicts(registry, plainHttp))
            throw new InvalidInputException($"'{TerminalText.Sanitize(registry, 120)}' is an https:// address, but plain HTTP was asked for.")
            {
                Hint = "Give an http:// address for plain HTTP, or drop plainHttp (--plain-http).",
            };
        if (!text.Contains("://", StringComparison.Ordinal)) text = (plainHttp ? "http://" : "https://") + text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
            throw new InvalidInputException($"'{TerminalText.Sanitize(registry, 120)}' is not a registry address (host[:port] or https://host[/prefix]).");
        string host = uri.Host.ToLowerInvariant();
        if (host is Reference.DockerHub or "index.docker.io") uri = new UriBuilder(uri) { Host = Reference.DockerHubApiHost }.Uri;
        return uri;
    }

    /// <summary>Whether the profile's registry is Docker Hub (<c>docker.io</c>, <c>index.docker.io</c> or <c>registry-1.docker.io</c>).</summary>
    public static bool IsDockerHub(Profile profile) =>
        profile.Kind == ProfileKind.Registry && CredentialHost(BaseAddressOf(profile)) == Reference.DockerHub;

    /// <summary><c>host[:port]</c> as credentials are keyed; Docker Hub is <c>docker.io</c>.</summary>
    public static string CredentialHost(Uri baseAddress)
    {
        string host = baseAddress.IsDefaultPort ? baseAddress.Host : $"{baseAddress.Host}:{baseAddress.Port}";
        return host.ToLowerInvariant() is Reference.DockerHubApiHost or "index.docker.io" ? Reference.DockerHub : host.ToLowerInvariant();
    }

    /// <summary>The registry host as a reference names it (<c>host[:port]</c>), for matching REFs to profiles.</summary>
    public static string ReferenceHost(Uri baseAddress) =>
        CredentialHost(baseAddress) is var host && host == Reference.DockerHub ? Reference.DockerHub : host;
}
