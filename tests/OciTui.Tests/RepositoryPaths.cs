namespace OciTui.Tests;

/// <summary>Where the repository is, found from the test binaries: for tests that read committed files or run git.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (string? directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "OciTui.sln"))) return directory;
        }
        throw new InvalidOperationException("the tests do not run inside the repository (no OciTui.sln above the test binaries)");
    }
}
