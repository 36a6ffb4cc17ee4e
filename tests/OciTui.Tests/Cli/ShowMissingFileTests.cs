
namespace OciTui.Tests.Cli;

/// <summary>
/// <c>show --readme</c> / <c>--values</c> of a chart without that file: helm prints nothing and succeeds, so ocitui
/// does too, with a note on stderr (issue 11 #9).
/// </summary>
public sealed class ShowMissingFileTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>, IAsyncLifetime
{
    private const string Repository = "bare/charts/minimal";

    public async Task InitializeAsync()
    {
        if (registry.Started) await registry.Seeder.PushChartAsync(Repository, new ChartArchiveBuilder("minimal", "1.0.0") { Values = null, Readme = "" });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [RegistryTheory]
    [InlineData("--readme", "note: the chart has no README.\n")]
    [InlineData("--values", "note: the chart has no values.yaml.\n")]
    public async Task Show_of_a_file_the_chart_lacks_prints_nothing_and_exits_0(string option, string note)
    {
        CliRun run = await CliRun.RunAsync(["show", $"{registry.Host}/{Repository}:1.0.0", option, "--plain-http"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(note, run.Error);
    }
}
