using System.Globalization;
using OciTui.Registry.Text;
using OciTui.Registry.Trust;
using static OciTui.Registry.Text.TerminalText;

namespace OciTui.Registry.Browsing;

/// <summary>One line of the Trust view, with the referrer it shows (its index), if it is a referrer's row.</summary>
public sealed record TrustLine(string Text, int? Referrer = null);

/// <summary>The version table's trust column and the Details pane's Trust view, as sanitised text.</summary>
public static class TrustText
{
    /// <summary>The trust column's width: its longest word.</summary>
    public const int ColumnWidth = 8;

    /// <summary>
    /// The trust column: nothing for an unsigned chart (or one not read yet), <c>signed</c> while unverified (or with no
    /// keyring), <c>verified</c>, <c>unknown</c> (signed by a key not in the keyring), or <c>BAD</c> for every other
    /// outcome (altered, replaced, expired, revoked, malformed).
    /// </summary>
    public static string Column(bool signed, ProvenanceVerdict? verdict) => verdict?.Outcome switch
    {
        ProvenanceOutcome.Verified => "verified",
        ProvenanceOutcome.UnknownKey => "unknown",
        ProvenanceOutcome.NotSigned => "",
        null => signed ? "signed" : "",
        _ => "BAD",
    };

    /// <summary>
    /// The Trust view: the provenance outcome and signer (or why there is none), then every referrer with its kind,
    /// type, created and size. <paramref name="provenanceNote"/> says why there is no verdict; <paramref name="referrers"/>
    /// is null while they load, and <paramref name="referrersNote"/> says why they could not be listed.
    /// </summary>
    public static IReadOnlyList<TrustLine> Lines(ProvenanceVerdict? verdict, string? provenanceNote, IReadOnlyList<TagReferrer>? referrers, string? referrersNote)
    {
        var lines = new List<TrustLine>();
        void Add(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value)) lines.Add(new TrustLine($"{label,-16}{Sanitize(value, 300)}"));
        }
        lines.Add(new TrustLine("Provenance"));
        if (verdict is not null)
        {
            Add("  Outcome", verdict.OutcomeName);
            Add("  Signer", verdict.Signer);
            Add("  Key ID", verdict.KeyId);
            Add("  Fingerprint", verdict.Fingerprint);
            Add("  Signed at", verdict.SignedAt?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
            Add("  Chart digest", verdict.ChartDigest?.ToString());
            if (verdict.SignedDigest is { } signed && signed != verdict.ChartDigest?.ToString()) Add("  Signed digest", signed);
            lines.Add(new TrustLine("  " + Sanitize(verdict.Summary, 600)));
        }
        else
        {
            lines.Add(new TrustLine("  " + Sanitize(provenanceNote ?? "checking…", 600)));
        }
        lines.Add(new TrustLine(""));
        if (referrers is null)
        {
            lines.Add(new TrustLine(referrersNote is null ? "Referrers: loading…" : "Referrers: " + Sanitize(referrersNote, 400)));
            return lines;
        }
        lines.Add(new TrustLine(referrers.Count == 0 ? "Referrers: none (no signatures, SBOMs or attestations refer to this tag)" : $"Referrers ({referrers.Count}): Enter opens one's manifest"));
        for (int i = 0; i < referrers.Count; i++)
        {
            TagReferrer referrer = referrers[i];
            string created = referrer.Created is { } c ? $"  created {Sanitize(c, 40)}" : "";
            string where = referrer.Tag is { } tag ? $"  tag {Sanitize(tag, 80)}" : $"  {Sanitize(referrer.Descriptor.Digest, 80)}";
            lines.Add(new TrustLine(
                $"  {ReferrerKinds.Describe(referrer.Kind),-20}{Sanitize(referrer.Type ?? "?", 80)}  {ByteSize.Format(referrer.Descriptor.Size)}{created}{where}", i));
        }
        return lines;
    }
}
