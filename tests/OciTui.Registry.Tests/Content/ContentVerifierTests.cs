using System.Text;
using OciTui.Registry.Content;
using OciTui.Registry.Errors;
using OciTui.Registry.References;

namespace OciTui.Registry.Tests.Content;

/// <summary>Content checked against its descriptor: stopped past its size, refused when its size or digest differs.</summary>
public sealed class ContentVerifierTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("chart bytes");
    private static readonly Digest BodyDigest = Digest.ComputeSha256(Body);

    [Fact]
    public void Content_streamed_in_pieces_passes_when_size_and_digest_match()
    {
        using var verifier = new ContentVerifier(BodyDigest, Body.Length, "blob", "culprit");
        verifier.Append(Body.AsSpan(0, 5));
        verifier.Append(Body.AsSpan(5));
        verifier.Verify();
        Assert.Equal(Body.Length, verifier.Count);
    }

    [Fact]
    public void Content_that_runs_past_its_size_is_stopped_at_once()
    {
        using var verifier = new ContentVerifier(BodyDigest, Body.Length - 1, $"blob {BodyDigest.Short}", "culprit");
        DigestMismatchException error = Assert.Throws<DigestMismatchException>(() => verifier.Append(Body));
        Assert.Equal($"The blob {BodyDigest.Short} is larger than the {Body.Length - 1} bytes its descriptor says; stopped.", error.Message);
    }

    [Fact]
    public void Restarting_forgets_what_was_hashed()
    {
        using var verifier = new ContentVerifier(BodyDigest, Body.Length, "blob", "culprit");
        verifier.Append(Encoding.UTF8.GetBytes("junk"));
        verifier.Restart();
        verifier.Append(Body);
        verifier.Verify();
    }

    [Fact]
    public void Short_content_and_different_content_are_refused_in_the_same_words_streamed_or_whole()
    {
        byte[] altered = Encoding.UTF8.GetBytes("chart bytez");
        using var streamed = new ContentVerifier(BodyDigest, Body.Length, "blob x", "the registry served different content");
        streamed.Append(altered);
        DigestMismatchException fromStream = Assert.Throws<DigestMismatchException>(() => streamed.Verify());
        DigestMismatchException whole = Assert.Throws<DigestMismatchException>(() =>
            ContentVerifier.Verify(altered, BodyDigest, Body.Length, "blob x", "the registry served different content"));
        Assert.Equal("The blob x does not match its sha256 digest: the registry served different content.", fromStream.Message);
        Assert.Equal(fromStream.Message, whole.Message);

        DigestMismatchException shorter = Assert.Throws<DigestMismatchException>(() => ContentVerifier.Verify(Body.AsSpan(1), BodyDigest, Body.Length, "blob x", "c"));
        Assert.Equal($"The blob x is {Body.Length - 1} bytes, not the {Body.Length} its descriptor says.", shorter.Message);
    }
}
