using OciTui.Tests.Cli;

namespace OciTui.Tests.Trust;

/// <summary>
/// A key the keyring holds but that may not sign (no sign flag, or a subkey its primary key never bound) counts as an
/// unknown key, as helm's go-crypto decides (ProvenanceAgreementTests compares the outcomes), and the sentence says why (issue 13).
/// </summary>
[Collection(SignedChartsCollection.Name)]
public sealed class SigningPermissionTests(SignedChartsFixture signed)
{
    [SigningTheory]
    [InlineData("unflagged", "unflagged.gpg", "without the sign flag in its self-signature")]
    [InlineData("unflagged-subkey", "unflagged-subkey.gpg", "without the sign flag in its binding signature")]
    [InlineData("subkey", "grafted.gpg", "with no valid binding signature from its primary key")]
    public async Task A_key_that_may_not_sign_is_refused_with_the_reason(string tag, string keyring, string reason)
    {
        CliRun run = await CliRun.RunAsync(["verify", signed.Reference(tag), "--plain-http", "--keyring", signed.Keyring(keyring)]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(": unknown-key", run.Out, StringComparison.Ordinal);
        Assert.Contains(reason + ", so it may not sign", run.Out, StringComparison.Ordinal);
    }
}
