using System.Security.Cryptography;
using OciTui.Tests.Trust;
using Terminal.Gui.Input;
using static OciTui.Tests.Tui.Trust.SignedRegistryTui;

namespace OciTui.Tests.Tui.Trust;

/// <summary>
/// With a keyring, the download dialog verifies a signed chart's provenance before anything is written: a keyring that
/// refuses leaves nothing under the final names (as ocitui pull --verify), one that verifies saves the chart and its .prov.
/// </summary>
[Collection(SignedChartsCollection.Name)]
public sealed class DownloadDialogTrustTests(SignedChartsFixture signed) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-tui-trust-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [SigningFact]
    public async Task A_keyring_that_does_not_hold_the_signer_refuses_and_nothing_is_saved()
    {
        using var tui = new TuiHarness([ProfileWith(signed, "other.gpg")], workingDirectory: _directory, columns: 120, rows: 50);
        await tui.OpenSignedRepository()
            .OpenTag("good")
            .Keys(Key.D).WaitFor(SignedChartsFixture.ChartFile)
            .WaitFor("Signed: verified against other.gpg before it is saved.")
            .Keys(Key.Enter).WaitFor("Provenance unknown-key")
            .RunAsync(TimeSpan.FromSeconds(40));

        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [SigningFact]
    public async Task A_keyring_that_holds_the_signer_verifies_and_saves_the_chart_and_its_prov()
    {
        using var tui = new TuiHarness([ProfileWith(signed, "signer.gpg")], workingDirectory: _directory, columns: 120, rows: 50);
        await tui.OpenSignedRepository()
            .OpenTag("good")
            .Keys(Key.D).WaitFor(SignedChartsFixture.ChartFile)
            .Keys(Key.Enter).WaitFor("verified sha256:")
            .WaitFor("Provenance verified: Signed by Helm Signer")
            .RunAsync(TimeSpan.FromSeconds(40));

        string chart = Path.Combine(_directory, SignedChartsFixture.ChartFile);
        Assert.Equal(signed.ChartDigestOf("good"), $"sha256:{Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(chart)))}");
        Assert.Equal(signed.GoodProvenance, await File.ReadAllBytesAsync(chart + ".prov"));
        Assert.Equal([SignedChartsFixture.ChartFile, SignedChartsFixture.ChartFile + ".prov"], Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName).Order());
    }

    [SigningFact]
    public async Task A_chart_replaced_after_signing_is_refused_and_nothing_is_saved()
    {
        using var tui = new TuiHarness([ProfileWith(signed, "signer.gpg")], workingDirectory: _directory, columns: 120, rows: 50);
        await tui.OpenSignedRepository()
            .OpenTag("chart-tampered")
            .Keys(Key.D).WaitFor(SignedChartsFixture.ChartFile)
            .Keys(Key.Enter).WaitFor("Provenance digest-mismatch")
            .RunAsync(TimeSpan.FromSeconds(40));

        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }
}
