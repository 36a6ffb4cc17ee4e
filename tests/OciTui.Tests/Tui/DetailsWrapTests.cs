using OciTui.Tui;

namespace OciTui.Tests.Tui;

/// <summary>Details lines wider than the pane continue below their label, so a digest is read whole.</summary>
public sealed class DetailsWrapTests
{
    [Fact]
    public void A_digest_continues_under_its_value_and_nothing_is_lost()
    {
        string line = "  Digest        sha256:" + new string('a', 64);
        string[] wrapped = DetailsPane.WrapLine(line, 50).ToArray();
        Assert.All(wrapped, l => Assert.True(l.Length <= 50));
        Assert.All(wrapped.Skip(1), l => Assert.StartsWith(new string(' ', 16), l, StringComparison.Ordinal));
        Assert.Equal(line.Replace(" ", "", StringComparison.Ordinal), string.Concat(wrapped).Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void A_media_type_breaks_after_a_separator_near_the_edge()
    {
        string[] wrapped = DetailsPane.WrapLine("  Media type    application/vnd.oci.image.manifest.v1+json", 46).ToArray();
        Assert.Equal(["  Media type    application/vnd.oci.image.", "                manifest.v1+json"], wrapped);
    }

    [Fact]
    public void A_short_line_is_left_alone()
    {
        Assert.Equal(["  Name          app"], DetailsPane.WrapLine("  Name          app", 40));
    }
}
