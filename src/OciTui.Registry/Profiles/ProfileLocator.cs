namespace OciTui.Registry.Profiles;

/// <summary>
/// Which profiles file to use: <c>--profiles FILE</c>, else <c>$OCITUI_PROFILES</c>, else
/// <c>$XDG_CONFIG_HOME/ocitui/profiles.json</c> (or <c>~/.config/ocitui/profiles.json</c>) if it exists, else
/// <c>profiles.json</c> in the working directory if it exists, else none.
/// </summary>
public static class ProfileLocator
{
    public static string? Locate(string? explicitFile, Func<string, string?> getVariable, string homeDirectory, string workingDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitFile)) return Path.GetFullPath(explicitFile, workingDirectory);
        if (getVariable("OCITUI_PROFILES") is { Length: > 0 } fromEnvironment) return Path.GetFullPath(fromEnvironment, workingDirectory);
        string user = UserFile(getVariable, homeDirectory);
        if (File.Exists(user)) return user;
        string local = Path.Combine(workingDirectory, "profiles.json");
        return File.Exists(local) ? local : null;
    }

    /// <summary>The per-user file, where the TUI saves a new profile when none exists yet.</summary>
    public static string UserFile(Func<string, string?> getVariable, string homeDirectory)
    {
        string configHome = getVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(homeDirectory, ".config");
        return Path.Combine(configHome, "ocitui", "profiles.json");
    }

    public static ProfileSet LoadOrEmpty(string? file) => file is null ? ProfileSet.Empty : ProfileLoader.Load(file);
}
