using System.Text;
using OciTui.Registry.References;
using OciTui.Registry.Trust;
using OciTui.Tests.Cli;

namespace OciTui.Tests.Trust;

/// <summary>Hostile .prov content is a <see cref="ProvenanceOutcome.Malformed"/> verdict, read within a size cap, never a crash (issue 13).</summary>
[Collection(SignedChartsCollection.Name)]
public sealed class HostileProvenanceTests(SignedChartsFixture signed)
{
    private static readonly Digest AnyChart = Digest.ComputeSha256("chart"u8);

    [SigningFact]
    public async Task A_100_MiB_prov_layer_is_refused_without_being_downloaded()
    {
        byte[] huge = new byte[100 * 1024 * 1024];
        signed.GoodProvenance.CopyTo(huge, 0);
        await signed.PushCaseAsync("huge-prov", signed.ChartOf("good"), huge);

        CliRun run = await CliRun.RunAsync(["verify", signed.Reference("huge-prov"), "--plain-http", "--keyring", signed.Keyring("signer.gpg")]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{signed.Reference("huge-prov")[6..]}: malformed", run.Out, StringComparison.Ordinal);
        Assert.Contains("100 MiB", run.Out, StringComparison.Ordinal);
    }

    [SigningFact]
    public void A_prov_over_the_cap_in_memory_is_malformed()
    {
        byte[] huge = new byte[ProvenanceVerifier.MaxProvenanceBytes + 1];

        ProvenanceVerdict verdict = ProvenanceVerifier.Verify(huge, AnyChart, "signed-1.0.0.tgz", Keyring.Load(signed.Keyring("signer.gpg")), DateTimeOffset.UtcNow);

        Assert.Equal(ProvenanceOutcome.Malformed, verdict.Outcome);
    }

    /// <summary>A signature packet (new format, tag 2) whose five-octet length claims 2 GiB, then a claimed subpacket area of 64 KiB in a short packet.</summary>
    [SigningTheory]
    [InlineData(new byte[] { 0xC2, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0x04, 0x01, 0x0A, 0x08 })]
    [InlineData(new byte[] { 0xC2, 0x0C, 0x04, 0x01, 0x0A, 0x08, 0xFF, 0xFF, 0x05, 0xFF, 0xFF, 0xFF, 0xFF, 0x02 })]
    public void A_signature_packet_claiming_a_huge_length_is_malformed(byte[] packet)
    {
        string text = SignedChartsFixture.SignedTextOf(signed.GoodProvenance);
        string prov = $"-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n{text}-----BEGIN PGP SIGNATURE-----\n\n{Convert.ToBase64String(packet)}\n-----END PGP SIGNATURE-----\n";

        ProvenanceVerdict verdict = ProvenanceVerifier.Verify(Encoding.UTF8.GetBytes(prov), AnyChart, "signed-1.0.0.tgz", Keyring.Load(signed.Keyring("signer.gpg")), DateTimeOffset.UtcNow);

        Assert.Equal(ProvenanceOutcome.Malformed, verdict.Outcome);
    }

    [SigningFact]
    public void A_prov_that_is_not_clear_signed_is_malformed()
    {
        ProvenanceVerdict verdict = ProvenanceVerifier.Verify("name: signed\n...\nfiles:\n  signed-1.0.0.tgz: sha256:00\n"u8, AnyChart, "signed-1.0.0.tgz",
            Keyring.Load(signed.Keyring("signer.gpg")), DateTimeOffset.UtcNow);

        Assert.Equal(ProvenanceOutcome.Malformed, verdict.Outcome);
    }
}
