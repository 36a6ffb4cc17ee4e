using OciTui.Registry.Trust;

namespace OciTui.Registry.Tests.Trust;

/// <summary>Tags that hold artifacts about another manifest, not versions: kept out of the version table.</summary>
public sealed class ArtifactTagsTests
{
    [Theory]
    [InlineData("sha256-0000000000000000000000000000000000000000000000000000000000000000", true)]
    [InlineData("sha256-0000000000000000000000000000000000000000000000000000000000000000.att", true)]
    [InlineData("release-2", false)]
    [InlineData("1.0.0", false)]
    public void Artifact_tags_are_the_referrers_tag_schema_s_and_cosign_s(string tag, bool expected)
    {
        Assert.Equal(expected, TagReferrers.IsArtifactTag(tag));
    }
}
