using System.Text.Json;
using OciTui.Tests.Cli;

namespace OciTui.Tests.Trust;

/// <summary>
/// For every signed case, <c>ocitui verify</c> reaches the verdict <c>helm verify</c> reaches on the same chart and
/// .prov with the same keyring: success for the same cases, failure for the same cases, and the outcome named (issue 13).
/// </summary>
[Collection(SignedChartsCollection.Name)]
public sealed class ProvenanceAgreementTests(SignedChartsFixture signed)
{
    [SigningTheory]
    [InlineData("good", "signer.gpg", "verified")]
    [InlineData("good", "other.gpg", "unknown-key")]
    [InlineData("chart-tampered", "signer.gpg", "digest-mismatch")]
    [InlineData("text-tampered", "signer.gpg", "bad-signature")]
    [InlineData("signature-tampered", "signer.gpg", "bad-signature")]
    [InlineData("expired", "expired.gpg", "expired")]
    [InlineData("subkey", "subkey.gpg", "verified")]
    [InlineData("revoked", "revoked.gpg", "revoked")]
    [InlineData("revoked", "revoked-before.gpg", "verified")]
    [InlineData("unflagged", "unflagged.gpg", "unknown-key")]
    [InlineData("unflagged-subkey", "unflagged-subkey.gpg", "unknown-key")]
    [InlineData("subkey", "grafted.gpg", "unknown-key")]
    public async Task Verify_agrees_with_helm_verify_on_the_same_files(string tag, string keyring, string outcome)
    {
        using HelmClient helm = await HelmClient.CreateAsync();
        HelmRun byHelm = await helm.RunAsync(["verify", signed.FilesOf(tag), "--keyring", signed.Keyring(keyring)]);
        CliRun run = await CliRun.RunAsync(["verify", signed.Reference(tag), "--plain-http", "--keyring", signed.Keyring(keyring), "--json"]);

        Assert.True(byHelm.ExitCode == 0 == (outcome == "verified"), $"helm verify: {byHelm.ExitCode} {byHelm.Error}");
        Assert.Equal(byHelm.ExitCode == 0 ? 0 : 1, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal(outcome, json.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(signed.ChartDigestOf(tag), json.RootElement.GetProperty("chartDigest").GetString());
    }

    /// <summary>The helm v4 here reads binary keyrings only ("tag byte does not have MSB set" for an export with --armor); ocitui reads both.</summary>
    [SigningFact]
    public async Task An_armoured_keyring_verifies_as_the_binary_export_of_the_same_key_does()
    {
        CliRun armoured = await CliRun.RunAsync(["verify", signed.Reference("good"), "--plain-http", "--keyring", signed.Keyring("signer.asc"), "--json"]);
        CliRun binary = await CliRun.RunAsync(["verify", signed.Reference("good"), "--plain-http", "--keyring", signed.Keyring("signer.gpg"), "--json"]);

        Assert.Equal((0, 0), (armoured.ExitCode, binary.ExitCode));
        Assert.Equal(binary.Out, armoured.Out);
    }

    [SigningFact]
    public async Task A_verified_chart_names_its_signer_key_and_the_signed_digest()
    {
        CliRun run = await CliRun.RunAsync(["verify", signed.Reference("good"), "--plain-http", "--keyring", signed.Keyring("signer.gpg"), "--json"]);

        using JsonDocument json = JsonDocument.Parse(run.Out);
        JsonElement root = json.RootElement;
        Assert.Equal("Helm Signer <signer@example.test>", root.GetProperty("signer").GetString());
        Assert.Matches("^[0-9A-F]{16}$", root.GetProperty("keyId").GetString());
        Assert.Equal(root.GetProperty("chartDigest").GetString(), root.GetProperty("signedDigest").GetString());
    }

    [SigningFact]
    public async Task The_tampered_chart_shows_both_the_chart_digest_and_the_signed_one()
    {
        CliRun run = await CliRun.RunAsync(["verify", signed.Reference("chart-tampered"), "--plain-http", "--keyring", signed.Keyring("signer.gpg"), "--json"]);

        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal(signed.ChartDigestOf("good"), json.RootElement.GetProperty("signedDigest").GetString());
        Assert.NotEqual(json.RootElement.GetProperty("signedDigest").GetString(), json.RootElement.GetProperty("chartDigest").GetString());
    }

    [SigningFact]
    public async Task Escape_sequences_in_the_signers_name_never_reach_the_terminal()
    {
        CliRun run = await CliRun.RunAsync(["verify", signed.Reference("evil"), "--plain-http", "--keyring", signed.Keyring("evil.gpg")]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Signer", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Out);
        Assert.DoesNotContain('\u0007', run.Out);
    }
}
