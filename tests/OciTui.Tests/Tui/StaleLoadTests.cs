using System.Text.Json;
using OciTui.Registry.Profiles;
using Terminal.Gui.Input;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Tests.Tui;

/// <summary>Loading never holds the keys, and moving on cancels what is no longer wanted: a late answer never overwrites a newer one.</summary>
public sealed class StaleLoadTests
{
    [Fact]
    public async Task A_slow_repository_left_behind_never_replaces_the_one_opened_after_it()
    {
        var slowAnswered = new TaskCompletionSource();
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            string path = context.Request.Path.Value!;
            if (path.EndsWith("/_catalog", StringComparison.Ordinal))
            {
                await WriteAsync(context, 200, JsonSerializer.Serialize(new { repositories = new[] { "fast/repo", "slow/repo" } }));
            }
            else if (path == "/v2/slow/repo/tags/list")
            {
                await Task.Delay(1500);
                await WriteAsync(context, 200, JsonSerializer.Serialize(new { tags = new[] { "9.9.9-slow" } }));
                slowAnswered.TrySetResult();
            }
            else if (path == "/v2/fast/repo/tags/list")
            {
                await WriteAsync(context, 200, JsonSerializer.Serialize(new { tags = new[] { "1.0.0-fast" } }));
            }
            else
            {
                await WriteAsync(context, 404, "{}");
            }
        });
        var profile = new Profile { Name = "mixed", Registry = fake.Server.HostAndPort, PlainHttp = true };
        using var tui = new TuiHarness([profile]);
        await tui
            .Keys(Key.Enter).WaitFor("slow/repo")
            .Keys(Key.J, Key.Enter).WaitFor("Tags: slow/repo").WaitFor("loading…")
            // While it loads the keys still work: back to Repositories, up to the other one, open it.
            .Keys(Key.Tab.WithShift, Key.K, Key.Enter).WaitFor("1.0.0-fast")
            .Do(() => Assert.True(slowAnswered.Task.Wait(TimeSpan.FromSeconds(10)), "the slow answer arrived"), "wait for the slow answer")
            .Pause(TimeSpan.FromMilliseconds(500))
            .WaitFor("Tags: fast/repo")
            .Do(() => Assert.DoesNotContain("9.9.9-slow", tui.Screen, StringComparison.Ordinal), "the stale answer was dropped")
            .Keys(Key.R).WaitFor("1.0.0-fast")
            .RunAsync();
    }
}
