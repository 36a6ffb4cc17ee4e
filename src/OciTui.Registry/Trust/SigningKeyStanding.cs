using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace OciTui.Registry.Trust;

/// <summary>
/// What the keyring's certifications say of a signing key: whether it has been revoked, and whether it may sign at
/// all, as helm's OpenPGP library (ProtonMail go-crypto, <c>KeysByIdUsage(id, KeyFlagSign)</c>) decides before it
/// checks a signature: a primary key needs a self-signature on a user ID granting the sign flag; a subkey needs a
/// subkey binding signature from its primary key that verifies and grants the sign flag, and with it the subkey's own
/// cross-signature (the primary key binding signature embedded in it,
/// <see href="https://www.rfc-editor.org/rfc/rfc4880#section-5.2.1">RFC 4880 §5.2.1, 0x18 and 0x19</see>). Without this
/// anyone could append their own subkey to a trusted key's certificate and sign charts with it.
/// Key flags: <see href="https://www.rfc-editor.org/rfc/rfc4880#section-5.2.3.21">RFC 4880 §5.2.3.21</see>.
/// </summary>
internal sealed record SigningKeyStanding(string? Refusal, bool Revoked)
{
    /// <summary>Checks the key's certifications; not thread-safe (see <see cref="Keyring.StandingOf"/>).</summary>
    public static SigningKeyStanding Of(PgpPublicKey primary, PgpPublicKey key) => new(RefusalOf(primary, key), IsRevoked(primary, key));

    /// <summary>Why the key may not sign (a phrase finishing "which the keyring holds but ..."), or null when it may.</summary>
    private static string? RefusalOf(PgpPublicKey primary, PgpPublicKey key)
    {
        if (key == primary)
        {
            PgpSignature? selfSignature = NewestSelfCertification(primary);
            if (selfSignature is null) return "with no valid self-signature";
            return GrantsSigning(selfSignature) ? null : "without the sign flag in its self-signature";
        }

        // The newest binding from the primary key is the one in force, as go-crypto takes it, and it must verify.
        PgpSignature? binding = key.GetSignaturesOfType(PgpSignature.SubkeyBinding)
            .Where(s => s.KeyId == primary.KeyId).MaxBy(s => s.CreationTime);
        if (binding is null || !VerifiesSafely(() =>
        {
            binding.InitVerify(primary);
            return binding.VerifyCertification(primary, key);
        })) return "as a subkey with no valid binding signature from its primary key";
        if (!GrantsSigning(binding)) return "as a subkey without the sign flag in its binding signature";
        // GnuPG puts the cross-signature in the unhashed area: it is a signature by the subkey itself, so it needs no cover.
        bool crossSigned = new[] { binding.GetHashedSubPackets(), binding.GetUnhashedSubPackets() }
            .SelectMany(area => area?.GetEmbeddedSignatures() is { } list ? Enumerable.Range(0, list.Count).Select(i => list[i]) : [])
            .Any(cross => cross.SignatureType == PgpSignature.PrimaryKeyBinding && VerifiesSafely(() =>
            {
                cross.InitVerify(key);
                return cross.VerifyCertification(primary, key);
            }));
        return crossSigned ? null : "as a signing subkey without a valid cross-signature (the primary key binding signature)";
    }

    /// <summary>The self-signature in force: of the user ID certifications made by the key itself that verify, the one on the primary user ID, else the newest.</summary>
    private static PgpSignature? NewestSelfCertification(PgpPublicKey primary)
    {
        var valid = new List<PgpSignature>();
        foreach (string userId in primary.GetUserIds())
        {
            foreach (PgpSignature certification in primary.GetSignaturesForId(userId))
            {
                if (certification.KeyId != primary.KeyId || certification.SignatureType is < PgpSignature.DefaultCertification or > PgpSignature.PositiveCertification)
                    continue;
                if (VerifiesSafely(() =>
                {
                    certification.InitVerify(primary);
                    return certification.VerifyCertification(userId, primary);
                })) valid.Add(certification);
            }
        }
        return valid.OrderByDescending(s => s.GetHashedSubPackets()?.IsPrimaryUserId() == true).ThenByDescending(s => s.CreationTime).FirstOrDefault();
    }

    /// <summary>A signature with no key flags subpacket grants nothing, as go-crypto reads it (its FlagsValid is false).</summary>
    private static bool GrantsSigning(PgpSignature signature) =>
        signature.GetHashedSubPackets() is { } hashed && hashed.HasSubpacket(SignatureSubpacketTag.KeyFlags) && (hashed.GetKeyFlags() & PgpKeyFlags.CanSign) != 0;

    /// <summary>A revocation counts only when its own signature, made by the primary key, verifies.</summary>
    private static bool IsRevoked(PgpPublicKey primary, PgpPublicKey key)
    {
        foreach (PgpSignature revocation in primary.GetSignaturesOfType(PgpSignature.KeyRevocation))
        {
            if (VerifiesSafely(() =>
            {
                revocation.InitVerify(primary);
                return revocation.VerifyCertification(primary);
            })) return true;
        }
        if (key == primary) return false;
        foreach (PgpSignature revocation in key.GetSignaturesOfType(PgpSignature.SubkeyRevocation))
        {
            if (VerifiesSafely(() =>
            {
                revocation.InitVerify(primary);
                return revocation.VerifyCertification(primary, key);
            })) return true;
        }
        return false;
    }

    /// <summary>A certification that cannot be read or checked does not verify.</summary>
    private static bool VerifiesSafely(Func<bool> verify)
    {
        try
        {
            return verify();
        }
        catch (Exception e) when (e is PgpException or IOException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
