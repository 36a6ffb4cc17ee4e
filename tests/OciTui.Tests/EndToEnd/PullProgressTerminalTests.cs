
namespace OciTui.Tests.EndToEnd;

/// <summary><c>ocitui pull</c> in a real terminal (tmux): a progress line on stderr, ended before the result.</summary>
public sealed class PullProgressTerminalTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-e2e-progress-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [TerminalFact]
    public async Task A_pull_on_a_terminal_shows_bytes_rate_and_time_left_then_the_result_on_its_own_line()
    {
        await registry.Seeder.PushLargeChartAsync("progress/charts/big", "1.0.0", 64L * 1024 * 1024);
        // The shell waits after ocitui ends, so the screen can still be read.
        using TmuxSession terminal = TmuxSession.Start(_directory, new Dictionary<string, string>(),
            $"pull {registry.Host}/progress/charts/big:1.0.0 --plain-http; sleep 60");

        string screen = terminal.WaitFor("Digest: sha256:", TimeSpan.FromSeconds(60));
        string[] lines = screen.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
        Assert.Matches(@"^64 MiB of 64 MiB  [0-9.]+ [KMG]?i?B/s  done$", lines[0]);
        Assert.StartsWith("Pulled: ", lines[1], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_directory, "big-1.0.0.tgz")));
    }
}
