using OciTui.Registry.Browsing;
using OciTui.Registry.Inspection;
using OciTui.Registry.Layout;
using OciTui.Registry.References;

namespace OciTui.Tests.Tui;

/// <summary>The version table's loader when two callers want the same row: the rows in view and reading all (filter, order by created).</summary>
public sealed class TagSummaryLoaderTests
{
    [Fact]
    public async Task A_tag_another_caller_is_loading_is_waited_for_and_reported()
    {
        using var registry = new HeldRegistry(new LayoutRegistry(RepositoryPaths.DemoLayout));
        ArtifactDetails details = await ArtifactInspector.InspectAsync(registry, "charts/hello", ManifestReference.ForTag("1.0.0"));
        string config = details.Config!.Digest.ToString();
        registry.Hold(config);
        var loader = new TagSummaryLoader(registry, "charts/hello");

        Task inView = loader.LoadAsync(["1.0.0"], (_, _) => { }, CancellationToken.None);
        while (!registry.IsWaiting(config)) await Task.Delay(10);
        var reported = new List<(string Tag, string? AppVersion)>();
        Task readingAll = loader.LoadAsync(["1.0.0"], (tag, summary) => reported.Add((tag, summary.AppVersion)), CancellationToken.None);

        // Returning now would leave the caller sure of a row still unread (and redrawing at once recursed in the Tags pane).
        Assert.False(readingAll.IsCompleted);
        registry.Release(config);
        await Task.WhenAll(inView, readingAll).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal([("1.0.0", details.Chart?.AppVersion)], reported);
        Assert.Equal(2, registry.Reads(config)); // the test's own look, then one load for both callers
    }
}
