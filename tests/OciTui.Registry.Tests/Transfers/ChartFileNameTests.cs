using OciTui.Registry.Errors;
using OciTui.Registry.Models;
using OciTui.Registry.Transfers;

namespace OciTui.Registry.Tests.Transfers;

public sealed class ChartFileNameTests
{
    [Fact]
    public void Names_the_file_like_helm_pull()
    {
        Assert.Equal("podinfo-6.7.1.tgz", ChartFileName.For("stefanprodan/charts/podinfo", new HelmChartMetadata { Version = "6.7.1" }, "6.7.1"));
        Assert.Equal("app-1.0.0+build.1.tgz", ChartFileName.For("team/app", null, "1.0.0_build.1"));
    }

    [Fact]
    public void A_tag_that_is_a_version_names_the_file_as_helm_names_it_else_the_chart_version_does()
    {
        var chart = new HelmChartMetadata { Version = "2.9.8" };
        Assert.Equal("podinfo-v2.9.8.tgz", ChartFileName.For("charts/podinfo", chart, "v2.9.8"));
        Assert.Equal("podinfo-2.9.8.tgz", ChartFileName.For("charts/podinfo", chart, "latest"));
        Assert.Equal("podinfo-2.9.8.tgz", ChartFileName.For("charts/podinfo", chart, null));
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("evil\u001b]0;x\u0007.tgz")]
    [InlineData("")]
    [InlineData("a\\b")]
    public void Hostile_versions_never_reach_the_file_name(string version)
    {
        Assert.Throws<InvalidInputException>(() => ChartFileName.Validate(version));
        string name = ChartFileName.For("team/app", new HelmChartMetadata { Name = "../../etc/passwd", Version = version }, "1.0.0");
        Assert.Equal("app-1.0.0.tgz", name);
    }

    [Fact]
    public void Without_any_usable_version_the_user_is_asked_for_a_name() =>
        Assert.Throws<InvalidInputException>(() => ChartFileName.For("team/app", new HelmChartMetadata { Version = "../x" }, null));

    [Fact]
    public void The_path_stays_in_the_directory()
    {
        string directory = Path.GetTempPath();
        Assert.Equal(Path.Combine(Path.GetFullPath(directory), "a-1.tgz"), ChartFileName.PathIn(directory, "a-1.tgz"));
        Assert.Throws<InvalidInputException>(() => ChartFileName.PathIn(directory, "../a-1.tgz"));
    }

    [Fact]
    public void Helm_maps_plus_to_underscore_in_tags()
    {
        Assert.Equal("1.0.0_b", HelmTags.FromVersion("1.0.0+b"));
        Assert.Equal("1.0.0+b", HelmTags.ToVersion("1.0.0_b"));
    }
}
