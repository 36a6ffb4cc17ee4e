using System.Diagnostics;
using OciTui.Registry.References;
using OciTui.Registry.Trust;

namespace OciTui.Tests.Trust;

/// <summary>
/// The TUI verifies the provenance of every row in view against one keyring, so the keyring pays for checking an RSA
/// key (BouncyCastle tests its modulus for primality, the bulk of a verification) once, not on every verification
/// (issue 13: a verification under 50 ms once the .prov is in memory).
/// </summary>
[Collection(SignedChartsCollection.Name)]
public sealed class ProvenanceSpeedTests(SignedChartsFixture signed)
{
    private const int Runs = 7;

    [SigningFact]
    public void Verifying_again_with_the_same_keyring_costs_a_fraction_of_the_first_verification_with_an_rsa_key()
    {
        string keyringPath = signed.Keyring("signer.gpg");
        Digest chart = Digest.Parse(signed.ChartDigestOf("good"));
        double Time(Keyring keyring)
        {
            var clock = Stopwatch.StartNew();
            ProvenanceVerdict verdict = ProvenanceVerifier.Verify(signed.GoodProvenance, chart, SignedChartsFixture.ChartFile, keyring, DateTimeOffset.UtcNow);
            double elapsed = clock.Elapsed.TotalMilliseconds;
            Assert.Equal(ProvenanceOutcome.Verified, verdict.Outcome);
            return elapsed;
        }
        Time(Keyring.Load(keyringPath));

        // Medians over several runs, each first verification with a keyring of its own, so one slow run on a busy machine decides nothing.
        List<Keyring> fresh = Enumerable.Range(0, Runs).Select(_ => Keyring.Load(keyringPath)).ToList();
        double first = Median(fresh.Select(Time));
        Keyring shared = Keyring.Load(keyringPath);
        Time(shared);
        double again = Median(Enumerable.Range(0, Runs).Select(_ => Time(shared)));

        Assert.True(again * 4 < first, $"a later verification took {again:0.0} ms, the first with a keyring {first:0.0} ms (the RSA key checked again?)");
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
