using System.Text.Json;

namespace OciTui.Tests.Cli;

/// <summary><c>repos --json</c> names the registry by its address and the profile apart, so a script can use either.</summary>
public sealed class ReposJsonTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-repos-json-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [RegistryFact]
    public async Task A_profile_target_gives_the_registry_address_and_the_profile_name_apart()
    {
        await registry.Seeder.PushChartAsync("reposjson/charts/app", new ChartArchiveBuilder("app", "1.0.0"));
        string profiles = Path.Combine(_directory, "profiles.json");
        await File.WriteAllTextAsync(profiles, $$"""{ "profiles": { "lab": { "registry": "{{registry.Host}}", "plainHttp": true } } }""");

        CliRun run = await CliRun.RunAsync(["repos", "lab", "--profiles", profiles, "--json"], _directory);
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal($"http://{registry.Host}", json.RootElement.GetProperty("registry").GetString());
        Assert.Equal("lab", json.RootElement.GetProperty("profile").GetString());
    }

    [RegistryFact]
    public async Task A_host_target_gives_the_address_and_no_profile()
    {
        CliRun run = await CliRun.RunAsync(["repos", registry.Host, "--plain-http", "--json"], _directory);
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal($"http://{registry.Host}", json.RootElement.GetProperty("registry").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("profile").ValueKind);
    }
}
