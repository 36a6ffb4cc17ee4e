using System.Text;
using OciTui.Registry.Compare;

namespace OciTui.Registry.Tests.Compare;

/// <summary>Keys and anchors as helm reads values (go-yaml v2 into a map, then JSON): what it keeps, what it refuses.</summary>
public sealed class YamlHelmKeyRulesTests
{
    [Fact]
    public void A_key_given_twice_reads_as_its_last_value_in_the_place_of_the_first_and_is_noted_with_its_line()
    {
        YamlReadResult read = YamlReader.Read("a: {x: 1}\nb: 2\na: {y: 3}\n");

        Assert.True(read.Parsed, read.Problem);
        var root = (YamlMap)read.Value!;
        Assert.Equal(["a", "b"], root.Entries.Select(e => e.Key));
        var a = (YamlMap)root.Find("a")!;
        Assert.Null(a.Find("x"));
        Assert.Equal("3", ((YamlScalar)a.Find("y")!).Text);
        Assert.Equal(("a", 3), read.RepeatedKey);
    }

    [Fact]
    public void A_key_given_twice_in_a_large_map_keeps_the_last_too()
    {
        var values = new StringBuilder();
        for (int i = 0; i < 20; i++) values.Append($"k{i}: {i}\n");
        values.Append("k3: last\n");
        YamlReadResult read = YamlReader.Read(values.ToString());

        var root = (YamlMap)read.Value!;
        Assert.Equal(20, root.Entries.Count);
        Assert.Equal("last", ((YamlScalar)root.Find("k3")!).Text);
        Assert.Equal(("k3", 21), read.RepeatedKey);
    }

    [Fact]
    public void The_comparison_notes_a_repeated_key_and_compares_its_last_value()
    {
        ChartSnapshot from = Snapshot("1.0.0", "replicas: 1\nreplicas: 2\n");
        ChartSnapshot to = Snapshot("1.1.0", "replicas: 2\n");

        ValuesComparison values = ChartComparer.Compare(from, to, new CompareOptions()).Values!;

        Assert.Empty(values.Changes);
        Assert.Equal("The old version's values.yaml gives the key replicas twice (line 2); helm reads the last, and so does the key-path view.", values.Note);
    }

    [Theory]
    [InlineData("~: 1\n")]
    [InlineData("null: 1\n")]
    [InlineData("a:\n  : 1\n")]
    [InlineData("? {a: 1}\n: x\n")]
    [InlineData("? [1, 2]\n: x\n")]
    public void A_null_map_or_list_key_is_refused_as_helm_refuses_it(string yaml)
    {
        YamlReadResult read = YamlReader.Read(yaml);
        Assert.False(read.Parsed);
        Assert.StartsWith("it is not valid YAML (line ", read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_in_a_later_document_to_an_anchor_of_the_first_is_refused()
    {
        YamlReadResult read = YamlReader.Read("a: &x 1\n---\nb: *x\n");
        Assert.False(read.Parsed);
        Assert.Equal("it is not valid YAML (line 3: The alias *x names no anchor before it in its document)", read.Problem);
    }

    [Fact]
    public void A_later_document_may_use_its_own_anchors()
    {
        YamlReadResult read = YamlReader.Read("a: &x 1\n---\nb: &x 2\nc: *x\n");
        Assert.True(read.Parsed, read.Problem);
        Assert.Equal(2, read.DocumentCount);
    }

    private static ChartSnapshot Snapshot(string tag, string values) =>
        new(tag, $"sha256:{tag}", new Dictionary<string, byte[]> { ["values.yaml"] = Encoding.UTF8.GetBytes(values) });
}
