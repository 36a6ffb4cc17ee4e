namespace OciTui.Tui;

/// <summary>How a local path is shown in a narrow pane: relative below the working directory, with <c>~</c> below home.</summary>
public static class DisplayPath
{
    public static string Of(string path)
    {
        string here = Environment.CurrentDirectory.TrimEnd('/') + "/";
        if (path.StartsWith(here, StringComparison.Ordinal)) return path[here.Length..];
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile).TrimEnd('/') + "/";
        return home.Length > 1 && path.StartsWith(home, StringComparison.Ordinal) ? "~/" + path[home.Length..] : path;
    }
}
