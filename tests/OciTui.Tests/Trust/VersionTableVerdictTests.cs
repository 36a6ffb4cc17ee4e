using OciTui.Registry;
using OciTui.Registry.Browsing;
using OciTui.Registry.Trust;
using OciTui.Tests.Tui;
using static OciTui.Tests.Tui.Trust.SignedRegistryTui;

namespace OciTui.Tests.Trust;

/// <summary>The version table's verdicts: every look at the rows brings their trust words up to date.</summary>
[Collection(SignedChartsCollection.Name)]
public sealed class VersionTableVerdictTests(SignedChartsFixture signed)
{
    [SigningFact]
    public async Task A_verdict_that_arrived_while_nobody_waited_is_reported_by_the_next_look_at_the_rows()
    {
        using var registry = new HeldRegistry(RegistryFactory.Open(ProfileWith(signed, null)));
        var loader = new TagSummaryLoader(registry, SignedChartsFixture.Repository);
        await loader.LoadAsync(["good"], (_, _) => { }, CancellationToken.None);
        string prov = loader.Cached("good")!.Details!.Manifest.Manifest!.ProvenanceLayer!.Digest.ToString();
        var checks = new ProvenanceChecks(registry, Keyring.Load(signed.Keyring("signer.gpg")));
        registry.Hold(prov);

        // The rows in view change while the .prov is on its way: that look stops waiting, the check runs on and ends unseen.
        using var rowsInView = new CancellationTokenSource();
        Task firstLook = loader.VerifyAsync(["good"], checks, (_, _) => { }, rowsInView.Token);
        while (!registry.IsWaiting(prov)) await Task.Delay(10);
        await rowsInView.CancelAsync();
        await firstLook.WaitAsync(TimeSpan.FromSeconds(10));
        registry.Release(prov);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (checks.Cached(loader.Cached("good")!.Details!) is null) await Task.Delay(10, patience.Token);

        var reported = new List<(string Tag, ProvenanceOutcome Outcome)>();
        await loader.VerifyAsync(["good"], checks, (tag, verdict) => reported.Add((tag, verdict.Outcome)), CancellationToken.None);

        Assert.Equal([("good", ProvenanceOutcome.Verified)], reported);
        Assert.Equal(1, registry.Reads(prov));
    }
}
