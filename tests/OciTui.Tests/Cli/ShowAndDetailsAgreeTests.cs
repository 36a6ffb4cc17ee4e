using System.Text.Json;
using OciTui.Registry.Browsing;
using OciTui.Registry.Inspection;
using OciTui.Registry.Layout;
using OciTui.Registry.References;
using OciTui.Registry.Text;

namespace OciTui.Tests.Cli;

/// <summary>One fact, one answer: <c>ocitui show</c> and the TUI's Details pane print the same figures for the same tag.</summary>
public sealed class ShowAndDetailsAgreeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-show-details-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Show_and_the_details_pane_give_the_same_size_what_a_pull_fetches()
    {
        string profiles = Path.Combine(_directory, "profiles.json");
        File.WriteAllText(profiles, JsonSerializer.Serialize(new { profiles = new { demo = new { layout = RepositoryPaths.DemoLayout } } }));
        CliRun show = await CliRun.RunAsync(["show", "demo/charts/hello:1.0.0", "--profiles", profiles], _directory);
        Assert.Equal(0, show.ExitCode);
        string shown = show.Out.Split('\n').Single(l => l.StartsWith("Size:", StringComparison.Ordinal))["Size:".Length..].Trim();

        using var registry = new LayoutRegistry(RepositoryPaths.DemoLayout);
        ArtifactDetails details = await ArtifactInspector.InspectAsync(registry, "charts/hello", ManifestReference.Parse("1.0.0"));
        string pane = DetailsText.Summary(details).Single(l => l.StartsWith("  Size", StringComparison.Ordinal))["  Size".Length..].Trim();

        Assert.Equal(pane, shown);
        long pulled = details.Manifest.Size + details.Config!.Size + details.Manifest.Manifest!.Layers.Sum(l => l.Size);
        Assert.Equal(ByteSize.Format(pulled), shown);
    }

    [Fact]
    public async Task Show_json_gives_the_manifest_s_own_size_and_the_total_a_pull_fetches()
    {
        string profiles = Path.Combine(_directory, "profiles.json");
        File.WriteAllText(profiles, JsonSerializer.Serialize(new { profiles = new { demo = new { layout = RepositoryPaths.DemoLayout } } }));
        CliRun show = await CliRun.RunAsync(["show", "demo/charts/hello:1.0.0", "--profiles", profiles, "--json"], _directory);
        Assert.Equal(0, show.ExitCode);
        using JsonDocument json = JsonDocument.Parse(show.Out);

        using var registry = new LayoutRegistry(RepositoryPaths.DemoLayout);
        ArtifactDetails details = await ArtifactInspector.InspectAsync(registry, "charts/hello", ManifestReference.Parse("1.0.0"));
        Assert.Equal(details.Manifest.Size, json.RootElement.GetProperty("size").GetInt64());
        long pulled = details.Manifest.Size + details.Config!.Size + details.Manifest.Manifest!.Layers.Sum(l => l.Size);
        Assert.Equal(pulled, json.RootElement.GetProperty("totalSize").GetInt64());
    }
}
