using OciTui.Registry.Errors;
using OciTui.Registry.Text;

namespace OciTui.Registry.References;

/// <summary>
/// What follows <c>/manifests/</c>: a validated tag or a validated digest, never an unchecked string. A digest has a
/// colon and a tag never does (the tag grammar has none): <see cref="Parse"/> is the one place that rule lives.
/// </summary>
/// <remarks>
/// <see href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#pulling-manifests">distribution-spec:
/// pulling manifests</see> ("reference MUST be either (a) the digest of the manifest or (b) a tag") and its tag grammar
/// <c>[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}</c>.
/// </remarks>
public readonly record struct ManifestReference
{
    private readonly string? _tag;
    private readonly Digest? _digest;

    private ManifestReference(string? tag, Digest? digest)
    {
        _tag = tag;
        _digest = digest;
    }

    /// <summary>The tag, or null when this is a digest.</summary>
    public string? Tag => _tag;

    /// <summary>The digest, or null when this is a tag.</summary>
    public Digest? Digest => _digest;

    public bool IsDigest => _digest is not null;

    public static ManifestReference ForDigest(Digest digest) => new(null, digest);

    public static ManifestReference ForTag(string tag) =>
        ReferenceGrammar.IsValidTag(tag)
            ? new ManifestReference(tag, null)
            : throw new InvalidReferenceException($"'{TerminalText.Sanitize(tag, 140)}' is not a valid tag (letters, digits, '_', '.', '-', at most 128).");

    /// <summary>A digest when the text has a colon (and it must then be a valid one), else a tag.</summary>
    public static ManifestReference Parse(string text) =>
        text.Contains(':', StringComparison.Ordinal) ? ForDigest(References.Digest.Parse(text)) : ForTag(text);

    public override string ToString() => _digest?.ToString() ?? _tag ?? "";
}
