using OciTui.Registry.References;
using OciTui.Registry.Trust;

namespace OciTui.Registry.Tests.Trust;

public sealed class CosignTagsTests
{
    private static readonly Digest Subject = Digest.ComputeSha256("chart manifest"u8);

    [Fact]
    public void The_three_cosign_tags_of_a_digest_are_its_algorithm_dash_hex_with_sig_att_and_sbom()
    {
        Assert.Equal(
            [($"sha256-{Subject.Encoded}.sig", ReferrerKind.CosignSignature),
             ($"sha256-{Subject.Encoded}.att", ReferrerKind.InTotoAttestation),
             ($"sha256-{Subject.Encoded}.sbom", ReferrerKind.SpdxSbom)],
            CosignTags.For(Subject));
    }

    [Theory]
    [InlineData("sha256-0000000000000000000000000000000000000000000000000000000000000000.sig", true)]
    [InlineData("sha256-0000000000000000000000000000000000000000000000000000000000000000.sbom", true)]
    [InlineData("sha256-0000.sig", false)]
    [InlineData("1.0.0", false)]
    [InlineData("release-1.sig", false)]
    [InlineData("sha256-0000000000000000000000000000000000000000000000000000000000000000", false)]
    public void A_tag_is_a_cosign_tag_only_when_it_names_a_whole_digest_and_a_known_suffix(string tag, bool expected)
    {
        Assert.Equal(expected, CosignTags.IsCosignTag(tag));
    }
}
