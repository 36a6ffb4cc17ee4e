using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace OciTui.Registry.Trust;

/// <summary>
/// Checks an OpenPGP signature over a document: the hash of the document's bytes followed by the signature's trailer
/// (<see href="https://www.rfc-editor.org/rfc/rfc4880#section-5.2.4">RFC 4880 §5.2.4</see>), checked with the signer's
/// public key. For RSA keys it uses the parameters the <see cref="Keyring"/> built and validated once per key:
/// <see cref="PgpSignature.InitVerify"/> takes only a <see cref="PgpPublicKey"/> and makes new parameters from it
/// each time, testing the RSA modulus again (about 140 ms for a 4096-bit key, against a 50 ms budget for the
/// TUI's per-row check). Every other key goes through <see cref="PgpSignature"/> itself: making its parameters is
/// cheap (an Ed25519 check takes under a millisecond), and BouncyCastle keeps its EdDSA signer internal.
/// </summary>
internal static class DocumentSignature
{
    public static bool Verifies(PgpSignature signature, PgpPublicKey key, byte[] document, Keyring keyring)
    {
        // Versions 3 and 4 hash the document then the trailer and nothing else; a later version (v6 adds a salt) is
        // left to BouncyCastle, whatever it makes of it.
        if (!IsRsaSignature(signature.KeyAlgorithm) || !IsRsaKey(key.Algorithm) || signature.Version is not (3 or 4))
        {
            signature.InitVerify(key);
            signature.Update(document);
            return signature.Verify();
        }
        // The signer PgpSignature.InitVerify makes for the signature's algorithms (PKCS#1 v1.5 with its hash, RFC 4880 §5.2.2).
        ISigner signer = SignerUtilities.GetSigner(PgpUtilities.GetSignatureName(signature.KeyAlgorithm, signature.HashAlgorithm));
        signer.Init(false, keyring.VerificationKeyOf(key));
        if (signature.SignatureType == PgpSignature.CanonicalTextDocument) UpdateAsCanonicalText(signer, document);
        else signer.BlockUpdate(document, 0, document.Length);
        byte[] trailer = signature.GetSignatureTrailer();
        signer.BlockUpdate(trailer, 0, trailer.Length);
        return signer.VerifySignature(signature.GetSignature());
    }

    /// <summary>The RSA algorithms a signature names that <see cref="PgpUtilities.GetSignatureName"/> knows (RSA encrypt-only is refused there).</summary>
    private static bool IsRsaSignature(PublicKeyAlgorithmTag algorithm) => algorithm is PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaSign;

    /// <summary>The key algorithms <see cref="PgpPublicKey.GetKey"/> makes RSA parameters for.</summary>
    private static bool IsRsaKey(PublicKeyAlgorithmTag algorithm) =>
        algorithm is PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaSign or PublicKeyAlgorithmTag.RsaEncrypt;

    /// <summary>
    /// A canonical-text signature (type 0x01, RFC 4880 §5.2.1) hashes every line ending as CR LF; CR, LF and CR LF each
    /// count as one, as <see cref="PgpSignature.Update(byte[])"/> hashes them, so both paths agree on every input.
    /// </summary>
    private static void UpdateAsCanonicalText(ISigner signer, byte[] text)
    {
        byte previous = 0;
        foreach (byte b in text)
        {
            if (b == (byte)'\r' || b == (byte)'\n' && previous != (byte)'\r')
            {
                signer.Update((byte)'\r');
                signer.Update((byte)'\n');
            }
            else if (b != (byte)'\n')
            {
                signer.Update(b);
            }
            previous = b;
        }
    }
}
