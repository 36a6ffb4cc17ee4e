using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
    public async Task Esc_during_a_step_that_hangs_closes_the_dialog_and_cancels_the_check()
    {
        // A server that accepts the connection and never answers the TLS handshake (the check would wait 10 s).
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = new System.Collections.Concurrent.ConcurrentQueue<Socket>();
        Task acceptLoop = Task.Run(async () =>
        {
            try
            {
                while (true) accepted.Enqueue(await listener.AcceptSocketAsync());
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        });
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var tui = new TuiHarness([new Profile { Name = "silent", Registry = $"127.0.0.1:{port}" }]);
        var clock = Stopwatch.StartNew();
        await tui
            .WaitFor("silent")
            .Keys(Key.C)
            .WaitFor("ok       connect")
            .WaitFor("Checking... Esc cancels.")
            .Pause(TimeSpan.FromMilliseconds(500))
            .Keys(Key.Esc)
            .WaitUntil(screen => !screen.Contains("Connection check: silent", StringComparison.Ordinal), "the dialog closed")
            .RunAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"closing took {clock.Elapsed}");

        // The handshake's connection is closed by the cancellation, well before the check's own 10 s timeout.
        Socket handshake = accepted.ToArray()[^1];
        handshake.ReceiveTimeout = 5000;
        byte[] buffer = new byte[4096];
        int read;
        do read = handshake.Receive(buffer);
        while (read > 0);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(9), $"the connection stayed open for {clock.Elapsed}");
        listener.Stop();
        await acceptLoop;
        foreach (Socket socket in accepted) socket.Dispose();
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
