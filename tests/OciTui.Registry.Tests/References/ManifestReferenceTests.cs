using OciTui.Registry.Errors;
using OciTui.Registry.References;

namespace OciTui.Registry.Tests.References;

/// <summary>What follows /manifests/: a tag or a digest, told apart by the colon only a digest has.</summary>
public sealed class ManifestReferenceTests
{
    private static readonly string Hex = new('b', 64);

    [Fact]
    public void Text_with_a_colon_is_a_digest_and_text_without_one_a_tag()
    {
        ManifestReference digest = ManifestReference.Parse($"sha256:{Hex}");
        ManifestReference tag = ManifestReference.Parse("1.2.3_build.7");

        Assert.True(digest.IsDigest);
        Assert.Null(digest.Tag);
        Assert.Equal($"sha256:{Hex}", digest.ToString());
        Assert.False(tag.IsDigest);
        Assert.Equal("1.2.3_build.7", tag.Tag);
        Assert.Equal("1.2.3_build.7", tag.ToString());
    }

    [Theory]
    [InlineData("sha256:short")]
    [InlineData("md5:0123")]
    [InlineData("-starts-with-a-dash")]
    [InlineData("has/slash")]
    [InlineData("")]
    public void Neither_a_valid_tag_nor_a_valid_digest_is_refused(string text) =>
        Assert.Throws<InvalidReferenceException>(() => ManifestReference.Parse(text));

    [Fact]
    public void A_tag_longer_than_128_characters_is_refused() =>
        Assert.Throws<InvalidReferenceException>(() => ManifestReference.ForTag(new string('t', 129)));
}
