using System.Text.Json;

namespace OciTui.Tests.Cli;

/// <summary>The commands against the real docker-registry on HTTPS: a profile's caFile, none, and insecureSkipTlsVerify said out loud.</summary>
public sealed class RealRegistryTlsCommandTests(TlsRegistryFixture registry) : IClassFixture<TlsRegistryFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-tls-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Profiles(object lab)
    {
        string file = Path.Combine(_directory, "profiles.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new { profiles = new Dictionary<string, object> { ["lab"] = lab } }));
        return file;
    }

    [RegistryFact]
    public async Task A_profile_with_the_ca_file_pulls_over_tls()
    {
        PushedChart pushed = await registry.Seeder.PushChartAsync("tls/cli/chart", new ChartArchiveBuilder("chart", "1.0.0"));
        File.Copy(registry.Certificates.CaPemPath, Path.Combine(_directory, "lab-ca.pem"));
        string profiles = Profiles(new { registry = registry.Host, caFile = "lab-ca.pem" });
        CliRun run = await CliRun.RunAsync(["pull", "lab/tls/cli/chart:1.0.0", "--profiles", profiles, "--json"], _directory);
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal(pushed.LayerDigest, json.RootElement.GetProperty("digest").GetString());
    }

    [RegistryFact]
    public async Task Without_the_ca_file_the_certificate_error_is_one_line_with_a_hint()
    {
        string profiles = Profiles(new { registry = registry.Host });
        CliRun run = await CliRun.RunAsync(["tags", "lab/tls/cli/chart", "--profiles", profiles], _directory);
        Assert.Equal(1, run.ExitCode);
        run.AssertOneCleanErrorLine();
        Assert.Equal(
            $"ocitui: The TLS certificate of https://{registry.Host} is not trusted.\n" +
            "hint: Give the profile a caFile with the registry's CA, or (only if you accept the risk) insecureSkipTlsVerify.\n",
            run.Error);
    }

    [RegistryFact]
    public async Task Insecure_skip_tls_verify_works_and_says_so()
    {
        await registry.Seeder.PushChartAsync("tls/insecure-cli/chart", new ChartArchiveBuilder("chart", "3.0.0"));
        string profiles = Profiles(new { registry = registry.Host, insecureSkipTlsVerify = true });
        CliRun run = await CliRun.RunAsync(["tags", "lab/tls/insecure-cli/chart", "--profiles", profiles], _directory);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("3.0.0\n", run.Out);
        Assert.Equal($"warning: TLS certificate verification is off for https://{registry.Host}.\n", run.Error);

        CliRun flag = await CliRun.RunAsync(["tags", $"{registry.Host}/tls/insecure-cli/chart", "--insecure-skip-tls-verify"], _directory);
        Assert.Equal(0, flag.ExitCode);
        Assert.Equal($"warning: TLS certificate verification is off for https://{registry.Host}.\n", flag.Error);
    }
}
