using System.Text.Json;
using OciTui.Registry.Profiles;
using OciTui.Registry.Tests.Layout;
using OciTui.Registry.Tests.Support;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui;

/// <summary>The main window, headless at 80x24, on the sample layouts and on registries that fail or lie.</summary>
public sealed class MainWindowTests
{
    private static Profile Demo => new() { Name = "demo", Layout = DemoLayoutTests.CommittedPath };

    [Fact]
    public async Task Walks_profile_repository_tag_and_details_with_the_keyboard()
    {
        using var tui = new TuiHarness([Demo]);
        string? details = null;
        await tui
            .WaitFor("demo")
            .Keys(Key.Enter).WaitFor("charts/webapp")
            .Keys(Key.J).Keys(Key.Enter).WaitFor("Tags: charts/webapp")
            .WaitFor("2.0.0")
            .WaitFor("App version   4.0.0")
            .Do(() => details = tui.Screen, "capture")
            .RunAsync();
        Assert.Contains("Kube version  >=1.27.0-0", details, StringComparison.Ordinal);
        Assert.Contains("Repositories: demo", details, StringComparison.Ordinal);
        string[] lines = details!.Split('\n');
        Assert.Contains("d download", lines[23], StringComparison.Ordinal);
        Assert.Contains("q quit", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_filter_narrows_the_tags_and_escape_clears_it_without_quitting()
    {
        using var tui = new TuiHarness([Demo]);
        await tui
            .Keys(Key.Enter).WaitFor("charts/hello")
            .Keys(Key.Enter).WaitFor("0.2.0")
            .Type("/0.1").WaitUntil(s => s.Contains("0.1.0", StringComparison.Ordinal) && !s.Contains(" 0.2.0", StringComparison.Ordinal), "only 0.1.0 left")
            .Keys(Key.Esc).WaitFor(" 0.2.0")
            .Do(() => Assert.True(tui.Window.IsRunning), "still running")
            .RunAsync();
    }

    [Fact]
    public async Task Details_show_values_readme_and_the_raw_manifest_on_demand()
    {
        using var tui = new TuiHarness([Demo]);
        await tui
            .Keys(Key.Enter).WaitFor("charts/webapp")
            .Keys(Key.J, Key.Enter).WaitFor("App version   4.0.0")
            .Keys(Key.V).WaitFor("repository: ghcr.io")
            .Keys(Key.E).WaitFor("# webapp")
            .Keys(Key.M).WaitFor("\"schemaVersion\":2")
            .Keys(Key.S).WaitFor("App version   4.0.0")
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
}
