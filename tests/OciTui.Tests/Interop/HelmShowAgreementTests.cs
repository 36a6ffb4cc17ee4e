using OciTui.Tests.Cli;

namespace OciTui.Tests.Interop;

/// <summary><c>ocitui show --values/--readme</c> print what <c>helm show values/readme</c> print, also for a chart without the file (issue 11 #9).</summary>
[Collection(HelmChartsCollection.Name)]
public sealed class HelmShowAgreementTests(HelmChartsFixture charts)
{
    [HelmTheory]
    [InlineData("readme", "podinfo")]
    [InlineData("values", "bare")]
    [InlineData("readme", "bare")]
    [InlineData("values", "podinfo")]
    public async Task Show_prints_what_helm_show_prints_and_exits_as_it_does(string file, string chart)
    {
        string reference = chart == "bare" ? charts.Bare : charts.Podinfo;
        using HelmClient helm = await HelmClient.CreateAsync();
        await helm.LoginAsync(charts.Registry);
        HelmRun byHelm = await helm.RunAsync(["show", file, reference, "--plain-http", "--version", "1.0.0"]);
        CliRun run = await CliRun.RunAsync(["show", reference, "--plain-http", "--version", "1.0.0", $"--{file}"],
            environment: new Dictionary<string, string> { ["HELM_REGISTRY_CONFIG"] = helm.RegistryConfig });
        Assert.Equal((0, 0), (byHelm.ExitCode, run.ExitCode));
        Assert.Equal(byHelm.Out, run.Out);
    }
}
