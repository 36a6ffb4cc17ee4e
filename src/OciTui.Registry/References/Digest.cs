using System.Security.Cryptography;
using OciTui.Registry.Errors;
using OciTui.Registry.Text;

namespace OciTui.Registry.References;

/// <summary>
/// A content digest, <c>algorithm ":" encoded</c>, validated (CVE-2024-3727) before it is ever used in a URL,
/// a file name or a cache key: sha256 is 64 lower-case hex characters, sha512 is 128
/// (<see href="https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md#digests">image-spec: digests</see>, registered algorithms).
/// </summary>
public readonly record struct Digest
{
    public const string Sha256 = "sha256";
    public const string Sha512 = "sha512";

    private Digest(string algorithm, string encoded)
    {
        Algorithm = algorithm;
        Encoded = encoded;
    }

    public string Algorithm { get; }
    public string Encoded { get; }

    public override string ToString() => $"{Algorithm}:{Encoded}";

    public static Digest Parse(string? value) =>
        TryParse(value, out Digest digest)
            ? digest
            : throw new InvalidReferenceException($"'{TerminalText.Sanitize(value, 80)}' is not a valid digest (expected sha256:<64 lower-case hex> or sha512:<128>).");

    public static bool TryParse(string? value, out Digest digest)
    {
        digest = default;
        if (value is null) return false;
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return false;
        string algorithm = value[..colon];
        string encoded = value[(colon + 1)..];
        int expected = algorithm switch
        {
            Sha256 => 64,
            Sha512 => 128,
            _ => -1,
        };
        if (expected < 0 || encoded.Length != expected) return false;
        foreach (char c in encoded)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)) return false;
        }
        digest = new Digest(algorithm, encoded);
        return true;
    }

    public static Digest FromSha256Hash(ReadOnlySpan<byte> hash) => new(Sha256, Convert.ToHexStringLower(hash));

    public static Digest ComputeSha256(ReadOnlySpan<byte> content) => FromSha256Hash(SHA256.HashData(content));

    /// <summary>True when <paramref name="content"/> hashes to this digest with this digest's algorithm.</summary>
    public bool Matches(ReadOnlySpan<byte> content)
    {
        byte[] hash = Algorithm == Sha512 ? SHA512.HashData(content) : SHA256.HashData(content);
        return string.Equals(Convert.ToHexStringLower(hash), Encoded, StringComparison.Ordinal);
    }

    /// <summary>A fresh incremental hasher for this digest's algorithm.</summary>
    public IncrementalHash CreateHasher() =>
        IncrementalHash.CreateHash(Algorithm == Sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256);

    public string Short => Encoded.Length > 12 ? $"{Algorithm}:{Encoded[..12]}" : ToString();
}
