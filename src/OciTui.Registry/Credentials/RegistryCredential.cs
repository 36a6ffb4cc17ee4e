namespace OciTui.Registry.Credentials;

/// <summary>
/// Credentials for one registry. <see cref="ToString"/> never shows a secret: only the user name and where it came
/// from, so a credential can be named in a message safely.
/// </summary>
public sealed record RegistryCredential
{
    public string? Username { get; init; }
    public string? Password { get; init; }

    /// <summary>An OAuth2 refresh token (docker config <c>identitytoken</c>, or a helper's Username <c>&lt;token&gt;</c>).</summary>
    public string? IdentityToken { get; init; }

    /// <summary>A bearer token to send as it is (docker config <c>registrytoken</c>).</summary>
    public string? RegistryToken { get; init; }

    /// <summary>Where these credentials were found, for messages: "profile 'prod'", "/root/.docker/config.json (credHelpers: ecr-login)".</summary>
    public required string Source { get; init; }

    /// <summary>The credential helper that gave them (<c>docker-credential-pass</c>), or null when they were read from a file or the profile.</summary>
    public string? Helper { get; init; }

    public bool HasBasic => !string.IsNullOrEmpty(Username) && Password is not null;

    public override string ToString() => $"{Username ?? "(token)"} from {Source}";
}

/// <summary>Finds credentials for a registry host (<c>host[:port]</c>), or null for anonymous access.</summary>
public interface ICredentialProvider
{
    Task<RegistryCredential?> GetAsync(string registryHost, CancellationToken cancellationToken = default);
}
