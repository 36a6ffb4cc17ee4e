using System.Collections.Concurrent;
using OciTui.Registry.Errors;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto;

namespace OciTui.Registry.Trust;

/// <summary>
/// The OpenPGP public keys provenance is checked against: a GnuPG <c>pubring.gpg</c> (binary packets) or an
/// ASCII-armoured export (<c>gpg --export --armor</c>), as <c>helm verify --keyring</c> reads them.
/// </summary>
public sealed class Keyring
{
    /// <summary>Largest keyring file read: a keyring of thousands of keys is a few MiB.</summary>
    public const long MaxKeyringBytes = 64L * 1024 * 1024;

    private Keyring(string path, PgpPublicKeyRingBundle bundle)
    {
        Path = path;
        Bundle = bundle;
    }

    public string Path { get; }

    internal PgpPublicKeyRingBundle Bundle { get; }

    public int KeyCount => Bundle.Count;

    // Built once per key: the keyring does not change once loaded, and the parameters are immutable, so the checks
    // running at once (the TUI verifies up to 6 rows together) share them. Lazy, so two first checks build them once.
    private readonly ConcurrentDictionary<PgpPublicKey, Lazy<AsymmetricKeyParameter>> _verificationKeys = new(ReferenceEqualityComparer.Instance);

    private readonly ConcurrentDictionary<PgpPublicKey, SigningKeyStanding> _standings = new(ReferenceEqualityComparer.Instance);

    private readonly Lock _certificationGate = new();

    /// <summary>
    /// The key's parameters for checking signatures, made and validated once. BouncyCastle's
    /// <see cref="PgpPublicKey.GetKey"/> makes new ones on every call, and for RSA that means testing the modulus again
    /// (Miller-Rabin rounds: about 140 ms for a 4096-bit key), which made every verification pay for it.
    /// </summary>
    internal AsymmetricKeyParameter VerificationKeyOf(PgpPublicKey key) =>
        _verificationKeys.GetOrAdd(key, static k => new Lazy<AsymmetricKeyParameter>(k.GetKey)).Value;

    /// <summary>
    /// Whether the key may sign and whether it is revoked (<see cref="SigningKeyStanding"/>), checked once per key. A
    /// BouncyCastle <see cref="PgpSignature"/> keeps its hashing state in the object, and the certifications checked are
    /// objects of this shared keyring (a key's checks read its primary key's revocations too), so they run under one lock.
    /// </summary>
    internal SigningKeyStanding StandingOf(PgpPublicKey primary, PgpPublicKey key)
    {
        if (_standings.TryGetValue(key, out SigningKeyStanding? standing)) return standing;
        lock (_certificationGate)
        {
            return _standings.GetOrAdd(key, static (k, p) => SigningKeyStanding.Of(p, k), primary);
        }
    }

    /// <summary>
    /// The keyring to use: <paramref name="explicitPath"/> (<c>--keyring</c>), else the profile's <c>keyring</c>, else
    /// <c>$GNUPGHOME/pubring.gpg</c>, else <c>~/.gnupg/pubring.gpg</c> (helm's default).
    /// </summary>
    public static string ChoosePath(string? explicitPath, string? profileKeyring, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath)) return System.IO.Path.GetFullPath(explicitPath);
        if (!string.IsNullOrWhiteSpace(profileKeyring)) return profileKeyring;
        string? home = environment("GNUPGHOME");
        if (string.IsNullOrWhiteSpace(home))
            home = System.IO.Path.Combine(environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".gnupg");
        return System.IO.Path.Combine(home, "pubring.gpg");
    }

    public static Keyring Load(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
            throw new InvalidInputException($"The keyring {path} does not exist.")
            {
                Hint = "Pass --keyring FILE (a public keyring: gpg --export KEYID > FILE), or set \"keyring\" in the profile.",
            };
        if (file.Length > MaxKeyringBytes)
            throw new InvalidInputException($"The keyring {path} is larger than {MaxKeyringBytes / 1024 / 1024} MiB; it is not a keyring ocitui reads.");
        try
        {
            using FileStream stream = file.OpenRead();
            // GetDecoderStream takes armoured and binary input alike; the bundle skips secret keys it is not given.
            using Stream decoded = PgpUtilities.GetDecoderStream(stream);
            return new Keyring(path, new PgpPublicKeyRingBundle(decoded));
        }
        catch (Exception e) when (e is IOException or PgpException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidInputException($"The keyring {path} is not an OpenPGP public keyring.", e)
            {
                Hint = "Export one with gpg --export KEYID > FILE (GnuPG 2.1's pubring.kbx is not read).",
            };
        }
    }

    /// <summary>A keyring from bytes (binary or armoured); for tests and for keys held in memory.</summary>
    public static Keyring FromBytes(byte[] content, string name)
    {
        using var stream = new MemoryStream(content, writable: false);
        using Stream decoded = PgpUtilities.GetDecoderStream(stream);
        return new Keyring(name, new PgpPublicKeyRingBundle(decoded));
    }
}
