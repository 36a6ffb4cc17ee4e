using OciTui.Tests.Trust;
using Terminal.Gui.Input;
using static OciTui.Tests.Tui.Trust.SignedRegistryTui;

namespace OciTui.Tests.Tui.Trust;

/// <summary>
/// Details' Trust view (t) on the real docker-registry: the provenance verdict and signer, every referrer found through
/// the referrers tag schema and cosign's tag scheme with its kind, and Enter opening a referrer's manifest.
/// </summary>
[Collection(SignedChartsCollection.Name)]
public sealed class TrustViewTests(SignedChartsFixture signed)
{
    [SigningFact]
    public async Task The_trust_view_shows_the_signer_and_lists_every_kind_of_referrer()
    {
        (string digest, int size) = await signed.PushCaseAsync("with-referrers", signed.ChartOf("good"), signed.GoodProvenance);
        await signed.Registry.Seeder.PushReferrersAsync(SignedChartsFixture.Repository, digest, size,
            ["application/vnd.cncf.notary.signature", "application/vnd.cyclonedx+json", "application/spdx+json", "application/vnd.in-toto+json"], "attached");
        await signed.Registry.Seeder.PushCosignArtifactsAsync(SignedChartsFixture.Repository, digest, ".sig", ".att", ".sbom");
        using var tui = new TuiHarness([ProfileWith(signed, "signer.gpg")], columns: 120, rows: 50);
        string trust = "";
        await tui.OpenSignedRepository()
            .OpenTag("with-referrers")
            .Keys(Key.T).WaitUntil(_ => DetailsText(tui).Contains("Referrers (7)", StringComparison.Ordinal) && DetailsText(tui).Contains("Outcome", StringComparison.Ordinal), "the trust view")
            .Do(() => trust = DetailsText(tui), "capture")
            .RunAsync(TimeSpan.FromSeconds(40));

        Assert.Contains("Outcome       verified", trust, StringComparison.Ordinal);
        Assert.Contains("Signer        Helm Signer <signer@example.test>", trust, StringComparison.Ordinal);
        Assert.Matches(@"Key ID        [0-9A-F]{16}", trust);
        Assert.Contains("Signed at     ", trust, StringComparison.Ordinal);
        foreach (string kind in new[] { "notation signature", "CycloneDX SBOM", "SPDX SBOM", "in-toto attestation", "cosign signature" })
            Assert.Contains("  " + kind, trust, StringComparison.Ordinal);
        Assert.Contains("created 2026-03-01T10:00:00Z", trust, StringComparison.Ordinal);
        Assert.Contains($"tag {digest.Replace(':', '-')[..20]}", trust, StringComparison.Ordinal);
        // The referrer artifacts are not versions: the version table leaves them out.
        Assert.DoesNotContain(tui.Window.Tags.Source.ToList().Cast<string>(), r => r.Contains("sha256-", StringComparison.Ordinal));
    }

    [SigningFact]
    public async Task Enter_on_a_referrer_opens_its_manifest_and_t_goes_back()
    {
        (string digest, _) = await signed.PushCaseAsync("one-signature", signed.ChartOf("good"), signed.GoodProvenance);
        await signed.Registry.Seeder.PushCosignArtifactsAsync(SignedChartsFixture.Repository, digest, ".sig");
        using var tui = new TuiHarness([ProfileWith(signed, "signer.gpg")], columns: 120, rows: 50);
        await tui.OpenSignedRepository()
            .OpenTag("one-signature")
            .Keys(Key.T).WaitUntil(_ => DetailsText(tui).Contains("cosign signature", StringComparison.Ordinal), "the trust view")
            // A cosign artifact's row is the last (the same chart and .prov make the same manifest as another test's case, which may have more).
            .Keys(Key.G.WithShift, Key.Enter)
            .WaitUntil(_ => DetailsText(tui).Contains("\"dev.cosignproject.cosign/signature\":\"MEUCIQ==\"", StringComparison.Ordinal), "the signature's manifest")
            .WaitFor("(t: back)")
            .Keys(Key.T).WaitUntil(_ => DetailsText(tui).Contains("cosign signature", StringComparison.Ordinal), "back in the trust view")
            .RunAsync(TimeSpan.FromSeconds(40));
    }

    [SigningFact]
    public async Task Enter_off_a_referrer_row_says_where_it_works()
    {
        using var tui = new TuiHarness([ProfileWith(signed, "signer.gpg")], columns: 120, rows: 50);
        await tui.OpenSignedRepository()
            .OpenTag("good")
            .Keys(Key.T).WaitUntil(_ => DetailsText(tui).Contains("Outcome", StringComparison.Ordinal), "the trust view")
            .Keys(Key.G, Key.Enter).WaitFor("go to a referrer's row")
            .RunAsync(TimeSpan.FromSeconds(40));
    }

    [SigningFact]
    public async Task A_signer_name_with_escape_sequences_reaches_the_screen_sanitised()
    {
        using var tui = new TuiHarness([ProfileWith(signed, "evil.gpg")], columns: 120, rows: 50);
        string trust = "";
        await tui.OpenSignedRepository()
            .WaitUntil(_ => RowOf(tui, "evil").EndsWith(" verified", StringComparison.Ordinal), "the evil signer's chart verified")
            .OpenTag("evil")
            .Keys(Key.T).WaitUntil(_ => DetailsText(tui).Contains("Outcome       verified", StringComparison.Ordinal), "the trust view")
            .Do(() => trust = DetailsText(tui) + tui.Screen, "capture")
            .RunAsync(TimeSpan.FromSeconds(40));

        // The escape sequences show as text (\e, \x07): they are not sent to the terminal.
        Assert.Contains(@"Evil\e]0;owned\x07\e[31m Signer", trust, StringComparison.Ordinal);
        Assert.Contains("evil@example.test", trust, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', trust);
        Assert.DoesNotContain('\u0007', trust);
    }
}
