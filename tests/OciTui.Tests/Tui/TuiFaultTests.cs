using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OciTui.Registry.Profiles;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui;

/// <summary>Faults seen through the TUI: each shows in place as one sentence with what to do, and the app keeps running.</summary>
public sealed class TuiFaultTests(HtpasswdRegistryFixture registry) : IClassFixture<HtpasswdRegistryFixture>
{
    private static Profile Demo => new() { Name = "demo", Layout = RepositoryPaths.DemoLayout };

    [RegistryFact]
    public async Task A_registry_that_refuses_the_credentials_says_so_and_the_app_keeps_running()
    {
        var wrong = new Profile { Name = "locked", Registry = registry.Host, PlainHttp = true, Username = DockerRegistryFixture.Username, Password = "not-the-password" };
        using var tui = new TuiHarness([wrong, Demo]);
        string screen = "";
        await tui
            .Keys(Key.Enter).WaitFor("refused the")
            .Do(() => screen = tui.Screen, "capture")
            .Do(() => Assert.StartsWith($"http://{registry.Host} refused the credentials", tui.Window.Repositories.Status, StringComparison.Ordinal), "one sentence")
            .Keys(Key.Tab.WithShift).Keys(Key.J, Key.Enter).WaitFor("charts/hello")
            .RunAsync();
        Assert.DoesNotContain("not-the-password", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_that_does_not_match_its_announced_digest_is_refused_in_the_details()
    {
        await using FakeChartRegistry fake = await FakeChartRegistry.StartAsync((_, _) => Task.CompletedTask,
            manifestDigestHeader: "sha256:" + new string('0', 64));
        using var tui = new TuiHarness([fake.Profile]);
        await tui
            .Keys(Key.Enter).WaitFor("charts/chart")
            .Keys(Key.Enter).WaitFor("Docker-Content-Digest")
            .Do(() => Assert.Equal("The manifest 'charts/chart:1.0.0' does not match the Docker-Content-Digest the registry announced (sha256:000000000000).",
                tui.Window.Details.Status), "one sentence")
            .Do(() => Assert.True(tui.Window.IsRunning), "still running")
            .RunAsync();
    }

    [Fact]
    public async Task A_registry_that_is_down_shows_the_error_in_place_and_the_app_keeps_running()
    {
        var down = new Profile { Name = "down", Registry = "127.0.0.1:1", PlainHttp = true };
        using var tui = new TuiHarness([down, Demo]);
        await tui
            .Keys(Key.Enter).WaitFor("Cannot reach").WaitFor("connection refused")
            .Keys(Key.Tab, Key.Tab, Key.Tab).Keys(Key.J, Key.Enter).WaitFor("charts/hello")
            .RunAsync();
    }

    [Fact]
    public async Task Escape_sequences_from_a_registry_never_reach_the_screen()
    {
        await using FakeRegistry fake = await FakeRegistry.StartAsync(async context =>
        {
            string path = context.Request.Path.Value!;
            if (path.EndsWith("_catalog", StringComparison.Ordinal))
                await FakeRegistry.WriteAsync(context, 200, JsonSerializer.Serialize(new { repositories = new[] { "evil/repo" } }));
            else if (path.EndsWith("/tags/list", StringComparison.Ordinal))
                await FakeRegistry.WriteAsync(context, 200, JsonSerializer.Serialize(new { tags = new[] { "1.0.0", "x\u001b]0;pwned\u0007" } }));
            else
                await FakeRegistry.WriteAsync(context, 404, JsonSerializer.Serialize(new { errors = new[] { new { code = "MANIFEST_UNKNOWN", message = "gone\u001b[2J\u202eevil" } } }));
        });
        var profile = new Profile { Name = "fake", Registry = fake.Server.HostAndPort, PlainHttp = true };
        using var tui = new TuiHarness([profile]);
        string screen = "";
        await tui
            .Keys(Key.Enter).WaitFor("evil/repo")
            .Keys(Key.Enter).WaitFor("1.0.0")
            .WaitFor("MANIFEST_UNKNOWN")
            .Do(() => screen = tui.Screen, "capture")
            .RunAsync();
        Assert.DoesNotContain('\u001b', screen);
        Assert.DoesNotContain('\u0007', screen);
        Assert.DoesNotContain('\u202e', screen);
        Assert.Contains("\\e[2J", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hostile_chart_archive_is_refused_in_the_preview_and_nothing_is_written()
    {
        string working = Directory.CreateTempSubdirectory("ocitui-tui-hostile-").FullName;
        var hostile = new ChartArchiveBuilder("chart", "1.0.0") { AppVersion = "9.9.9" }.WithFile("../../escape.txt", "x"u8.ToArray(), raw: true);
        await using FakeChartRegistry fake = await FakeChartRegistry.StartAsync(FakeChartRegistry.ServeWhole, archive: hostile);
        using var tui = new TuiHarness([fake.Profile], workingDirectory: working);
        await tui
            .Keys(Key.Enter).WaitFor("charts/chart")
            .Keys(Key.Enter).WaitFor("App version   9.9.9")
            .Keys(Key.V).WaitFor("Press s for the summary")
            .Do(() => Assert.Contains("..", tui.Window.Details.Status, StringComparison.Ordinal), "the refusal names the bad path")
            .Keys(Key.S).WaitFor("App version   9.9.9")
            .RunAsync();
        // The preview reads the archive in memory: nothing lands in the working directory or where '../..' points.
        Assert.Empty(Directory.GetFileSystemEntries(working));
        Directory.Delete(working);
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(working, "..", "..", "escape.txt"))));
    }
}
