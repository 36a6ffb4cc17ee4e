namespace OciTui.Registry.Credentials;

/// <summary>Where Helm and Docker keep registry credentials, as they look for them on Linux.</summary>
public static class CredentialFileLocator
{
    /// <summary><c>$HELM_REGISTRY_CONFIG</c>, else <c>$HELM_CONFIG_HOME/registry/config.json</c>, else <c>$XDG_CONFIG_HOME/helm/registry/config.json</c>, else <c>~/.config/helm/registry/config.json</c>.</summary>
    public static string HelmRegistryConfig(CredentialEnvironment environment)
    {
        if (NonEmpty(environment.GetVariable("HELM_REGISTRY_CONFIG")) is { } file) return file;
        if (NonEmpty(environment.GetVariable("HELM_CONFIG_HOME")) is { } helmHome) return Path.Combine(helmHome, "registry", "config.json");
        string configHome = NonEmpty(environment.GetVariable("XDG_CONFIG_HOME")) ?? Path.Combine(environment.HomeDirectory, ".config");
        return Path.Combine(configHome, "helm", "registry", "config.json");
    }

    /// <summary><c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>.</summary>
    public static string DockerConfig(CredentialEnvironment environment) =>
        NonEmpty(environment.GetVariable("DOCKER_CONFIG")) is { } directory
            ? Path.Combine(directory, "config.json")
            : Path.Combine(environment.HomeDirectory, ".docker", "config.json");

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
