using System.Text.Json;

namespace OciTui.Tests.Cli;

/// <summary>
/// <c>tags --long</c>: each tag with its appVersion, created date and manifest digest, read through the same
/// TagSummaryLoader the version table uses, for "which version ships appVersion X?" in a script.
/// </summary>
public sealed class TagsLongTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-tags-long-").FullName;
    private readonly string _profiles;

    public TagsLongTests()
    {
        _profiles = Path.Combine(_directory, "profiles.json");
        File.WriteAllText(_profiles, JsonSerializer.Serialize(new { profiles = new { demo = new { layout = RepositoryPaths.DemoLayout } } }));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<CliRun> Run(params string[] args) => CliRun.RunAsync([.. args, "--profiles", _profiles], _directory);

    [Fact]
    public async Task Long_lists_tag_app_version_created_and_digest_in_columns_newest_first()
    {
        CliRun run = await Run("tags", "demo/charts/hello", "--long");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "TAG         APP VERSION  CREATED               DIGEST\n" +
            "1.1.0-rc.1  2.1.0-rc.1   2026-04-15T10:00:00Z  sha256:c88280bc3a23e6426c4860ac50010b02c0ff085b4ac0cfd0141b93276a4c82ac\n" +
            "1.0.0       2.0.0        2026-03-15T10:00:00Z  sha256:1fd76aeb9fa18cc3aab43ec654762a0d577e962cd19cb1e122c350dd617456d2\n" +
            "0.2.0       1.1.0        2026-02-15T10:00:00Z  sha256:43faed1d1a523575289edfa97a1075eb94048397f7f43d34c58d22f903ca2efb\n" +
            "0.1.0       1.0.0        2026-01-15T10:00:00Z  sha256:708e3dff17fef74a4635621edc1a6e943d46696730f2a206787c596cdc534838\n",
            run.Out);
    }

    [Fact]
    public async Task Long_json_gives_an_object_per_tag_with_the_same_fields()
    {
        CliRun run = await Run("tags", "demo/charts/hello", "--long", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal("demo/charts/hello", json.RootElement.GetProperty("repository").GetString());
        JsonElement[] tags = json.RootElement.GetProperty("tags").EnumerateArray().ToArray();
        Assert.Equal(["1.1.0-rc.1", "1.0.0", "0.2.0", "0.1.0"], tags.Select(t => t.GetProperty("tag").GetString()));
        JsonElement stable = tags[1];
        Assert.Equal("2.0.0", stable.GetProperty("appVersion").GetString());
        Assert.Equal("2026-03-15T10:00:00Z", stable.GetProperty("created").GetString());
        Assert.Equal("sha256:1fd76aeb9fa18cc3aab43ec654762a0d577e962cd19cb1e122c350dd617456d2", stable.GetProperty("digest").GetString());
    }
}

/// <summary><c>tags --long</c> on the real docker-registry: a chart's appVersion reaches the terminal sanitised.</summary>
public sealed class TagsLongRegistryTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>
{
    [RegistryFact]
    public async Task Long_sanitises_an_app_version_that_carries_terminal_escapes()
    {
        await registry.Seeder.PushChartAsync("long/charts/hostile", new ChartArchiveBuilder("hostile", "1.0.0") { AppVersion = "1.0\u001b[2J\u202Eevil" });
        await registry.Seeder.PushChartAsync("long/charts/hostile", new ChartArchiveBuilder("hostile", "1.1.0") { AppVersion = "1.1" });
        CliRun run = await CliRun.RunAsync(["tags", $"{registry.Host}/long/charts/hostile", "--plain-http", "--long"]);
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Out);
        Assert.DoesNotContain('\u202E', run.Out);
        string[] lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("1.1.0 ", lines[1], StringComparison.Ordinal);
        Assert.Contains(" 1.1 ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("1.0.0 ", lines[2], StringComparison.Ordinal);
    }
}
