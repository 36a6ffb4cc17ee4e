using OciTui.Registry.Profiles;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui;

/// <summary>c on a profile opens the connection check: the doctor's report, steps filling in as they finish; Esc closes it.</summary>
public sealed class DoctorDialogTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>
{
    [RegistryFact]
    public async Task C_on_a_profile_shows_every_step_of_the_check_and_esc_closes_it()
    {
        using var tui = new TuiHarness([new Profile { Name = "lab", Registry = registry.Host, PlainHttp = true }]);
        await tui
            .WaitFor("lab")
            .Keys(Key.C)
            .WaitFor("Connection check: lab")
            .WaitFor("Nothing failed. Esc closes.")
            .Do(() =>
            {
                Assert.Contains("ok       dns          127.0.0.1 is an IP address", tui.Screen, StringComparison.Ordinal);
                Assert.Contains("skipped  tls", tui.Screen, StringComparison.Ordinal);
                Assert.Contains($"ok       ping         GET http://{registry.Host}/v2/ answered 200", tui.Screen, StringComparison.Ordinal);
            }, "the steps are on screen")
            .Keys(Key.Esc)
            .WaitUntil(screen => !screen.Contains("Connection check: lab", StringComparison.Ordinal), "the dialog closed")
            .RunAsync();
    }

    [Fact]
    public async Task C_on_a_layout_profile_says_why_it_does_nothing()
    {
        using var tui = new TuiHarness([new Profile { Name = "demo", Layout = Path.GetTempPath() }]);
        await tui
            .WaitFor("demo")
            .Keys(Key.C)
            .WaitFor("a layout folder has no connection to check")
            .RunAsync();
    }
}
