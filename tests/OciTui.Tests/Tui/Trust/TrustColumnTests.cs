using System.Text.RegularExpressions;
using OciTui.Tests.Trust;
using Terminal.Gui.Input;
using static OciTui.Tests.Tui.Trust.SignedRegistryTui;

namespace OciTui.Tests.Tui.Trust;

/// <summary>
/// The version table's trust column on the real docker-registry, with charts signed by helm and gpg: verified,
/// unknown (a key not in the keyring), BAD (altered or replaced) or nothing (not signed); "signed" without a keyring.
/// </summary>
[Collection(SignedChartsCollection.Name)]
public sealed partial class TrustColumnTests(SignedChartsFixture signed)
{
    private static readonly (string Tag, string Trust)[] Expected =
    [
        ("good", "verified"), ("1.0.0", "verified"), ("subkey", "unknown"), ("evil", "unknown"),
        ("chart-tampered", "BAD"), ("text-tampered", "BAD"), ("signature-tampered", "BAD"),
    ];

    [SigningFact]
    public async Task The_trust_column_says_verified_unknown_key_bad_or_nothing()
    {
        await signed.Registry.Seeder.PushChartAsync(SignedChartsFixture.Repository, new ChartArchiveBuilder("signed", "0.9.0"));
        using var tui = new TuiHarness([ProfileWith(signed, "signer.gpg")], columns: 120, rows: 50);
        await tui.OpenSignedRepository()
            .WaitFor("Trust")
            .WaitUntil(_ => Expected.All(e => RowOf(tui, e.Tag).EndsWith(" " + e.Trust, StringComparison.Ordinal)) && RowOf(tui, "0.9.0").Length > 0,
                "every signed row verified")
            .Do(() =>
            {
                Assert.Matches(EndsWithTheDate(), RowOf(tui, "0.9.0"));
                Assert.Contains("verified", tui.Screen, StringComparison.Ordinal);
                Assert.Contains("BAD", tui.Screen, StringComparison.Ordinal);
            }, "the unsigned chart has no trust word")
            .RunAsync(TimeSpan.FromSeconds(40));
    }

    [SigningFact]
    public async Task Without_a_keyring_signed_charts_say_signed_and_the_trust_view_says_why()
    {
        using var tui = new TuiHarness([ProfileWith(signed, keyring: null)], columns: 120, rows: 50);
        await tui.OpenSignedRepository()
            .WaitUntil(_ => RowOf(tui, "good").EndsWith(" signed", StringComparison.Ordinal) && RowOf(tui, "chart-tampered").EndsWith(" signed", StringComparison.Ordinal),
                "signed, not verified")
            .OpenTag("good")
            .Keys(Key.T).WaitUntil(_ => DetailsText(tui).Contains("Signed, not verified: there is no keyring", StringComparison.Ordinal), "why not verified")
            .RunAsync(TimeSpan.FromSeconds(40));
    }

    /// <summary>A row without a trust word ends with its created date.</summary>
    [GeneratedRegex(@"\d{4}-\d\d-\d\d( \d\d:\d\d)?$")]
    private static partial Regex EndsWithTheDate();
}
