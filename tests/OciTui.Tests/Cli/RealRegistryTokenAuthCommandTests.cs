using System.Text.Json;

namespace OciTui.Tests.Cli;

/// <summary>The commands against the real docker-registry in token-auth mode with the test's token server.</summary>
public sealed class RealRegistryTokenAuthCommandTests(TokenAuthRegistryFixture registry) : IClassFixture<TokenAuthRegistryFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-token-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [RegistryFact]
    public async Task Without_the_catalog_grant_repos_falls_back_to_the_pinned_repositories()
    {
        await registry.Seeder.PushChartAsync("granted/cli/chart", new ChartArchiveBuilder("chart", "1.0.0"));
        string profiles = Path.Combine(_directory, "profiles.json");
        await File.WriteAllTextAsync(profiles, JsonSerializer.Serialize(new
        {
            profiles = new Dictionary<string, object>
            {
                ["lab"] = new { registry = registry.Host, plainHttp = true, repositories = new[] { "granted/cli/chart" } },
            },
        }));
        CliRun repos = await CliRun.RunAsync(["repos", "lab", "--profiles", profiles], _directory);
        Assert.Equal(0, repos.ExitCode);
        Assert.Equal("granted/cli/chart\n", repos.Out);
        Assert.Equal($"note: http://{registry.Host} does not let this user list its repositories (401). Showing the profile's pinned repositories.\n", repos.Error);

        CliRun tags = await CliRun.RunAsync(["tags", "lab/granted/cli/chart", "--profiles", profiles], _directory);
        Assert.Equal(0, tags.ExitCode);
        Assert.Equal("1.0.0\n", tags.Out);
    }

    [RegistryFact]
    public async Task A_repository_outside_the_grant_exits_1_with_one_line()
    {
        await registry.Seeder.PushChartAsync("private/cli/chart", new ChartArchiveBuilder("chart", "1.0.0"));
        CliRun run = await CliRun.RunAsync(["pull", $"{registry.Host}/private/cli/chart:1.0.0", "--plain-http"], _directory);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"ocitui: Access to manifest 'private/cli/chart:1.0.0' on http://{registry.Host} is denied without credentials (insufficient_scope).\n" +
            $"hint: The repository may be private or may not exist. Give the profile a username and passwordEnv, or log in with helm registry login {registry.Host} or docker login {registry.Host}.\n",
            run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }
}
