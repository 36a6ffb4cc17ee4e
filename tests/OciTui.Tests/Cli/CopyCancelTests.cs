using System.Text.Json;

namespace OciTui.Tests.Cli;

/// <summary>Ctrl-C (SIGINT) during <c>ocitui copy</c>, in a real process: exit 130 within 2 s, nothing tagged, and it says the same command resumes.</summary>
public sealed class CopyCancelTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ocitui-copy-sigint-").FullName;
    private readonly string _home = Directory.CreateTempSubdirectory("ocitui-copy-sigint-home-").FullName;

    public void Dispose()
    {
        Directory.Delete(_work, recursive: true);
        Directory.Delete(_home, recursive: true);
    }

    [Fact]
    public async Task Sigint_during_a_copy_exits_130_leaves_nothing_tagged_and_says_the_same_command_resumes()
    {
        await using FakePushRegistry fake = await FakePushRegistry.StartAsync();
        bool hung = false;
        fake.Fault = async (context, phase, _) =>
        {
            if (phase != PushPhase.Put) return false;
            hung = true;
            await Task.Delay(TimeSpan.FromMinutes(2), context.RequestAborted).ContinueWith(_ => { });
            return true;
        };
        string profiles = Path.Combine(_work, "profiles.json");
        File.WriteAllText(profiles, JsonSerializer.Serialize(new { profiles = new { demo = new { layout = RepositoryPaths.DemoLayout } } }));
        string destination = $"{fake.Server.Server.HostAndPort}/mirror/hello";
        using OcituiProcess ocitui = OcituiProcess.Start(["copy", "demo/charts/hello:1.0.0", destination, "--plain-http", "--profiles", profiles], _work, _home);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!hung && DateTime.UtcNow < deadline && !ocitui.HasExited) await Task.Delay(50);
        Assert.True(hung, "the copy never started sending");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ocitui.Interrupt();
        CliRun run = await ocitui.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed} to stop");
        Assert.Equal(130, run.ExitCode);
        Assert.Equal($"ocitui: cancelled; {destination}:1.0.0 was not tagged (what was sent stays, untagged).\n"
            + "hint: Run the same command again: it sends only what is still missing.\n", run.Error);
        Assert.False(fake.HasTag("mirror/hello", "1.0.0"));

        fake.Fault = null;
        CliRun again = await OcituiProcess.RunAsync(["copy", "demo/charts/hello:1.0.0", destination, "--plain-http", "--profiles", profiles], _work, _home);
        Assert.Equal(0, again.ExitCode);
        Assert.True(fake.HasTag("mirror/hello", "1.0.0"));
    }
}
