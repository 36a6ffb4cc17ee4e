using OciTui.Registry;
using OciTui.Registry.Inspection;
using OciTui.Registry.References;
using OciTui.Registry.Trust;
using OciTui.Tests.Tui;
using static OciTui.Tests.Tui.Trust.SignedRegistryTui;

namespace OciTui.Tests.Trust;

/// <summary>The verdict cache the version table and the Trust view share: one verification per manifest, whoever stops waiting.</summary>
[Collection(SignedChartsCollection.Name)]
public sealed class ProvenanceChecksTests(SignedChartsFixture signed)
{
    [SigningFact]
    public async Task A_caller_that_stops_waiting_does_not_stop_the_check_and_the_next_caller_gets_its_verdict()
    {
        using var registry = new HeldRegistry(RegistryFactory.Open(ProfileWith(signed, null)));
        ArtifactDetails details = await ArtifactInspector.InspectAsync(registry, SignedChartsFixture.Repository, ManifestReference.ForTag("good"));
        string prov = details.Manifest.Manifest!.ProvenanceLayer!.Digest.ToString();
        var checks = new ProvenanceChecks(registry, Keyring.Load(signed.Keyring("signer.gpg")));
        registry.Hold(prov);

        // The rows in view changed while the .prov was on its way: the table stops waiting at once.
        using var rowsInView = new CancellationTokenSource();
        Task<ProvenanceVerdict> first = checks.CheckAsync(details, rowsInView.Token);
        while (!registry.IsWaiting(prov)) await Task.Delay(10);
        await rowsInView.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(TimeSpan.FromSeconds(10)));

        // The next look at the row waits for the same check instead of starting another.
        Task<ProvenanceVerdict> second = checks.CheckAsync(details, CancellationToken.None);
        registry.Release(prov);
        ProvenanceVerdict verdict = await second;

        Assert.Equal(ProvenanceOutcome.Verified, verdict.Outcome);
        Assert.Equal(1, registry.Reads(prov));
        Assert.Same(verdict, checks.Cached(details));
    }
}
