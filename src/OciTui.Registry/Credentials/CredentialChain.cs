namespace OciTui.Registry.Credentials;

/// <summary>Where credentials are looked up, first match wins: profile, Helm's registry config, Docker's config, anonymous.
/// (Contract stub: implemented on the auth branch.)</summary>
public sealed class CredentialChain(IReadOnlyList<ICredentialProvider> sources) : ICredentialProvider
{
    public IReadOnlyList<ICredentialProvider> Sources { get; } = sources;

    /// <summary>The standard chain for one profile (null: no profile credentials).</summary>
    public static CredentialChain Default(ProfileCredentials? profile, CredentialEnvironment environment) =>
        throw new NotImplementedException();

    public Task<RegistryCredential?> GetAsync(string registryHost, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}

/// <summary>Credentials named in a profile. The password comes from exactly one of the three sources.</summary>
public sealed record ProfileCredentials(string ProfileName, string Username, string? Password = null, string? PasswordEnv = null, string? PasswordFile = null);

/// <summary>The process environment as credential lookup sees it; tests pass their own.</summary>
public sealed record CredentialEnvironment(Func<string, string?> GetVariable, string HomeDirectory)
{
    public static CredentialEnvironment Process { get; } =
        new(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>Time allowed to a <c>docker-credential-*</c> helper before it is killed.</summary>
    public TimeSpan HelperTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
