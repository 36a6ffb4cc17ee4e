using System.Text.Json;

namespace OciTui.Tests.Cli;

/// <summary>A pull onto a file that already is the chart (same sha256) is "up to date", exit 0, nothing downloaded.</summary>
public sealed class PullUpToDateTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-up-to-date-").FullName;
    private readonly string _profiles;

    public PullUpToDateTests()
    {
        _profiles = Path.Combine(_directory, "profiles.json");
        File.WriteAllText(_profiles, JsonSerializer.Serialize(new { profiles = new { demo = new { layout = RepositoryPaths.DemoLayout } } }));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<CliRun> Run(params string[] args) => CliRun.RunAsync([.. args, "--profiles", _profiles], _directory);

    [Fact]
    public async Task Pulling_the_same_chart_again_is_up_to_date_and_leaves_the_file_alone()
    {
        Assert.Equal(0, (await Run("pull", "demo/charts/hello:1.0.0")).ExitCode);
        string file = Path.Combine(_directory, "hello-1.0.0.tgz");
        var written = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(file, written);

        CliRun again = await Run("pull", "demo/charts/hello:1.0.0");
        Assert.Equal(0, again.ExitCode);
        Assert.Empty(again.Error);
        Assert.Equal($"Up to date: demo/charts/hello:1.0.0\nKept:   {file} (already this chart; nothing was downloaded)\n"
            + "Digest: sha256:5e5e7c22a3811fbdf24177902c12dd7b8bd873822dc956ff9eb5be1fadff4b3d (verified)\n", again.Out);
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));

        CliRun json = await Run("pull", "demo/charts/hello:1.0.0", "--json");
        Assert.Equal(0, json.ExitCode);
        using JsonDocument document = JsonDocument.Parse(json.Out);
        Assert.True(document.RootElement.GetProperty("upToDate").GetBoolean());
        Assert.Equal(file, document.RootElement.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Another_version_under_the_name_still_stops_with_the_force_hint()
    {
        string file = Path.Combine(_directory, "hello-1.0.0.tgz");
        File.Copy(Path.Combine(await PulledElsewhereAsync("demo/charts/hello:0.1.0"), "hello-0.1.0.tgz"), file);
        CliRun run = await Run("pull", "demo/charts/hello:1.0.0");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"ocitui: {file} already exists; nothing was downloaded.\nhint: Remove it, or pass --force to replace it.\n", run.Error);
    }

    private async Task<string> PulledElsewhereAsync(string reference)
    {
        string elsewhere = Directory.CreateDirectory(Path.Combine(_directory, "elsewhere")).FullName;
        Assert.Equal(0, (await Run("pull", reference, "-d", elsewhere)).ExitCode);
        return elsewhere;
    }

    [Fact]
    public async Task A_pull_without_a_terminal_writes_no_progress()
    {
        CliRun run = await Run("pull", "demo/charts/webapp:1.2.3");
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
    }
}
