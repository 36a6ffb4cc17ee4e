using System.Text;
using OciTui.Registry.Compare;

namespace OciTui.Registry.Tests.Compare;

/// <summary>The other sections of a comparison, on snapshots built in memory: Chart.yaml and dependencies, files, images.</summary>
public sealed class ChartComparisonTests
{
    private static ChartSnapshot Snapshot(string tag, params (string Path, string Text)[] files) =>
        new(tag, $"sha256:{tag}", files.ToDictionary(f => f.Path, f => Encoding.UTF8.GetBytes(f.Text)));

    [Fact]
    public void Dependencies_are_compared_by_name_with_version_repository_and_condition()
    {
        string from = "name: app\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 17.0.0\n    repository: https://charts.example.com\n    condition: redis.enabled\n  - name: old\n    version: 1.0.0\n";
        string to = "name: app\nversion: 1.1.0\ndependencies:\n  - name: postgresql\n    version: 12.0.0\n    repository: oci://registry.example.com/charts\n  - name: redis\n    version: 18.1.0\n    repository: oci://registry.example.com/charts\n    condition: redis.enabled\n";
        ChartYamlComparison chart = ChartYamlComparison.Compare(from, to);
        Assert.Equal("version", Assert.Single(chart.Fields).Path);
        Assert.Equal(3, chart.Dependencies.Count);
        DependencyChange redis = Assert.Single(chart.Dependencies, d => d.Name == "redis");
        Assert.Equal(ChangeKind.Changed, redis.Change);
        Assert.Equal(new DependencyFields("17.0.0", "https://charts.example.com", "redis.enabled"), redis.From);
        Assert.Equal(new DependencyFields("18.1.0", "oci://registry.example.com/charts", "redis.enabled"), redis.To);
        Assert.Equal(ChangeKind.Removed, Assert.Single(chart.Dependencies, d => d.Name == "old").Change);
        Assert.Equal(ChangeKind.Added, Assert.Single(chart.Dependencies, d => d.Name == "postgresql").Change);
    }

    [Fact]
    public void Files_are_listed_added_removed_and_changed_with_sizes_and_a_pattern_diffs_their_text()
    {
        ChartSnapshot from = Snapshot("1.0.0", ("Chart.yaml", "name: a\n"), ("templates/a.yaml", "kind: A\n"), ("crds/old.yaml", "x"));
        ChartSnapshot to = Snapshot("1.1.0", ("Chart.yaml", "name: a\n"), ("templates/a.yaml", "kind: B\n"), ("templates/new.yaml", "new\n"));
        ChartComparison comparison = ChartComparer.Compare(from, to, new CompareOptions(Values: false, Files: true, FilePattern: "templates/*"));
        Assert.Equal(["crds/old.yaml Removed 1-", "templates/a.yaml Changed 8-8", "templates/new.yaml Added -4"],
            comparison.Files!.Select(f => $"{f.Path} {f.Change} {f.FromSize}-{f.ToSize}"));
        Assert.Equal(["templates/a.yaml", "templates/new.yaml"], comparison.FileTexts!.Select(f => f.Path));
        Assert.Contains(comparison.FileTexts![0].Lines, l => l.ToString() == "+kind: B");
    }

    [Fact]
    public void Images_are_found_in_image_maps_and_repo_tag_strings_old_and_new_per_path()
    {
        string from = "image:\n  registry: docker.io\n  repository: bitnami/nginx\n  tag: 1.25.0\nsidecar:\n  image: busybox:1.36\nworker:\n  image:\n    repository: ghcr.io/org/worker\n    tag: v1\nname: not-an-image\n";
        string to = "image:\n  registry: docker.io\n  repository: bitnami/nginx\n  tag: 1.27.1\n  digest: sha256:" + new string('a', 64) + "\nsidecar:\n  image: busybox:1.36\nexporter:\n  image: prom/exporter:v2\n";
        ChartComparison comparison = ChartComparer.Compare(Snapshot("1", ("Chart.yaml", ""), ("values.yaml", from)), Snapshot("2", ("Chart.yaml", ""), ("values.yaml", to)),
            new CompareOptions(Values: false, Images: true));
        Assert.Equal(
            [$"image Changed docker.io/bitnami/nginx:1.25.0 -> docker.io/bitnami/nginx:1.27.1@sha256:{new string('a', 64)}", "worker.image Removed ghcr.io/org/worker:v1 -> ", "exporter.image Added  -> prom/exporter:v2"],
            comparison.Images!.Select(i => $"{i.Path} {i.Change} {i.From} -> {i.To}"));
    }

    [Fact]
    public void Values_one_side_cannot_parse_still_get_the_text_diff_and_one_sentence_why_not_the_key_paths()
    {
        ChartComparison comparison = ChartComparer.Compare(Snapshot("1", ("Chart.yaml", ""), ("values.yaml", "a: 1\n")), Snapshot("2", ("Chart.yaml", ""), ("values.yaml", "a: [1\n")), new CompareOptions());
        ValuesComparison values = comparison.Values!;
        Assert.False(values.Structural);
        Assert.Empty(values.Changes);
        Assert.StartsWith("No key-path view: the new version's values.yaml cannot be read: it is not valid YAML", values.Note, StringComparison.Ordinal);
        Assert.Contains(values.Text, l => l.ToString() == "+a: [1");
        Assert.True(comparison.Differs);
    }
}
