using OciTui.Registry.Errors;
using OciTui.Registry.Versions;

namespace OciTui.Registry.Tests.Versions;

/// <summary>
/// The range grammar and checks of Masterminds/semver v3.4.0, the library helm v4.1 reads <c>--version</c> with:
/// cases from its README ("Checking Version Constraints") and its documented behaviour.
/// </summary>
public sealed class VersionRangeTests
{
    private static bool Check(string range, string version)
    {
        Assert.True(VersionRange.TryParse(range, out VersionRange? parsed), $"'{range}' parses");
        Assert.True(SemanticVersion.TryParseLoose(version, out SemanticVersion? v), $"'{version}' is a version");
        return parsed!.IsSatisfiedBy(v!);
    }

    [Theory]
    // Plain comparisons; a missing part is a wildcard, and = or no operator with one is a tilde.
    [InlineData("=2.0.0", "2.0.0", true)]
    [InlineData("=2.0.0", "1.2.3", false)]
    [InlineData("= 2.0", "2.0.1", true)]
    [InlineData("4.1", "4.1.0", true)]
    [InlineData("4.1.x", "4.1.3", true)]
    [InlineData("1.x", "1.4", true)]
    [InlineData("0.0.0", "1.2.3", false)]
    [InlineData("v1.2", "1.2.9", true)]
    [InlineData("!=4.1.0", "4.1.1", true)]
    [InlineData("!=4.1", "4.1.1", false)]
    [InlineData("!=4.x", "5.1.0", true)]
    [InlineData("!=4.x", "4.1.0", false)]
    [InlineData("!=4.1-alpha", "4.1.0", true)]
    [InlineData("!=4.1-alpha", "4.1.0-alpha", false)]
    [InlineData(">1.1", "4.1.0", true)]
    [InlineData(">1.1", "1.1.0", false)]
    [InlineData(">1.1", "1.1.9", false)]
    [InlineData(">11", "11.1.0", false)]
    [InlineData("<1.1", "1.1.0", false)]
    [InlineData("<1.x", "0.1.1", true)]
    [InlineData("<1.x", "1.1.1", false)]
    [InlineData("<1.1.x", "1.0.500", true)]
    [InlineData(">=1.1", "1.1.0", true)]
    [InlineData(">=1.1", "0.0.9", false)]
    [InlineData("=>1.1", "1.1.0", true)]
    [InlineData("<=1.1", "1.1.1", true)]
    [InlineData("=<1.1", "1.2.0", false)]
    [InlineData("<=2.x", "3.0.0", false)]
    [InlineData("<=4.5", "4.6.3", false)]
    // Tilde: patch-level changes when a minor is given, minor-level when only the major.
    [InlineData("~1.2.3", "1.2.5", true)]
    [InlineData("~1.2.3", "1.2.2", false)]
    [InlineData("~1.2.3", "1.3.0", false)]
    [InlineData("~1", "1.3.5", true)]
    [InlineData("~1", "2.1.1", false)]
    [InlineData("~>1.2", "1.2.7", true)]
    [InlineData("~1.x", "1.3.5", true)]
    [InlineData("~*", "2.1.1", true)]
    [InlineData("~0.0.0", "1.2.3", true)]
    // Caret: up to the next major; below 1.0.0 up to the next minor, below 0.1.0 the patch only.
    [InlineData("^1.2.3", "1.9.0", true)]
    [InlineData("^1.2.3", "2.0.0", false)]
    [InlineData("^1.2.3", "1.2.2", false)]
    [InlineData("^1.x", "1.1.1", true)]
    [InlineData("^2.x", "1.1.1", false)]
    [InlineData("^0.2.3", "0.2.9", true)]
    [InlineData("^0.2.3", "0.3.0", false)]
    [InlineData("^0.0.1", "0.0.1", true)]
    [InlineData("^0.0.1", "0.0.2", false)]
    [InlineData("^0", "0.9.9", true)]
    [InlineData("^0.0", "0.0.9", true)]
    [InlineData("^0.0", "0.1.0", false)]
    [InlineData("^0.0.0", "1.2.3", false)]
    // Wildcards.
    [InlineData("*", "1.2.3", true)]
    [InlineData("0.x.x", "1.2.3", false)]
    [InlineData("1.2.X", "1.2.8", true)]
    // AND with spaces or commas, OR with ||, hyphen ranges (spaces required) and ranges ANDed with more.
    [InlineData(">1.1, <2", "1.2.1", true)]
    [InlineData(">1.1 <2", "1.1.1", false)]
    [InlineData(">=1.1    <2    !=1.2.3", "1.2.3", false)]
    [InlineData(">= 1.1, <2, != 1.2.3 || >= 3", "3.0.0", true)]
    [InlineData(">=1.1 <2 !=1.2.3 || > 3", "3.0.0", false)]
    [InlineData("1.1 - 2", "1.1.1", true)]
    [InlineData("1.5.0 - 4.5", "3.7.0", true)]
    [InlineData("1.0.0 - 2.0.0, <=2.0.0", "1.5.0", true)]
    [InlineData("2 - 3, 2 - 3", "3.9.9", true)]
    [InlineData("1.1-3", "4.3.2", false)]
    // Prereleases only match when the alternative they are tried against names one.
    [InlineData(">=1.1", "4.1.0-beta", false)]
    [InlineData("^1.x", "1.1.1-beta1", false)]
    [InlineData("~1.1", "1.1.1-alpha", false)]
    [InlineData("*", "1.2.3-alpha", false)]
    [InlineData("<=1.1-a", "0.1.0-alpha", true)]
    [InlineData(">=1.0.0-0", "1.0.1-beta", true)]
    [InlineData("^1.1.2-alpha", "1.2.1-beta1", true)]
    [InlineData("~1.1.1-beta", "1.1.1-alpha", false)]
    [InlineData(">= 1.0.0  <= 2.0.0-beta || > 3", "3.0.1-beta", false)]
    [InlineData(">= 1.0.0  <= 2.0.0-beta != 1.0.1-beta || > 3", "1.0.1-beta", false)]
    // Build metadata does not count.
    [InlineData("=1.0.0", "1.0.0+build.5", true)]
    [InlineData("1.0.0+build.5", "1.0.0", true)]
    public void A_range_admits_what_Masterminds_admits(string range, string version, bool admitted) =>
        Assert.Equal(admitted, Check(range, version));

    [Theory]
    [InlineData("foo")]
    [InlineData(">= bar")]
    [InlineData("BAR >= 1.2.3")]
    [InlineData(">a1")]
    [InlineData("12.3.4.1234")]
    [InlineData("12.3.34~ 1.2.3")]
    [InlineData("1.0.0 ||")]
    [InlineData("")]
    [InlineData("V1.2.3")]
    [InlineData("1.0.0_build")]
    [InlineData("1x.2")]
    [InlineData("1|2.3")]
    [InlineData("\v>=1.0.0")]
    [InlineData(">=1.0.0\u00a0")]
    public void Masterminds_refusals_are_refused(string range) => Assert.False(VersionRange.TryParse(range, out _));

    [Theory]
    [InlineData(">40.50.60, < 50.70")]
    [InlineData("v2.3.5-20161202202307-sha.e8fc5e5")]
    [InlineData("3 - 4 || => 3.0, < 4")]
    [InlineData("12.3.34 ~1.2.3")]
    [InlineData("  ^1.0.0  ")]
    [InlineData("1.x.3|4")]
    [InlineData(">=1.0.0\n")]
    public void Masterminds_acceptances_are_accepted(string range) => Assert.True(VersionRange.TryParse(range, out _));

    [Fact]
    public void A_bad_range_is_a_usage_error_in_one_sentence()
    {
        InvalidInputException e = Assert.Throws<InvalidInputException>(() => VersionRange.Parse(">= banana"));
        Assert.Equal("'>= banana' is neither a version nor a version range.", e.Message);
        Assert.True(e.IsUsageError);
        Assert.Contains("^1.2.0", e.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Very_long_input_is_refused_without_trying()
    {
        string longRange = string.Join(" ", Enumerable.Repeat(">=1.0.0", 60));
        Assert.False(VersionRange.TryParse(longRange, out _));
    }
}
