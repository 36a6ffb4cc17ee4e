using OciTui.Registry.Errors;
using OciTui.Registry.Versions;

namespace OciTui.Registry.Tests.Versions;

/// <summary>helm's reading of <c>--version</c>: a loose version is a tag (with '+' as '_'), anything else a range.</summary>
public sealed class VersionRequestTests
{
    [Theory]
    [InlineData("1.2.3", "1.2.3")]
    [InlineData("v1.2.3", "v1.2.3")]
    [InlineData("1.2", "1.2")]
    [InlineData("1", "1")]
    [InlineData("01.2.3", "01.2.3")]
    [InlineData("1.2.3-rc.1", "1.2.3-rc.1")]
    [InlineData("1.2.3+build.7", "1.2.3_build.7")]
    public void A_loose_version_is_a_tag(string version, string tag)
    {
        VersionRequest request = VersionRequest.Parse(version);
        Assert.Equal(tag, request.Tag);
        Assert.Null(request.Range);
    }

    [Theory]
    [InlineData("^1.0.0")]
    [InlineData("~1.0.8")]
    [InlineData("1.0.x")]
    [InlineData(">=1.0.0-0")]
    [InlineData(">= 1.2, < 3.0.0")]
    [InlineData("^1 || ^2")]
    [InlineData("1.2 - 1.4")]
    [InlineData("*")]
    public void Anything_else_is_a_range(string range)
    {
        VersionRequest request = VersionRequest.Parse(range);
        Assert.Null(request.Tag);
        Assert.Equal(range, request.Range!.Text);
    }

    [Theory]
    [InlineData("1.2.3_build")]
    [InlineData("latest")]
    [InlineData("1.2.3-01")]
    public void Neither_a_version_nor_a_range_is_a_usage_error(string text) =>
        Assert.True(Assert.Throws<InvalidInputException>(() => VersionRequest.Parse(text)).IsUsageError);

    [Theory]
    [InlineData("1.2.3", 1, 2, 3, "", null)]
    [InlineData("v1", 1, 0, 0, "", null)]
    [InlineData("1.2-rc.1+b", 1, 2, 0, "rc.1", "b")]
    [InlineData("007.0.010", 7, 0, 10, "", null)]
    public void The_loose_parse_coerces_as_Masterminds_does(string text, ulong major, ulong minor, ulong patch, string prerelease, string? build)
    {
        Assert.True(SemanticVersion.TryParseLoose(text, out SemanticVersion? v));
        Assert.Equal((major, minor, patch, prerelease, build), (v!.Major, v.Minor, v.Patch, v.PrereleaseText, v.Build));
    }

    [Theory]
    [InlineData("V1.2.3")]
    [InlineData("1.2.3.4")]
    [InlineData("1.")]
    [InlineData("v")]
    [InlineData("1.2.3_b")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3-01")]
    [InlineData("18446744073709551616")]
    [InlineData("1.2.3\n")]
    public void The_loose_parse_refuses_what_Masterminds_refuses(string text) => Assert.False(SemanticVersion.TryParseLoose(text, out _));
}
