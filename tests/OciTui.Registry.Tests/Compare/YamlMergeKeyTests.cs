using OciTui.Registry.Compare;

namespace OciTui.Registry.Tests.Compare;

/// <summary><c>&lt;&lt;</c> merge keys read as helm reads them (https://yaml.org/type/merge.html): what a values file means after merging.</summary>
public sealed class YamlMergeKeyTests
{
    private static YamlMap Read(string yaml)
    {
        YamlReadResult read = YamlReader.Read(yaml);
        Assert.True(read.Parsed, read.Problem);
        return (YamlMap)read.Value!;
    }

    private static string Flat(YamlValue value) => value switch
    {
        YamlMap map => "{" + string.Join(", ", map.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {Flat(e.Value)}")) + "}",
        YamlList list => "[" + string.Join(", ", list.Items.Select(Flat)) + "]",
        YamlScalar scalar => scalar.Text,
        _ => "?",
    };

    [Fact]
    public void A_key_written_beside_a_merge_overrides_the_merged_one()
    {
        YamlMap values = Read("defaults: &d\n  tag: v1\n  pull: Always\napp:\n  <<: *d\n  tag: v2\n");
        Assert.Equal("{pull: Always, tag: v2}", Flat(values.Find("app")!));
    }

    [Fact]
    public void A_key_written_before_the_merge_also_overrides_the_merged_one()
    {
        YamlMap values = Read("defaults: &d\n  tag: v1\napp:\n  tag: v2\n  <<: *d\n");
        Assert.Equal("{tag: v2}", Flat(values.Find("app")!));
    }

    [Fact]
    public void Of_several_merged_maps_the_earlier_wins()
    {
        YamlMap values = Read("a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nm:\n  <<: [*a, *b]\n  z: 3\n");
        Assert.Equal("{x: 1, y: 1, z: 3}", Flat(values.Find("m")!));
    }

    [Fact]
    public void A_map_written_in_place_can_be_merged()
    {
        Assert.Equal("{a: 1, b: 2}", Flat(Read("m:\n  <<: {a: 1}\n  b: 2\n").Find("m")!));
    }

    [Fact]
    public void A_quoted_merge_key_is_an_ordinary_key()
    {
        Assert.Equal("{<<: x}", Flat(Read("m:\n  \"<<\": x\n").Find("m")!));
    }

    [Fact]
    public void Merging_something_that_is_not_a_map_is_refused_in_one_sentence()
    {
        YamlReadResult read = YamlReader.Read("x: &x 1\nm:\n  <<: [*x]\n");
        Assert.False(read.Parsed);
        Assert.StartsWith("it is not valid YAML", read.Problem, StringComparison.Ordinal);
        Assert.Contains("merge key", read.Problem, StringComparison.Ordinal);
    }
}
