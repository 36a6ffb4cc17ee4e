using OciTui.Registry.References;

namespace OciTui.Registry.Trust;

/// <summary>What checking a chart's Helm provenance found; the order is not a ranking.</summary>
public enum ProvenanceOutcome
{
    Verified,
    UnknownKey,
    BadSignature,
    DigestMismatch,
    NotSigned,
    Expired,
    Revoked,
    Malformed,
}

/// <summary>
/// The result of verifying one chart's provenance, for the command line and the TUI alike. Every text field is already
/// sanitised for a terminal; <see cref="Summary"/> is one sentence that says what was found and what to do.
/// </summary>
public sealed record ProvenanceVerdict(ProvenanceOutcome Outcome, string Summary)
{
    public string? SignerName { get; init; }
    public string? SignerEmail { get; init; }

    /// <summary>The 16-hex-digit long key id of the key that made the signature (a subkey's own id when a subkey signed).</summary>
    public string? KeyId { get; init; }

    /// <summary>The full fingerprint of that key, when it is in the keyring.</summary>
    public string? Fingerprint { get; init; }

    public DateTimeOffset? SignedAt { get; init; }

    /// <summary>The sha256 of the chart layer, as the registry's manifest names it (and the download verifies).</summary>
    public Digest? ChartDigest { get; init; }

    /// <summary>The digest the signed <c>files:</c> map gives for the chart's file name.</summary>
    public string? SignedDigest { get; init; }

    public bool IsVerified => Outcome == ProvenanceOutcome.Verified;

    /// <summary>The outcome as <c>ocitui verify --json</c> writes it: <c>verified</c>, <c>unknown-key</c>, ...</summary>
    public string OutcomeName => NameOf(Outcome);

    public static string NameOf(ProvenanceOutcome outcome) => outcome switch
    {
        ProvenanceOutcome.Verified => "verified",
        ProvenanceOutcome.UnknownKey => "unknown-key",
        ProvenanceOutcome.BadSignature => "bad-signature",
        ProvenanceOutcome.DigestMismatch => "digest-mismatch",
        ProvenanceOutcome.NotSigned => "not-signed",
        ProvenanceOutcome.Expired => "expired",
        ProvenanceOutcome.Revoked => "revoked",
        ProvenanceOutcome.Malformed => "malformed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    /// <summary>"Name &lt;email&gt;", or whichever of the two is known.</summary>
    public string? Signer => (SignerName, SignerEmail) switch
    {
        (null, null) => null,
        (string name, null) => name,
        (null, string email) => $"<{email}>",
        (string name, string email) => $"{name} <{email}>",
    };
}
