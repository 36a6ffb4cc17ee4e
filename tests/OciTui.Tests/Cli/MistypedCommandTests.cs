namespace OciTui.Tests.Cli;

/// <summary>A word one typo from a command names the command, instead of "Unrecognized command or argument".</summary>
public sealed class MistypedCommandTests
{
    [Theory]
    [InlineData(new[] { "tag", "demo/charts/hello" }, "tags")]
    [InlineData(new[] { "pul", "demo/charts/hello", "--version", "1.0.0" }, "pull")]
    [InlineData(new[] { "--profiles", "none.json", "shwo", "demo/charts/hello" }, "show")]
    [InlineData(new[] { "repo", "demo" }, "repos")]
    public async Task A_near_miss_exits_2_suggesting_the_command(string[] args, string command)
    {
        CliRun run = await CliRun.RunAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"ocitui: '{args.First(a => !a.StartsWith('-') && a != "none.json")}' is not a command; did you mean '{command}'?\n", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unrecognized", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_near_miss_alone_is_no_profile_and_suggests_the_command_too()
    {
        CliRun run = await CliRun.RunAsync(["tag"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("did you mean the command 'tags'?", run.Error, StringComparison.Ordinal);
    }
}
