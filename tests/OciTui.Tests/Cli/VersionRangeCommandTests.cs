using System.Text.Json;

namespace OciTui.Tests.Cli;

/// <summary>
/// <c>--version</c> as helm v4 reads it, on the real docker-registry: a version is a tag, anything else a range
/// matched newest first (issue 11 #8), and of two equal versions the tag helm picks (#10).
/// </summary>
public sealed class VersionRangeCommandTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>, IAsyncLifetime
{
    private const string Repository = "ranges/charts/podinfo";
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-ranges-").FullName;

    public async Task InitializeAsync()
    {
        if (!registry.Started) return;
        foreach (string tag in new[] { "0.9.0", "1.0.0", "1.0.8", "1.0.10", "1.1.0-rc.1", "1.1.0", "2.9.8", "v2.9.8", "3.0.0-rc.1", "latest" })
        {
            string version = tag == "latest" ? "9.9.9" : tag.TrimStart('v');
            await registry.Seeder.PushChartAsync(Repository, new ChartArchiveBuilder("podinfo", version) { AppVersion = $"app-{tag}" }, tag);
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private string Ref => $"{registry.Host}/{Repository}";

    private Task<CliRun> Run(params string[] args) => CliRun.RunAsync([.. args, "--plain-http"], _directory);

    [RegistryTheory]
    [InlineData("^1.0.0", "1.1.0")]
    [InlineData("~1.0.8", "1.0.10")]
    [InlineData("1.0.x", "1.0.10")]
    [InlineData(">=1.0.0-0", "3.0.0-rc.1")]
    [InlineData(">= 1.2, < 3.0.0", "2.9.8")]
    [InlineData("^0.9 || ^1.0.0", "1.1.0")]
    [InlineData("1.0.0 - 1.0.9", "1.0.8")]
    [InlineData("*", "2.9.8")]
    public async Task Pull_with_a_range_takes_the_newest_matching_version(string range, string tag)
    {
        CliRun run = await Run("pull", Ref, "--version", range, "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal($"{Ref}:{tag}", json.RootElement.GetProperty("reference").GetString());
        Assert.True(File.Exists(Path.Combine(_directory, $"podinfo-{tag}.tgz")));
    }

    [RegistryFact]
    public async Task Show_takes_a_range_too()
    {
        CliRun run = await Run("show", Ref, "--version", "~1.0.8", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal("app-1.0.10", json.RootElement.GetProperty("chart").GetProperty("appVersion").GetString());
    }

    [RegistryFact]
    public async Task Tags_with_a_range_lists_what_pull_would_try_newest_first()
    {
        CliRun run = await Run("tags", Ref, "--version", "^1.0.0");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("1.1.0\n1.0.10\n1.0.8\n1.0.0\n", run.Out);

        CliRun prereleases = await Run("tags", Ref, "--version", ">=1.1.0-0 <3.0.0-0", "--json");
        using JsonDocument json = JsonDocument.Parse(prereleases.Out);
        Assert.Equal(["2.9.8", "1.1.0", "1.1.0-rc.1"], json.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [RegistryFact]
    public async Task The_plain_tag_wins_a_tie_with_the_v_prefixed_one_in_show_pull_and_tags()
    {
        CliRun show = await Run("show", Ref, "--json");
        using (JsonDocument json = JsonDocument.Parse(show.Out))
            Assert.Equal("app-2.9.8", json.RootElement.GetProperty("chart").GetProperty("appVersion").GetString());

        CliRun pull = await Run("pull", Ref, "--version", "^2", "--json");
        using (JsonDocument json = JsonDocument.Parse(pull.Out))
            Assert.Equal($"{Ref}:2.9.8", json.RootElement.GetProperty("reference").GetString());

        CliRun tags = await Run("tags", Ref);
        Assert.Equal("3.0.0-rc.1\n2.9.8\nv2.9.8\n", string.Join("", tags.Out.Split('\n').Take(3).Select(l => l + "\n")));
    }

    [RegistryFact]
    public async Task A_version_that_is_a_version_is_fetched_as_a_tag_even_with_a_v()
    {
        CliRun run = await Run("show", Ref, "--version", "v2.9.8", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal("app-v2.9.8", json.RootElement.GetProperty("chart").GetProperty("appVersion").GetString());
    }

    [RegistryFact]
    public async Task No_match_exits_1_naming_the_newest_versions()
    {
        CliRun run = await Run("pull", Ref, "--version", "^4.0.0");
        Assert.Equal(1, run.ExitCode);
        run.AssertOneCleanErrorLine();
        Assert.Contains("No version matches '^4.0.0'; the newest versions are 3.0.0-rc.1, 2.9.8, 1.1.0, 1.1.0-rc.1, 1.0.10.", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [RegistryTheory]
    [InlineData("pull", ">= banana")]
    [InlineData("show", "1.2.3_build")]
    [InlineData("tags", "latest")]
    public async Task A_bad_range_exits_2_in_one_sentence(string command, string range)
    {
        CliRun run = await Run(command, Ref, "--version", range);
        Assert.Equal(2, run.ExitCode);
        run.AssertOneCleanErrorLine();
        Assert.Contains("is neither a version nor a version range.", run.Error, StringComparison.Ordinal);
    }

    [RegistryTheory]
    [InlineData("pull")]
    [InlineData("show")]
    public async Task A_tag_and_a_version_together_exit_2(string command)
    {
        CliRun run = await Run(command, $"{Ref}:1.0.0", "--version", "^1");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Give a tag or --version, not both.", run.Error, StringComparison.Ordinal);
    }
}
