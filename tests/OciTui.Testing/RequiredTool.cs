namespace OciTui.Testing;

/// <summary>
/// External tools some tests need. On a laptop without them those tests skip, saying why; under CI=true a missing
/// tool fails the run, because .ci/run installs them.
/// </summary>
public static class RequiredTool
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Find(string name)
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The skip reason when a tool is missing outside CI, else null (present, or CI where the test must run and fail).</summary>
    public static string? SkipReasonFor(params string[] tools)
    {
        string[] missing = tools.Where(t => Find(t) is null).ToArray();
        if (missing.Length == 0 || IsCi) return null;
        return $"needs {string.Join(", ", missing)} (apt-get install docker-registry apache2-utils tmux); CI installs them";
    }

    public static string Require(string name) =>
        Find(name) ?? throw new InvalidOperationException($"{name} is not installed: .ci/run must install it (apt-get install {PackageOf(name)}).");

    private static string PackageOf(string tool) => tool switch
    {
        "htpasswd" => "apache2-utils",
        _ => tool,
    };
}

/// <summary>A fact that needs the real docker-registry (and htpasswd): skipped with the reason on a machine without them, never in CI.</summary>
public sealed class RegistryFactAttribute : FactAttribute
{
    public RegistryFactAttribute() => Skip = RequiredTool.SkipReasonFor("docker-registry", "htpasswd");
}

/// <summary>A theory that needs the real docker-registry (and htpasswd), skipped like <see cref="RegistryFactAttribute"/>.</summary>
public sealed class RegistryTheoryAttribute : TheoryAttribute
{
    public RegistryTheoryAttribute() => Skip = RequiredTool.SkipReasonFor("docker-registry", "htpasswd");
}
