using System.Text.Json;
using OciTui.Tests.Cli;

namespace OciTui.Tests.Trust;

/// <summary><c>ocitui pull --verify</c>: as <c>helm pull --verify</c>, but a failed verification keeps nothing under the final names (issue 13).</summary>
[Collection(SignedChartsCollection.Name)]
public sealed class PullVerifyTests(SignedChartsFixture signed) : IDisposable
{
    private readonly string _destination = Directory.CreateTempSubdirectory("ocitui-pull-verify-").FullName;

    [SigningFact]
    public async Task A_verified_pull_saves_the_chart_and_its_prov_and_helm_verify_accepts_them()
    {
        CliRun run = await CliRun.RunAsync(["pull", signed.Reference("good"), "--plain-http", "--verify", "--keyring", signed.Keyring("signer.gpg"), "-d", _destination, "--json"]);

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal("verified", json.RootElement.GetProperty("verification").GetString());
        string chart = Path.Combine(_destination, SignedChartsFixture.ChartFile);
        Assert.Equal([chart, chart + ".prov"], Directory.GetFiles(_destination).Order(StringComparer.Ordinal));
        using HelmClient helm = await HelmClient.CreateAsync();
        Assert.Equal(0, (await helm.RunAsync(["verify", chart, "--keyring", signed.Keyring("signer.gpg")])).ExitCode);
    }

    [SigningTheory]
    [InlineData("chart-tampered", "signer.gpg", "digest-mismatch")]
    [InlineData("good", "other.gpg", "unknown-key")]
    [InlineData("signature-tampered", "signer.gpg", "bad-signature")]
    [InlineData("expired", "expired.gpg", "expired")]
    public async Task A_pull_whose_provenance_fails_keeps_nothing_at_all(string tag, string keyring, string outcome)
    {
        CliRun run = await CliRun.RunAsync(["pull", signed.Reference(tag), "--plain-http", "--verify", "--keyring", signed.Keyring(keyring), "-d", _destination]);

        Assert.Equal(1, run.ExitCode);
        run.AssertOneCleanErrorLine();
        Assert.Contains($"Provenance {outcome}:", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_destination));
    }

    [SigningFact]
    public async Task A_keyring_without_verify_is_bad_usage()
    {
        CliRun run = await CliRun.RunAsync(["pull", signed.Reference("good"), "--plain-http", "--keyring", signed.Keyring("signer.gpg"), "-d", _destination]);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(_destination));
    }

    [SigningFact]
    public async Task A_missing_keyring_is_bad_usage_with_a_hint()
    {
        CliRun run = await CliRun.RunAsync(["verify", signed.Reference("good"), "--plain-http", "--keyring", Path.Combine(_destination, "none.gpg")]);

        Assert.Equal(2, run.ExitCode);
        run.AssertOneCleanErrorLine();
        Assert.Contains("hint: ", run.Error, StringComparison.Ordinal);
    }

    [SigningFact]
    public async Task Without_keyring_the_GnuPG_home_pubring_is_used()
    {
        string gnupg = Directory.CreateDirectory(Path.Combine(_destination, "gnupg")).FullName;
        File.Copy(signed.Keyring("signer.gpg"), Path.Combine(gnupg, "pubring.gpg"));
        CliRun run = await CliRun.RunAsync(["verify", signed.Reference("good"), "--plain-http"], environment: new Dictionary<string, string> { ["GNUPGHOME"] = gnupg });

        Assert.Equal(0, run.ExitCode);
    }

    public void Dispose() => Directory.Delete(_destination, recursive: true);
}
