using OciTui.Registry.Versions;

namespace OciTui.Registry.Tests.Versions;

public sealed class SemanticVersionTests
{
    [Fact]
    public void Precedence_follows_semver_org()
    {
        string[] ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0"];
        SemanticVersion[] versions = ordered.Select(Parse).ToArray();
        for (int i = 1; i < versions.Length; i++) Assert.True(versions[i - 1].CompareTo(versions[i]) < 0, $"{ordered[i - 1]} < {ordered[i]}");
    }

    private static SemanticVersion Parse(string text) => SemanticVersion.TryParse(text, out SemanticVersion? v) ? v! : throw new FormatException(text);

    [Fact]
    public void Helm_tag_forms_are_read()
    {
        SemanticVersion v = Parse("v1.2.3_build.7");
        Assert.Equal((1UL, 2UL, 3UL), (v.Major, v.Minor, v.Patch));
        Assert.Equal("build.7", v.Build);
        Assert.Equal(0, v.CompareTo(Parse("1.2.3+other")));
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("1.2")]
    [InlineData("01.2.3")]
    [InlineData("1.2.3-01")]
    [InlineData("1.2.3-")]
    [InlineData("sha256-abc")]
    [InlineData("1.2.3.4")]
    [InlineData("1..3")]
    [InlineData("1.2.3+")]
    [InlineData("1.2.3+a_b")]
    [InlineData("1.2.3+a+b")]
    [InlineData("1.2.3-a..b")]
    [InlineData("1.2.3-a$b")]
    [InlineData("18446744073709551616.0.0")]
    [InlineData("v")]
    [InlineData("1.2.-3")]
    public void Non_versions_are_refused(string text) => Assert.False(SemanticVersion.TryParse(text, out _));

    [Theory]
    [InlineData("V2.0.0-rc.1_build-5", 2, 0, 0, "rc.1", "build-5")]
    [InlineData("1.2.3-rc_1", 1, 2, 3, "rc", "1")]
    [InlineData("0.0.0-0a.x-y", 0, 0, 0, "0a.x-y", null)]
    [InlineData("18446744073709551615.0.1+exp.sha.5114f85", 18446744073709551615, 0, 1, "", "exp.sha.5114f85")]
    public void Every_part_is_read(string text, ulong major, ulong minor, ulong patch, string prerelease, string? build)
    {
        SemanticVersion v = Parse(text);
        Assert.Equal((major, minor, patch, prerelease, build, text), (v.Major, v.Minor, v.Patch, string.Join('.', v.Prerelease), v.Build, v.Original));
    }

    [Fact]
    public void Tags_sort_newest_first_with_other_tags_after()
    {
        IReadOnlyList<SortedTag> sorted = TagSorter.Sort(["1.0.0", "latest", "1.10.0", "1.2.0", "1.10.0-rc.1", "main", "1.2.0"]);
        Assert.Equal(["1.10.0", "1.10.0-rc.1", "1.2.0", "1.0.0", "latest", "main"], sorted.Select(t => t.Tag));
        Assert.True(sorted[1].IsPrerelease);
        Assert.False(sorted[4].IsSemver);
    }
}
