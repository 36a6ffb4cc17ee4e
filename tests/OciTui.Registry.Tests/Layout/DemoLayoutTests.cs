using OciTui.Registry.Layout;

namespace OciTui.Registry.Tests.Layout;

public class DemoLayoutTests
{
    /// <summary>
    /// The committed sample is exactly what DemoLayoutGenerator makes. After changing the generator, rewrite the
    /// committed copy with OCITUI_WRITE_DEMO_LAYOUT=1 dotnet test --filter DemoLayoutTests.
    /// </summary>
    [Fact]
    public void Committed_demo_layout_is_what_the_generator_makes()
    {
        string fresh = Directory.CreateTempSubdirectory("ocitui-demo-").FullName;
        try
        {
            DemoLayoutGenerator.Generate(fresh);
            if (Environment.GetEnvironmentVariable("OCITUI_WRITE_DEMO_LAYOUT") == "1")
            {
                string target = RepositoryPaths.DemoLayout;
                Directory.Delete(target, recursive: true);
                DemoLayoutGenerator.Generate(target);
            }
            string committed = RepositoryPaths.DemoLayout;
            string[] expected = Files(fresh);
            Assert.Equal(expected, Files(committed));
            foreach (string relative in expected)
                Assert.True(File.ReadAllBytes(Path.Combine(fresh, relative)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(committed, relative))), relative);
        }
        finally
        {
            Directory.Delete(fresh, recursive: true);
        }
    }

    [Fact]
    public async Task Demo_layout_lists_repositories_and_tags()
    {
        using var registry = new LayoutRegistry(RepositoryPaths.DemoLayout);
        var repositories = new List<string>();
        await foreach (IReadOnlyList<string> page in registry.ListRepositoriesAsync()) repositories.AddRange(page);
        Assert.Equal(["charts/hello", "charts/webapp", "platform/ingress-lite"], repositories);

        var tags = new List<string>();
        await foreach (IReadOnlyList<string> page in registry.ListTagsAsync("platform/ingress-lite")) tags.AddRange(page);
        Assert.Equal(["0.9.0", "0.10.0", "latest"], tags);
    }

    private static string[] Files(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal).ToArray();
}
