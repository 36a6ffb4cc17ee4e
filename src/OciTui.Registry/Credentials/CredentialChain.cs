namespace OciTui.Registry.Credentials;

/// <summary>Where credentials are looked up, first match wins: profile, Helm's registry config, Docker's config, anonymous.</summary>
public sealed class CredentialChain(IReadOnlyList<ICredentialProvider> sources) : ICredentialProvider
{
    public IReadOnlyList<ICredentialProvider> Sources { get; } = sources;

    /// <summary>The standard chain for one profile (null: no profile credentials).</summary>
    public static CredentialChain Default(ProfileCredentials? profile, CredentialEnvironment environment)
    {
        var sources = new List<ICredentialProvider>();
        if (profile is not null) sources.Add(new ProfileCredentialSource(profile, environment));
        sources.Add(new DockerConfigFile(CredentialFileLocator.HelmRegistryConfig(environment), environment));
        sources.Add(new DockerConfigFile(CredentialFileLocator.DockerConfig(environment), environment));
        return new CredentialChain(sources);
    }

    public async Task<RegistryCredential?> GetAsync(string registryHost, CancellationToken cancellationToken = default)
    {
        foreach (ICredentialProvider source in Sources)
        {
            if (await source.GetAsync(registryHost, cancellationToken).ConfigureAwait(false) is { } credential) return credential;
        }
        return null;
    }
}

/// <summary>Credentials named in a profile. The password comes from exactly one of the three sources.</summary>
public sealed record ProfileCredentials(string ProfileName, string Username, string? Password = null, string? PasswordEnv = null, string? PasswordFile = null)
{
    public override string ToString() => $"{Username} from profile '{ProfileName}'";
}

/// <summary>The process environment as credential lookup sees it; tests pass their own.</summary>
public sealed record CredentialEnvironment(Func<string, string?> GetVariable, string HomeDirectory)
{
    public static CredentialEnvironment Process { get; } =
        new(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>Time allowed to a <c>docker-credential-*</c> helper before it is killed.</summary>
    public TimeSpan HelperTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
