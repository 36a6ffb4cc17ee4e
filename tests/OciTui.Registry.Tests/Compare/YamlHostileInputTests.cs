using System.Text;
using OciTui.Registry.Compare;

namespace OciTui.Registry.Tests.Compare;

/// <summary>Values files built to hurt the reader (a chart's values are untrusted): each is refused in one sentence, quickly, without crashing.</summary>
public sealed class YamlHostileInputTests
{
    [Fact]
    public void An_alias_inside_its_own_anchor_is_refused()
    {
        YamlReadResult read = YamlReader.Read("a: &a [1, *a]\n");
        Assert.False(read.Parsed);
        Assert.StartsWith("it is not valid YAML", read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Maps_and_lists_nested_past_the_depth_limit_are_refused()
    {
        int depth = 20_000;
        YamlReadResult read = YamlReader.Read($"a: {new string('[', depth)}{new string(']', depth)}\n");
        Assert.False(read.Parsed);
        Assert.Contains($"more than {YamlReader.MaxDepth:N0} deep", read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_up_to_the_depth_limit_is_read()
    {
        int depth = YamlReader.MaxDepth - 1;
        YamlReadResult read = YamlReader.Read($"a: {new string('[', depth)}{new string(']', depth)}\n");
        Assert.True(read.Parsed, read.Problem);
    }

    [Fact]
    public void Aliases_of_aliases_are_refused_by_what_they_would_expand_to_before_any_expansion()
    {
        // 30 levels of ten aliases each: 10^30 nodes if expanded; counted, not built, so refused at once.
        var laughs = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level <= 30; level++)
            laughs.Append($"l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 10))}]\n");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        YamlReadResult read = YamlReader.Read(laughs.ToString());
        Assert.False(read.Parsed);
        Assert.Contains("aliases expand", read.Problem, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void An_alias_used_within_the_budget_reads_as_its_anchor_each_time()
    {
        var values = new StringBuilder("base: &b {x: 1, y: [1, 2]}\n");
        for (int i = 0; i < 1000; i++) values.Append($"k{i}: *b\n");
        YamlReadResult read = YamlReader.Read(values.ToString());
        Assert.True(read.Parsed, read.Problem);
        Assert.Equal("2", ((YamlScalar)((YamlList)((YamlMap)((YamlMap)read.Value!).Find("k999")!).Find("y")!).Items[1]).Text);
    }
}
