using Microsoft.AspNetCore.Http;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui;

/// <summary>The download dialog after the download: what Enter does, what the fields and the progress line say, what is kept.</summary>
public sealed class DownloadDialogFlowTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-tui-download-flow-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static TuiHarness OpenChart(TuiHarness tui) => tui
        .Keys(Key.Enter).WaitFor("charts/chart")
        .Keys(Key.Enter).WaitFor("App version   9.9.9")
        .Keys(Key.D).WaitFor("chart-1.0.0.tgz");

    /// <summary>Defect: after a download Enter still pressed Download and asked to replace the file just saved.</summary>
    [Fact]
    public async Task After_a_verified_download_enter_closes_the_dialog()
    {
        await using FakeChartRegistry registry = await FakeChartRegistry.StartAsync(FakeChartRegistry.ServeWhole);
        using var tui = new TuiHarness([registry.Profile], workingDirectory: _directory);
        await OpenChart(tui)
            .Keys(Key.Enter).WaitFor("verified sha256:")
            .Keys(Key.Enter).WaitUntil(s => !s.Contains("Download charts/chart", StringComparison.Ordinal), "the dialog closed")
            .Do(() => Assert.DoesNotContain("Replace it?", tui.Screen, StringComparison.Ordinal), "no offer to replace")
            .RunAsync();
        Assert.Equal([Path.Combine(_directory, "chart-1.0.0.tgz")], Directory.GetFiles(_directory));
    }

    /// <summary>Defect: File and Directory stayed editable while the download ran; a q typed then landed in File.</summary>
    [Fact]
    public async Task Keys_typed_while_the_download_runs_do_not_change_the_file_name()
    {
        await using FakeChartRegistry registry = await FakeChartRegistry.StartAsync(FakeChartRegistry.ServeHalfThenStall);
        using var tui = new TuiHarness([registry.Profile], workingDirectory: _directory);
        await OpenChart(tui)
            .Keys(Key.Enter).WaitFor("128 KiB of 256 KiB")
            .Type("q")
            .Pause(TimeSpan.FromMilliseconds(200))
            .Do(() => Assert.Contains("File:       chart-1.0.0.tgz ", FileRow(tui.Screen), StringComparison.Ordinal), "the field did not take the key")
            .Keys(Key.Esc).WaitFor("Cancelled")
            .RunAsync();
        await tui.Window.Transfers;
    }

    private static string FileRow(string screen) => screen.Split('\n').FirstOrDefault(r => r.Contains("File:", StringComparison.Ordinal)) ?? "";

    /// <summary>
    /// Defects: after an error the rate and time left stayed on screen as if it were still running, and a partial
    /// file kept after a broken connection was not mentioned.
    /// </summary>
    [Fact]
    public async Task A_download_that_broke_says_where_it_stopped_and_that_enter_resumes_the_kept_part()
    {
        int attempts = 0;
        await using FakeChartRegistry registry = await FakeChartRegistry.StartAsync(async (context, layer) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                // Half the layer, then the connection breaks.
                context.Response.ContentLength = layer.Length;
                await context.Response.Body.WriteAsync(layer.AsMemory(0, layer.Length / 2));
                await context.Response.Body.FlushAsync();
                context.Abort();
                return;
            }
            // The resume is refused: the download stops with half of it on disk.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        });
        using var tui = new TuiHarness([registry.Profile], workingDirectory: _directory);
        await OpenChart(tui)
            .Keys(Key.Enter).WaitFor("was kept: Enter resumes it.")
            .WaitUntil(s => s.Contains("Stopped at ", StringComparison.Ordinal) && s.Contains(" of 256 KiB.", StringComparison.Ordinal), "where it stopped")
            .Do(() => Assert.DoesNotContain("/s", tui.Screen, StringComparison.Ordinal), "no rate left on screen")
            .Keys(Key.Esc)
            .RunAsync(TimeSpan.FromSeconds(40));
        await tui.Window.Transfers;
        Assert.Single(Directory.GetFiles(_directory, "*.partial", new EnumerationOptions { AttributesToSkip = 0 }));
    }
}
