using OciTui.Registry.Models;
using OciTui.Registry.Tests.Support;
using OciTui.Registry.Transfers;
using static OciTui.Registry.Tests.Support.FakeRegistry;

namespace OciTui.Tests.Cli;

/// <summary>Ctrl-C (SIGINT) in a headless pull, in a real process: a prompt exit 130, one line, no final file, a resumable partial.</summary>
public sealed class CancelTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ocitui-sigint-").FullName;
    private readonly string _home = Directory.CreateTempSubdirectory("ocitui-sigint-home-").FullName;

    public void Dispose()
    {
        Directory.Delete(_work, recursive: true);
        Directory.Delete(_home, recursive: true);
    }

    [Fact]
    public async Task Sigint_during_a_pull_exits_130_with_no_final_file()
    {
        var chart = new ChartArchiveBuilder("slow", "1.0.0");
        byte[] config = chart.ConfigJson();
        byte[] layer = new byte[8 * 1024 * 1024];
        new Random(8).NextBytes(layer);
        byte[] manifest = ChartManifestFor(config, layer);
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            string path = context.Request.Path.Value!;
            if (path.Contains("/manifests/", StringComparison.Ordinal)) await WriteBytesAsync(context, manifest, MediaTypes.OciManifest);
            else if (path.EndsWith(Sha256(config), StringComparison.Ordinal)) await WriteBytesAsync(context, config, "application/octet-stream");
            else
            {
                // The chart layer trickles: a first MiB, then nothing until the client goes away.
                context.Response.StatusCode = 200;
                context.Response.ContentLength = layer.Length;
                await context.Response.Body.WriteAsync(layer.AsMemory(0, 1024 * 1024));
                await context.Response.Body.FlushAsync();
                await Task.Delay(TimeSpan.FromMinutes(2), context.RequestAborted).ContinueWith(_ => { });
            }
        });
        string destination = Path.Combine(_work, "slow-1.0.0.tgz");
        string partial = BlobDownloader.PartialPathFor(destination);
        using OcituiProcess ocitui = OcituiProcess.Start(["pull", $"{fake.Server.HostAndPort}/charts/slow:1.0.0", "--plain-http"], _work, _home);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(File.Exists(partial) && new FileInfo(partial).Length > 0) && DateTime.UtcNow < deadline && !ocitui.HasExited) await Task.Delay(50);
        Assert.True(File.Exists(partial), "the pull never started writing");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ocitui.Interrupt();
        CliRun run = await ocitui.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed} to stop: the token was not cancelled, the process was forced");
        Assert.Equal(130, run.ExitCode);
        Assert.Equal("ocitui: cancelled.\n", run.Error);
        Assert.Empty(run.Out);
        Assert.False(File.Exists(destination));
        Assert.True(File.Exists(partial), "the partial file worth resuming is gone");
    }
}
