namespace OciTui.Testing;

/// <summary>Where the repository is, found from the test binaries: for tests that read committed files or run git.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>tests/fixtures/demo-layout: the committed sample layouts (made by <see cref="DemoLayoutGenerator"/>).</summary>
    public static string DemoLayout => Path.Combine(Root, "tests", "fixtures", "demo-layout");

    private static string FindRoot()
    {
        for (string? directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "OciTui.sln"))) return directory;
        }
        throw new InvalidOperationException("the tests do not run inside the repository (no OciTui.sln above the test binaries)");
    }
}
