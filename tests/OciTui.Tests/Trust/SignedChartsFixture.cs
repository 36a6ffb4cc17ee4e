using System.Diagnostics;
using System.Text;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace OciTui.Tests.Trust;

/// <summary>
/// A real registry holding charts signed by the real producers: a throwaway key made by gpg in batch mode, a chart
/// packaged and signed by <c>helm package --sign</c> and pushed by <c>helm push</c>; then variants pushed with
/// <see cref="RegistrySeeder"/>: another chart under the signed name, a .prov with one byte of its text or its
/// signature changed, and .provs clear-signed by gpg with an already-expired key, with a signing subkey, by a key
/// whose user ID holds escape sequences, and by a primary key and a subkey that lost the sign flag after signing.
/// Every case's files are also kept on disk for <c>helm verify</c>.
/// </summary>
public sealed class SignedChartsFixture : IAsyncLifetime
{
    public const string Repository = "trust/signed";
    public const string ChartFile = "signed-1.0.0.tgz";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (byte[] Chart, byte[] Provenance)> _cases = new(StringComparer.Ordinal);

    public AnonymousRegistryFixture Registry { get; } = new();

    public string Work { get; private set; } = "";

    public string GnupgHome => Path.Combine(Work, "gnupg");

    public string Reference(string tag) => $"oci://{Registry.Host}/{Repository}:{tag}";

    /// <summary>
    /// A public keyring file exported by gpg: signer.gpg, signer.asc, other.gpg, expired.gpg, subkey.gpg, evil.gpg, revoked.gpg,
    /// unflagged.gpg and unflagged-subkey.gpg (keys that lost the sign flag after signing); grafted.gpg is other.gpg with subkey.gpg's subkey appended.
    /// </summary>
    public string Keyring(string name) => Path.Combine(Work, name);

    /// <summary>The folder holding the case's chart and .prov under helm's names, for <c>helm verify</c>.</summary>
    public string FilesOf(string tag)
    {
        string folder = Path.Combine(Work, "files", tag);
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            (byte[] chart, byte[] provenance) = _cases[tag];
            File.WriteAllBytes(Path.Combine(folder, ChartFile), chart);
            File.WriteAllBytes(Path.Combine(folder, ChartFile + ".prov"), provenance);
        }
        return Path.Combine(folder, ChartFile);
    }

    public byte[] GoodProvenance => _cases["good"].Provenance;

    /// <summary>The sha256 of the chart archive a case's tag holds.</summary>
    public string ChartDigestOf(string tag) => "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(_cases[tag].Chart));

    public async Task InitializeAsync()
    {
        await Registry.InitializeAsync();
        if (!Registry.Started || HelmClient.SkipReason is not null || RequiredTool.Find("gpg") is null) return;
        Work = Directory.CreateTempSubdirectory("ocitui-signed-").FullName;
        Directory.CreateDirectory(GnupgHome);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(GnupgHome, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        await GpgAsync("--quick-gen-key", "Helm Signer <signer@example.test>", "rsa2048", "sign", "never");
        await GpgAsync("--quick-gen-key", "Someone Else <else@example.test>", "ed25519", "sign", "never");
        // gpg will not make a key that has already expired, so it makes it at a faked time in the past, valid for a day.
        await GpgAsync("--faked-system-time", "20200101T000000!", "--quick-gen-key", "Expired Signer <expired@example.test>", "ed25519", "sign", "1d");
        await GpgAsync("--quick-gen-key", "Subkey Signer <subkey@example.test>", "ed25519", "cert", "never");
        await GpgAsync("--quick-add-key", await FingerprintAsync("subkey@example.test"), "ed25519", "sign", "never");
        await GpgAsync("--quick-gen-key", "Evil\u001b]0;owned\u0007\u001b[31m Signer <evil@example.test>", "ed25519", "sign", "never");
        await GpgAsync("--quick-gen-key", "Revoked Signer <revoked@example.test>", "ed25519", "sign", "never");
        // Keys that sign, then lose the sign flag (gpg's change-usage makes new self-signatures): the primary key's, and a signing subkey's.
        await GpgAsync("--quick-gen-key", "Unflagged Signer <unflagged@example.test>", "ed25519", "sign,cert", "never");
        await GpgAsync("--quick-gen-key", "Unflagged Subkey <unflagged-subkey@example.test>", "ed25519", "cert", "never");
        await GpgAsync("--quick-add-key", await FingerprintAsync("unflagged-subkey@example.test"), "ed25519", "sign", "never");
        foreach ((string file, string user, bool armour) in new[]
        {
            ("signer.gpg", "signer@example.test", false), ("signer.asc", "signer@example.test", true), ("other.gpg", "else@example.test", false),
            ("expired.gpg", "expired@example.test", false), ("subkey.gpg", "subkey@example.test", false), ("evil.gpg", "evil@example.test", false),
            ("revoked-before.gpg", "revoked@example.test", false),
        })
            await File.WriteAllBytesAsync(Keyring(file), await GpgOutputAsync(armour ? ["--armor", "--export", user] : ["--export", user]));
        // helm reads a legacy secret keyring (GnuPG 2.1 keeps its keys elsewhere): gpg --export-secret-keys makes one.
        await File.WriteAllBytesAsync(Keyring("secring.gpg"), await GpgOutputAsync(["--export-secret-keys", "signer@example.test"]));

        using HelmClient helm = await HelmClient.CreateAsync();
        (await helm.RunAsync(["create", "signed"], Work)).EnsureSuccess();
        (await helm.RunAsync(["package", "signed", "--version", "1.0.0", "--sign", "--key", "Helm Signer", "--keyring", Keyring("secring.gpg"), "-d", "good"], Work)).EnsureSuccess();
        string packaged = Path.Combine(Work, "good", ChartFile);
        (await helm.RunAsync(["push", packaged, $"oci://{Registry.Host}/trust", "--plain-http"], Work)).EnsureSuccess();
        await Registry.Seeder.RetagAsync(Repository, "1.0.0", "good");
        byte[] chart = await File.ReadAllBytesAsync(packaged);
        byte[] provenance = await File.ReadAllBytesAsync(packaged + ".prov");
        _cases["good"] = (chart, provenance);

        // Another chart under the signed name: same name and version, another appVersion, so another archive.
        (await helm.RunAsync(["package", "signed", "--version", "1.0.0", "--app-version", "6.6.6", "-d", "other"], Work)).EnsureSuccess();
        await PushAsync("chart-tampered", await File.ReadAllBytesAsync(Path.Combine(Work, "other", ChartFile)), provenance);
        await PushAsync("text-tampered", chart, ChangeSignedText(provenance), provenanceFirst: true);
        await PushAsync("signature-tampered", chart, ChangeSignature(provenance));

        string message = Path.Combine(Work, "message.txt");
        await File.WriteAllTextAsync(message, SignedTextOf(provenance));
        await PushAsync("expired", chart, await ClearSignAsync(message, "expired@example.test", "--faked-system-time", "20200101T060000!"), provenanceFirst: true);
        await PushAsync("subkey", chart, await ClearSignAsync(message, "subkey@example.test"));
        await PushAsync("evil", chart, await ClearSignAsync(message, "evil@example.test"));
        await PushAsync("unflagged", chart, await ClearSignAsync(message, "unflagged@example.test"));
        await PushAsync("unflagged-subkey", chart, await ClearSignAsync(message, "unflagged-subkey@example.test"));
        await GpgOutputAsync(["--expert", "--command-fd", "0", "--edit-key", "unflagged@example.test"], "change-usage\nS\nQ\nsave\n");
        await GpgOutputAsync(["--expert", "--command-fd", "0", "--edit-key", "unflagged-subkey@example.test"], "key 1\nchange-usage\nS\nQ\nsave\n");
        await File.WriteAllBytesAsync(Keyring("unflagged.gpg"), await GpgOutputAsync(["--export", "unflagged@example.test"]));
        await File.WriteAllBytesAsync(Keyring("unflagged-subkey.gpg"), await GpgOutputAsync(["--export", "unflagged-subkey@example.test"]));
        // Someone else's certificate with the subkey signer's signing subkey appended: its binding signature is by another primary key.
        await File.WriteAllBytesAsync(Keyring("grafted.gpg"), GraftedKeyring(await File.ReadAllBytesAsync(Keyring("other.gpg")), await File.ReadAllBytesAsync(Keyring("subkey.gpg"))));

        // Signed, then revoked with the revocation certificate gpg made with the key (its armour lines start with ':' so
        // it is not imported by accident; importing it revokes the key).
        await PushAsync("revoked", chart, await ClearSignAsync(message, "revoked@example.test"));
        string certificate = Path.Combine(GnupgHome, "openpgp-revocs.d", await FingerprintAsync("revoked@example.test") + ".rev");
        string revocation = Path.Combine(Work, "revocation.asc");
        await File.WriteAllTextAsync(revocation, (await File.ReadAllTextAsync(certificate)).Replace(":-----BEGIN", "-----BEGIN", StringComparison.Ordinal));
        await GpgAsync("--import", revocation);
        await File.WriteAllBytesAsync(Keyring("revoked.gpg"), await GpgOutputAsync(["--export", "revoked@example.test"]));
    }

    /// <summary>Pushes another case (a test's own hostile .prov) beside the fixture's; returns its manifest's digest and size.</summary>
    public Task<(string Digest, int Size)> PushCaseAsync(string tag, byte[] chart, byte[] provenance) => PushAsync(tag, chart, provenance);

    public byte[] ChartOf(string tag) => _cases[tag].Chart;

    /// <summary>A Helm chart manifest as helm push writes it (config, chart layer, provenance layer), pushed by hand.</summary>
    private async Task<(string Digest, int Size)> PushAsync(string tag, byte[] chart, byte[] provenance, bool provenanceFirst = false)
    {
        _cases[tag] = (chart, provenance);
        RegistrySeeder seeder = Registry.Seeder;
        byte[] config = Encoding.UTF8.GetBytes("""{"name":"signed","version":"1.0.0","apiVersion":"v2"}""");
        string configDigest = await seeder.PushBlobAsync(Repository, config);
        string chartDigest = await seeder.PushBlobAsync(Repository, chart);
        string provenanceDigest = await seeder.PushBlobAsync(Repository, provenance);
        string chartLayer = $$"""{"mediaType":"application/vnd.cncf.helm.chart.content.v1.tar+gzip","digest":"{{chartDigest}}","size":{{chart.Length}}}""";
        string provenanceLayer = $$"""{"mediaType":"application/vnd.cncf.helm.chart.provenance.v1.prov","digest":"{{provenanceDigest}}","size":{{provenance.Length}}}""";
        // The layer order varies from push to push; some cases put the provenance first so picking by media type shows.
        string layers = provenanceFirst ? $"{provenanceLayer},{chartLayer}" : $"{chartLayer},{provenanceLayer}";
        string manifest = $$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.cncf.helm.config.v1+json","digest":"{{configDigest}}","size":{{config.Length}}},"layers":[{{layers}}]}""";
        byte[] bytes = Encoding.UTF8.GetBytes(manifest);
        return (await seeder.PushManifestAsync(Repository, tag, bytes, "application/vnd.oci.image.manifest.v1+json"), bytes.Length);
    }

    /// <summary>The clear text a .prov signs: after the armour headers' blank line, up to the signature's armour.</summary>
    public static string SignedTextOf(byte[] provenance)
    {
        string text = Encoding.UTF8.GetString(provenance);
        int start = text.IndexOf("\n\n", StringComparison.Ordinal) + 2;
        int end = text.IndexOf("-----BEGIN PGP SIGNATURE-----", StringComparison.Ordinal);
        return text[start..end];
    }

    /// <summary>One byte of the signed Chart.yaml changed (the description's first letter).</summary>
    private static byte[] ChangeSignedText(byte[] provenance)
    {
        byte[] changed = (byte[])provenance.Clone();
        int at = Encoding.UTF8.GetString(changed).IndexOf("description: ", StringComparison.Ordinal) + "description: ".Length;
        changed[at] = (byte)(changed[at] == (byte)'A' ? 'B' : 'A');
        return changed;
    }

    /// <summary>
    /// One byte of the signature changed: a base64 character in the middle of the armoured signature, and the armour's
    /// optional checksum line dropped (RFC 4880 §6.2) so the readers judge the signature, not the checksum.
    /// </summary>
    private static byte[] ChangeSignature(byte[] provenance)
    {
        List<string> lines = Encoding.UTF8.GetString(provenance).Split('\n').ToList();
        int begin = lines.IndexOf("-----BEGIN PGP SIGNATURE-----");
        lines.RemoveAll(l => l.Length == 5 && l[0] == '=');
        int end = lines.IndexOf("-----END PGP SIGNATURE-----");
        int line = (begin + end) / 2 + 1;
        char[] chars = lines[line].ToCharArray();
        int middle = chars.Length / 2;
        chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
        lines[line] = new string(chars);
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }

    private async Task<byte[]> ClearSignAsync(string message, string user, params string[] extra) =>
        await GpgOutputAsync([.. extra, "--digest-algo", "SHA512", "--local-user", user, "--clearsign", "--output", "-", message]);

    private async Task<string> FingerprintAsync(string user)
    {
        string listing = Encoding.UTF8.GetString(await GpgOutputAsync(["--with-colons", "--list-keys", user]));
        return listing.Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
    }

    /// <summary>The <paramref name="target"/> certificate with every subkey of <paramref name="donor"/> added, each keeping the donor's binding signature.</summary>
    private static byte[] GraftedKeyring(byte[] target, byte[] donor)
    {
        var ring = new PgpPublicKeyRing(target);
        foreach (PgpPublicKey subkey in new PgpPublicKeyRing(donor).GetPublicKeys().Where(k => !k.IsMasterKey))
            ring = PgpPublicKeyRing.InsertPublicKey(ring, subkey);
        return ring.GetEncoded();
    }

    private Task GpgAsync(params string[] args) => GpgOutputAsync(args);

    private async Task<byte[]> GpgOutputAsync(string[] args, string? input = null)
    {
        var start = new ProcessStartInfo(RequiredTool.Require("gpg"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "--batch", "--pinentry-mode", "loopback", "--passphrase", "" }.Concat(args)) start.ArgumentList.Add(arg);
        start.Environment["GNUPGHOME"] = GnupgHome;
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("gpg did not start");
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        var output = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await copy;
        if (process.ExitCode != 0) throw new InvalidOperationException($"gpg {string.Join(' ', args)} failed: {await error}");
        return output.ToArray();
    }

    public async Task DisposeAsync()
    {
        await Registry.DisposeAsync();
        if (Work.Length > 0 && Directory.Exists(Work)) Directory.Delete(Work, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class SignedChartsCollection : ICollectionFixture<SignedChartsFixture>
{
    public const string Name = "charts signed by helm and gpg";
}

/// <summary>Needs the registry, helm and gpg (skips without them, fails under CI=true).</summary>
public sealed class SigningFactAttribute : FactAttribute
{
    public SigningFactAttribute() => Skip = RequiredTool.SkipReasonFor("docker-registry", "htpasswd", "gpg") ?? HelmClient.SkipReason;
}

public sealed class SigningTheoryAttribute : TheoryAttribute
{
    public SigningTheoryAttribute() => Skip = RequiredTool.SkipReasonFor("docker-registry", "htpasswd", "gpg") ?? HelmClient.SkipReason;
}
