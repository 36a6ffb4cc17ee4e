using System.Security.Cryptography;
using OciTui.Registry.Errors;
using OciTui.Registry.References;

namespace OciTui.Registry.Content;

/// <summary>
/// Checks content against its descriptor: hashed while it arrives, refused the moment it runs past the size the
/// descriptor gives, and at the end compared for size and digest. The one place both registries and the downloader
/// verify what they read, so every mismatch is worded the same way.
/// </summary>
/// <remarks>
/// <see href="https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md#digests">image-spec: digests</see>
/// ("the content SHOULD be verified against this digest") and
/// <see href="https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md#properties">descriptor size</see>
/// ("size ... SHOULD be used to verify content before it is processed"); the shape follows oras-go's content.VerifyReader.
/// </remarks>
internal sealed class ContentVerifier : IDisposable
{
    public const string RegistryServedDifferentContent = "the registry served different content";

    private readonly Digest _digest;
    private readonly long? _size;
    private readonly string _what;
    private readonly string _culprit;
    private readonly IncrementalHash _hash;

    /// <param name="what">The content as a message names it: <c>blob sha256:0123…</c>, <c>manifest 'repo:tag'</c>.</param>
    /// <param name="size">The size the descriptor gives, or null when none is known (then only the digest is checked).</param>
    /// <param name="culprit">Who is to blame when the digest does not match: "the registry served different content".</param>
    public ContentVerifier(Digest digest, long? size, string what, string culprit)
    {
        _digest = digest;
        _size = size;
        _what = what;
        _culprit = culprit;
        _hash = digest.CreateHasher();
    }

    /// <summary>The size the descriptor gives, when known.</summary>
    public long? Size => _size;

    /// <summary>Bytes hashed so far.</summary>
    public long Count { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_size is long size && Count + data.Length > size)
            throw new DigestMismatchException($"The {_what} is larger than the {size} bytes its descriptor says; stopped.");
        _hash.AppendData(data);
        Count += data.Length;
    }

    /// <summary>Forgets what was hashed, for content that starts over from its first byte.</summary>
    public void Restart()
    {
        _hash.GetHashAndReset();
        Count = 0;
    }

    /// <summary>Throws <see cref="DigestMismatchException"/> unless the bytes seen are exactly the descriptor's size and digest.</summary>
    /// <param name="consequence">Appended to the sentence, e.g. "; nothing was kept".</param>
    public void Verify(string consequence = "")
    {
        if (_size is long size && Count != size)
            throw new DigestMismatchException($"The {_what} is {Count} bytes, not the {size} its descriptor says{consequence}.");
        if (!string.Equals(Convert.ToHexStringLower(_hash.GetHashAndReset()), _digest.Encoded, StringComparison.Ordinal))
            throw new DigestMismatchException($"The {_what} does not match its {_digest.Algorithm} digest: {_culprit}{consequence}.");
    }

    /// <summary>Verifies content read whole: its length first (a wrong length needs no hashing), then its digest.</summary>
    public static void Verify(ReadOnlySpan<byte> content, Digest digest, long? size, string what, string culprit)
    {
        if (size is long expected && content.Length != expected)
            throw new DigestMismatchException($"The {what} is {content.Length} bytes, not the {expected} its descriptor says.");
        using var verifier = new ContentVerifier(digest, size, what, culprit);
        verifier.Append(content);
        verifier.Verify();
    }

    public void Dispose() => _hash.Dispose();
}
