using System.Text;
using OciTui.Registry.Compare;
using OciTui.Registry.Errors;
using OciTui.Registry.Inspection;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace OciTui.Registry.Trust;

/// <summary>
/// Verifies a Helm chart's provenance as <c>helm verify</c> does (helm's <c>pkg/provenance</c>): the .prov is an
/// OpenPGP clear-signed message (<see href="https://www.rfc-editor.org/rfc/rfc4880#section-7">RFC 4880 §7</see>) whose
/// signature must come from a key in the keyring, and whose signed text ends in a YAML <c>files:</c> map giving
/// <c>&lt;chart&gt;-&lt;version&gt;.tgz: sha256:&lt;hex&gt;</c>, which must be the chart layer's digest
/// (<see href="https://helm.sh/docs/topics/provenance/">Helm: provenance and integrity</see>). Like helm, a key that
/// has expired is refused even for a signature made before it expired.
/// </summary>
public static class ProvenanceVerifier
{
    /// <summary>Largest .prov read: helm's are a few KiB (Chart.yaml plus one digest and a signature).</summary>
    public const long MaxProvenanceBytes = 1024 * 1024;

    private const int NameLength = 120;

    /// <summary>Reads the tag's provenance layer (size-capped) and verifies it against its chart layer.</summary>
    public static async Task<ProvenanceVerdict> VerifyAsync(IRegistry registry, ArtifactDetails details, Keyring keyring, TimeProvider? time = null,
        CancellationToken cancellationToken = default, Action<byte[]>? provenanceRead = null)
    {
        Descriptor chartLayer = Transfers.ChartPuller.ChartLayerOf(details);
        Digest chartDigest = DescriptorRules.Validate(chartLayer, "layer");
        if (details.Manifest.Manifest?.ProvenanceLayer is not { } provenance)
            return new ProvenanceVerdict(ProvenanceOutcome.NotSigned,
                "The chart is not signed: it has no provenance layer, so there is nothing to verify; ask its publisher to sign it (helm package --sign).")
            { ChartDigest = chartDigest };
        if (provenance.Size > MaxProvenanceBytes)
            return Malformed($"The provenance layer is {ByteSize.Format(provenance.Size)}, more than the {ByteSize.Format(MaxProvenanceBytes)} a .prov can be; it was not read.", chartDigest);
        byte[] content = await registry.GetBlobAsync(details.Repository, provenance, MaxProvenanceBytes, cancellationToken).ConfigureAwait(false);
        provenanceRead?.Invoke(content);
        return Verify(content, chartDigest, ChartFileNameOf(details), keyring, (time ?? TimeProvider.System).GetUtcNow());
    }

    /// <summary>The name helm's <c>files:</c> map gives the chart: <c>&lt;name&gt;-&lt;version&gt;.tgz</c> from its Chart.yaml.</summary>
    public static string ChartFileNameOf(ArtifactDetails details) =>
        details.Chart is { Name: { } name, Version: { } version } ? $"{name}-{version}.tgz" : "";

    /// <summary>Verifies a .prov already in memory; never throws for hostile content (that is a <see cref="ProvenanceOutcome.Malformed"/> verdict).</summary>
    public static ProvenanceVerdict Verify(ReadOnlySpan<byte> provenance, Digest chartDigest, string chartFileName, Keyring keyring, DateTimeOffset now)
    {
        if (provenance.Length > MaxProvenanceBytes)
            return Malformed($"The provenance is {ByteSize.Format(provenance.Length)}, more than the {ByteSize.Format(MaxProvenanceBytes)} a .prov can be; it was not read.", chartDigest);
        ClearSignedMessage message;
        try
        {
            message = ClearSignedMessage.Read(provenance.ToArray());
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return Malformed("The provenance is not an OpenPGP clear-signed message; it cannot be verified, so ask the chart's publisher to sign it again.", chartDigest);
        }

        PgpSignature signature = message.Signature;
        string keyId = signature.KeyId.ToString("X16", System.Globalization.CultureInfo.InvariantCulture);
        DateTimeOffset signedAt = new(DateTime.SpecifyKind(signature.CreationTime, DateTimeKind.Utc));
        PgpPublicKey? key = keyring.Bundle.GetPublicKey(signature.KeyId);
        if (key is null)
        {
            return new ProvenanceVerdict(ProvenanceOutcome.UnknownKey,
                $"The chart is signed by key {keyId}, which is not in the keyring {TerminalText.Sanitize(keyring.Path, 200)}; import the publisher's public key (gpg --recv-keys {keyId}, then gpg --export {keyId} > FILE) and pass it with --keyring FILE.")
            { KeyId = keyId, SignedAt = signedAt, ChartDigest = chartDigest };
        }
        PgpPublicKey primary = keyring.Bundle.GetPublicKeyRing(signature.KeyId).GetPublicKey();
        // As helm's go-crypto: a key that may not sign is not looked at, so the signature's key counts as unknown.
        SigningKeyStanding standing = keyring.StandingOf(primary, key);
        if (standing.Refusal is { } refusal)
        {
            return new ProvenanceVerdict(ProvenanceOutcome.UnknownKey,
                $"The chart is signed by key {keyId}, which the keyring {TerminalText.Sanitize(keyring.Path, 200)} holds but {refusal}, so it may not sign; helm refuses it too: ask the publisher for the key they sign charts with.")
            { KeyId = keyId, SignedAt = signedAt, ChartDigest = chartDigest };
        }
        (string? name, string? email) = SignerOf(primary);
        ProvenanceVerdict Verdict(ProvenanceOutcome outcome, string summary, string? signedDigest = null) => new(outcome, summary)
        {
            SignerName = name,
            SignerEmail = email,
            KeyId = keyId,
            Fingerprint = Convert.ToHexString(key.GetFingerprint()),
            SignedAt = signedAt,
            ChartDigest = chartDigest,
            SignedDigest = signedDigest,
        };
        string who = name ?? email ?? $"key {keyId}";

        bool good;
        try
        {
            good = DocumentSignature.Verifies(signature, key, message.SignedText, keyring);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            good = false;
        }
        if (!good)
            return Verdict(ProvenanceOutcome.BadSignature,
                $"The provenance signature does not match its text (claimed signer {who}, key {keyId}): the .prov was altered after signing; do not install this chart, and tell its publisher.");

        if (standing.Revoked)
            return Verdict(ProvenanceOutcome.Revoked,
                $"The signing key {keyId} ({who}) has been revoked by its owner; do not trust this signature, and ask the publisher for a chart signed with their current key.");
        if (ExpiryOf(primary) is { } primaryExpiry && primaryExpiry <= now || key != primary && ExpiryOf(key) is { } keyExpiry && keyExpiry <= now)
            return Verdict(ProvenanceOutcome.Expired,
                $"The signing key {keyId} ({who}) has expired; helm refuses it too, so get the publisher's renewed key (gpg --refresh-keys {keyId}) and export it to the keyring again.");

        // helm's ParseMessageBlock: the signed text is Chart.yaml, a "..." line (YAML's document end), then the files: map.
        string? signedDigest = SignedDigestOf(message.PlainText, chartFileName);
        if (signedDigest is null)
            return Verdict(ProvenanceOutcome.DigestMismatch,
                $"The signed provenance lists no digest for {TerminalText.Sanitize(chartFileName, NameLength)}: it was made for another chart; do not install this one.");
        if (!string.Equals(signedDigest, chartDigest.ToString(), StringComparison.Ordinal))
            return Verdict(ProvenanceOutcome.DigestMismatch,
                $"The chart's digest {chartDigest.Short} is not the {TerminalText.Sanitize(signedDigest, 80)} that {who} signed: the chart was replaced after signing; do not install it.",
                signedDigest);
        return Verdict(ProvenanceOutcome.Verified,
            $"Signed by {who}{(email is not null && name is not null ? $" <{email}>" : "")}, key {keyId}, on {signedAt:yyyy-MM-dd HH:mm:ss}Z; the chart's digest is the one signed.",
            signedDigest);
    }

    private static ProvenanceVerdict Malformed(string summary, Digest chartDigest) => new(ProvenanceOutcome.Malformed, summary) { ChartDigest = chartDigest };

    private static (string? Name, string? Email) SignerOf(PgpPublicKey primary)
    {
        string? userId = primary.GetUserIds().FirstOrDefault();
        if (userId is null) return (null, null);
        // "Name (comment) <email>": the usual GnuPG form; anything else is the name as it stands.
        int open = userId.LastIndexOf('<');
        int close = userId.LastIndexOf('>');
        string? email = open >= 0 && close > open ? userId[(open + 1)..close] : null;
        string name = (open >= 0 ? userId[..open] : userId).Trim();
        return (name.Length == 0 ? null : TerminalText.Sanitize(name, NameLength), email is null ? null : TerminalText.Sanitize(email, NameLength));
    }

    /// <summary>When the key stops being valid (from its self-signature's key expiration time), or null for never.</summary>
    private static DateTimeOffset? ExpiryOf(PgpPublicKey key)
    {
        long seconds = key.GetValidSeconds();
        return seconds <= 0 ? null : new DateTimeOffset(DateTime.SpecifyKind(key.CreationTime, DateTimeKind.Utc)).AddSeconds(seconds);
    }

    /// <summary>The <c>files:</c> entry for the chart, read with a YAML parser from the part after the first <c>...</c> line.</summary>
    private static string? SignedDigestOf(string plainText, string chartFileName)
    {
        string text = plainText.Replace("\r\n", "\n", StringComparison.Ordinal);
        int separator = text.IndexOf("\n...\n", StringComparison.Ordinal);
        if (separator < 0 || chartFileName.Length == 0) return null;
        // The values reader: the same YAML rules and the same limits (aliases, depth) as every other chart file.
        YamlReadResult yaml = YamlReader.Read(text[(separator + 5)..]);
        return yaml.Value is YamlMap root && root.Find("files") is YamlMap files && files.Find(chartFileName) is YamlScalar { Kind: not ScalarKind.Null } digest
            ? digest.Text
            : null;
    }

    /// <summary>A clear-signed message split by BouncyCastle's armour reader: the text as signed, as read, and the signature.</summary>
    private sealed record ClearSignedMessage(byte[] SignedText, string PlainText, PgpSignature Signature)
    {
        public static ClearSignedMessage Read(byte[] content)
        {
            using var armoured = new ArmoredInputStream(new MemoryStream(content, writable: false));
            if (!armoured.IsClearText()) throw new PgpException("not a clear-signed message");
            // The armour reader undoes dash-escaping and returns the clear text until the signature's armour header; the
            // byte that ends clear-text mode is the header's first dash, not text.
            var clear = new MemoryStream();
            int next;
            while ((next = armoured.ReadByte()) >= 0 && armoured.IsClearText()) clear.WriteByte((byte)next);
            string plainText = Encoding.UTF8.GetString(clear.GetBuffer(), 0, (int)clear.Length);

            var factory = new PgpObjectFactory(armoured);
            if (factory.NextPgpObject() is not PgpSignatureList { Count: > 0 } signatures) throw new PgpException("no signature");
            return new ClearSignedMessage(CanonicalText(clear.ToArray()), plainText, signatures[0]);
        }

        /// <summary>
        /// The bytes a clear-signature covers (RFC 4880 §7.1): lines end in CRLF, trailing spaces and tabs are dropped,
        /// and the line break before the signature's armour is not part of it. Bytes, not decoded text, so any byte signs as it is.
        /// </summary>
        private static byte[] CanonicalText(byte[] clear)
        {
            var lines = new List<ArraySegment<byte>>();
            int start = 0;
            for (int i = 0; i <= clear.Length; i++)
            {
                if (i < clear.Length && clear[i] != (byte)'\n') continue;
                int end = i;
                if (end > start && clear[end - 1] == (byte)'\r') end--;
                while (end > start && clear[end - 1] is (byte)' ' or (byte)'\t') end--;
                lines.Add(new ArraySegment<byte>(clear, start, end - start));
                start = i + 1;
            }
            // The last segment follows the final line break (the one before the armour): it is empty and not signed.
            if (clear.Length > 0 && clear[^1] == (byte)'\n') lines.RemoveAt(lines.Count - 1);
            var signed = new MemoryStream(clear.Length + lines.Count);
            for (int i = 0; i < lines.Count; i++)
            {
                if (i > 0) signed.Write("\r\n"u8);
                signed.Write(lines[i]);
            }
            return signed.ToArray();
        }
    }
}
