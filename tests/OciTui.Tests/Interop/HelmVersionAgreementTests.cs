using System.Security.Cryptography;
using OciTui.Tests.Cli;

namespace OciTui.Tests.Interop;

/// <summary>
/// <c>ocitui pull</c> and <c>helm pull</c> (v4) on the same registry take the same chart for every kind of
/// <c>--version</c>, write it under the same file name, byte for byte (issue 11 #8, #10).
/// </summary>
[Collection(HelmChartsCollection.Name)]
public sealed class HelmVersionAgreementTests(HelmChartsFixture charts) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-helm-pull-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [HelmTheory]
    [InlineData("", "2.9.8")]
    [InlineData("^1.0.0", "1.5.0_a")]
    [InlineData("~1.0.8", "1.0.10")]
    [InlineData("1.0.x", "1.0.10")]
    [InlineData(">=1.0.0-0", "3.0.0-rc.1")]
    [InlineData(">=1.1.0-0 <1.1.0", "1.1.0-rc.1")]
    [InlineData(">= 1.2, < 3.0.0", "2.9.8")]
    [InlineData("^0.9 || ~1.0.0", "1.0.10")]
    [InlineData("1.0.0 - 1.0.9", "1.0.8")]
    [InlineData("~1.5.0", "1.5.0_a")]
    [InlineData("2.9.8", "2.9.8")]
    [InlineData("v2.9.8", "v2.9.8")]
    [InlineData("1.5.0+b", "1.5.0_b")]
    public async Task Pull_takes_the_chart_helm_takes_under_the_same_name(string version, string tag)
    {
        string[] versionArgs = version.Length > 0 ? ["--version", version] : [];
        using HelmClient helm = await HelmClient.CreateAsync();
        await helm.LoginAsync(charts.Registry);
        string byHelm = Directory.CreateDirectory(Path.Combine(_directory, "helm")).FullName;
        string byOcitui = Directory.CreateDirectory(Path.Combine(_directory, "ocitui")).FullName;

        (await helm.RunAsync(["pull", charts.Podinfo, "--plain-http", "-d", byHelm, .. versionArgs])).EnsureSuccess();
        CliRun run = await CliRun.RunAsync(["pull", charts.Podinfo, "--plain-http", "-d", byOcitui, .. versionArgs],
            environment: new Dictionary<string, string> { ["HELM_REGISTRY_CONFIG"] = helm.RegistryConfig });
        Assert.True(run.ExitCode == 0, run.Error);

        string helmFile = Directory.GetFiles(byHelm).Single();
        string ocituiFile = Directory.GetFiles(byOcitui).Single();
        Assert.Equal(Path.GetFileName(helmFile), Path.GetFileName(ocituiFile));
        string helmSha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(helmFile)));
        Assert.Equal(helmSha, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(ocituiFile))));
        Assert.Equal(tag, charts.TagOf(helmSha));
    }

    [HelmFact]
    public async Task A_range_nothing_matches_fails_in_both_and_writes_nothing()
    {
        using HelmClient helm = await HelmClient.CreateAsync();
        await helm.LoginAsync(charts.Registry);
        HelmRun byHelm = await helm.RunAsync(["pull", charts.Podinfo, "--plain-http", "--version", "^4.0.0", "-d", _directory]);
        CliRun run = await CliRun.RunAsync(["pull", charts.Podinfo, "--plain-http", "--version", "^4.0.0", "-d", _directory],
            environment: new Dictionary<string, string> { ["HELM_REGISTRY_CONFIG"] = helm.RegistryConfig });
        Assert.NotEqual(0, byHelm.ExitCode);
        Assert.Equal(1, run.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [HelmFact]
    public async Task A_bad_range_fails_in_both_and_is_a_usage_error_for_ocitui()
    {
        using HelmClient helm = await HelmClient.CreateAsync();
        HelmRun byHelm = await helm.RunAsync(["pull", charts.Podinfo, "--plain-http", "--version", ">= banana", "-d", _directory]);
        CliRun run = await CliRun.RunAsync(["pull", charts.Podinfo, "--plain-http", "--version", ">= banana", "-d", _directory]);
        Assert.NotEqual(0, byHelm.ExitCode);
        Assert.Equal(2, run.ExitCode);
    }
}
