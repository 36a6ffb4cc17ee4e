using System.Text;
using OciTui.Registry.Compare;

namespace OciTui.Registry.Tests.Compare;

/// <summary>A snapshot's values.yaml is read once and kept with it, and a cache counts what that tree takes.</summary>
public sealed class SnapshotValuesTests
{
    private static ChartSnapshot Snapshot(string tag, string values) =>
        new(tag, $"sha256:{tag}", new Dictionary<string, byte[]> { ["values.yaml"] = Encoding.UTF8.GetBytes(values) });

    [Fact]
    public void Comparing_a_snapshot_again_reuses_its_values_and_a_copy_under_another_tag_shares_them()
    {
        ChartSnapshot marked = Snapshot("1.0.0", "replicas: 1\n");
        ChartComparison first = ChartComparer.Compare(marked, Snapshot("1.1.0", "replicas: 2\n"), new CompareOptions());
        YamlReadResult read = marked.Values;
        ChartComparison second = ChartComparer.Compare(marked, Snapshot("1.2.0", "replicas: 3\n"), new CompareOptions());

        Assert.Same(read, marked.Values);
        Assert.Same(read, (marked with { Tag = "stable" }).Values);
        Assert.Equal(("replicas", "2"), NewValue(Assert.Single(first.Values!.Changes)));
        Assert.Equal(("replicas", "3"), NewValue(Assert.Single(second.Values!.Changes)));
    }

    private static (string Path, string Text) NewValue(ValueChange change) => (change.Path, ((YamlScalar)change.To!).Text);

    [Fact]
    public void The_size_a_cache_counts_includes_the_values_tree()
    {
        string values = new('#', 1000);
        ChartSnapshot snapshot = Snapshot("1.0.0", values);
        Assert.Equal(1000 + ("values.yaml".Length * 2) + (4 * 1000), snapshot.Size);
    }
}
