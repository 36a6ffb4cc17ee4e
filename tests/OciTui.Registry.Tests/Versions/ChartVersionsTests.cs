using OciTui.Registry.Errors;
using OciTui.Registry.Versions;

namespace OciTui.Registry.Tests.Versions;

/// <summary>The one rule for which chart version a tag list offers: newest, newest in a range, a range's matches.</summary>
public sealed class ChartVersionsTests
{
    [Fact]
    public void Newest_prefers_a_stable_release()
    {
        Assert.Equal("1.2.0", ChartVersions.Newest(["1.2.0", "1.3.0-rc.1", "latest"]));
        Assert.Equal("1.3.0-rc.1", ChartVersions.Newest(["1.3.0-rc.1", "latest"]));
        Assert.Null(ChartVersions.Newest(["latest"]));
    }

    [Fact]
    public void Newest_takes_the_plain_tag_over_the_v_prefixed_one_of_the_same_version_as_helm_does()
    {
        Assert.Equal("2.9.8", ChartVersions.Newest(["2.9.7", "2.9.8", "v2.9.8"]));
        Assert.Equal("2.9.8", ChartVersions.Newest(["v2.9.8", "2.9.8"]));
    }

    [Fact]
    public void Newest_ignores_a_newer_v_prefixed_tag_that_helm_does_not_list()
    {
        Assert.Equal("2.9.8", ChartVersions.Newest(["2.9.8", "v2.9.9"]));
    }

    [Fact]
    public void Newest_falls_back_to_a_v_prefixed_tag_when_helm_lists_no_version()
    {
        Assert.Equal("v1.1.0", ChartVersions.Newest(["v1.0.0", "v1.1.0", "v1.2.0-rc.1"]));
    }

    [Fact]
    public void Equal_versions_that_differ_in_build_keep_the_registry_order_as_helm_s_sort_does()
    {
        Assert.Equal("1.0.0_a", ChartVersions.Newest(["0.9.0", "1.0.0_a", "1.0.0_b"]));
        Assert.Equal("1.0.0_b", ChartVersions.Newest(["1.0.0_b", "1.0.0_a"]));
    }

    [Fact]
    public void The_index_of_the_newest_points_into_the_sorted_tags()
    {
        IReadOnlyList<SortedTag> sorted = TagSorter.Sort(["v2.9.9", "2.9.8", "3.0.0-rc.1", "latest"]);
        Assert.Equal("2.9.8", sorted[ChartVersions.IndexOfNewest(sorted)].Tag);
        Assert.Equal(-1, ChartVersions.IndexOfNewest(TagSorter.Sort(["latest", "main"])));
    }

    [Fact]
    public void Sorting_puts_the_tag_helm_picks_first_among_equal_versions()
    {
        Assert.Equal(["2.9.8", "v2.9.8", "2.9.7"], TagSorter.Sort(["v2.9.8", "2.9.7", "2.9.8"]).Select(t => t.Tag));
    }

    private static readonly string[] Tags = ["0.9.0", "1.0.0", "1.0.8", "1.0.10", "1.1.0-rc.1", "1.1.0", "2.0.0-beta.1", "2.0.0", "v2.1.0", "3.0.0-rc.1", "latest"];

    [Theory]
    [InlineData("^1.0.0", "1.1.0")]
    [InlineData("~1.0.8", "1.0.10")]
    [InlineData("1.0.x", "1.0.10")]
    [InlineData(">=1.0.0-0", "3.0.0-rc.1")]
    [InlineData(">=2.0.0-0 <2.0.0", "2.0.0-beta.1")]
    [InlineData(">= 1.2, < 3.0.0", "2.0.0")]
    [InlineData("^0.9 || ^1.0.0", "1.1.0")]
    [InlineData("<1.0.0 || >5", "0.9.0")]
    [InlineData("1.0.0 - 1.0.9", "1.0.8")]
    [InlineData("*", "2.0.0")]
    public void A_range_resolves_to_the_newest_version_in_it(string range, string tag) =>
        Assert.Equal(tag, ChartVersions.Resolve(Tags, VersionRange.Parse(range)));

    [Fact]
    public void A_range_lists_its_matches_newest_first_without_v_prefixed_tags()
    {
        Assert.Equal(["1.1.0", "1.0.10", "1.0.8", "1.0.0"], ChartVersions.Matching(Tags, VersionRange.Parse("^1.0.0")));
        Assert.Equal(["2.0.0"], ChartVersions.Matching(Tags, VersionRange.Parse(">=2.0.0")));
        Assert.Equal(["3.0.0-rc.1", "2.0.0", "2.0.0-beta.1"], ChartVersions.Matching(Tags, VersionRange.Parse(">=2.0.0-0")));
    }

    [Fact]
    public void No_match_names_the_newest_versions_there_are()
    {
        NoMatchingVersionException e = Assert.Throws<NoMatchingVersionException>(() => ChartVersions.Resolve(Tags, VersionRange.Parse("^4.0.0")));
        Assert.Equal("No version matches '^4.0.0'; the newest versions are 3.0.0-rc.1, 2.0.0, 2.0.0-beta.1, 1.1.0, 1.1.0-rc.1.", e.Message);
        Assert.False(e.IsUsageError);
    }

    [Fact]
    public void No_match_in_a_repository_without_versions_says_so()
    {
        NoMatchingVersionException e = Assert.Throws<NoMatchingVersionException>(() => ChartVersions.Resolve(["latest"], VersionRange.Parse("*")));
        Assert.Equal("No version matches '*': the repository has no tag that is a chart version.", e.Message);
    }

    [Fact]
    public async Task A_version_is_a_tag_and_lists_nothing()
    {
        string tag = await ChartVersions.ResolveAsync("1.2.3+build", () => throw new InvalidOperationException("listed"));
        Assert.Equal("1.2.3_build", tag);
        Assert.Equal("1.1.0", await ChartVersions.ResolveAsync("^1", () => Task.FromResult<IReadOnlyList<string>>(Tags)));
    }
}
