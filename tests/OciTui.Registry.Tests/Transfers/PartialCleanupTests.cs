using Microsoft.AspNetCore.Http;
using OciTui.Registry.Http;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Tests.Integration;
using OciTui.Registry.Transfers;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.Transfers;

/// <summary>
/// Who removes a cancelled pull's partial file: the core, when the pull request asks it to (the TUI's dialog does);
/// otherwise the partial file stays for a later resume.
/// </summary>
public sealed class PartialCleanupTests : IDisposable
{
    private static readonly ChartArchiveBuilder Chart = new("chart", "1.0.0");
    private static readonly byte[] Config = Chart.ConfigJson();
    private static readonly byte[] Layer = new byte[2 * 1024 * 1024];
    private static readonly byte[] Manifest = ChartManifestFor(Config, Layer);
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-partial-cleanup-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Serves the manifest and config, then half the layer, then nothing until the client gives up.</summary>
    private static async Task StallingMidLayer(HttpContext context)
    {
        string path = context.Request.Path.Value!;
        if (path.Contains("/manifests/", StringComparison.Ordinal)) await WriteBytesAsync(context, Manifest, MediaTypes.OciManifest);
        else if (path.EndsWith(Sha256(Config), StringComparison.Ordinal)) await WriteBytesAsync(context, Config, "application/octet-stream");
        else
        {
            context.Response.ContentLength = Layer.Length;
            await context.Response.Body.WriteAsync(Layer.AsMemory(0, Layer.Length / 2));
            await context.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromMinutes(2), context.RequestAborted).ContinueWith(_ => { });
        }
    }

    private async Task<string> CancelMidLayerAsync(bool removePartialOnCancel)
    {
        await using FakeRegistry fake = await StartAsync(StallingMidLayer);
        using RemoteRegistry client = fake.Client();
        using var cancel = new CancellationTokenSource();
        var request = new PullRequest("charts/chart", ManifestReference.Parse("1.0.0"), _directory) { RemovePartialOnCancel = removePartialOnCancel };
        var halfway = new TaskCompletionSource();
        var progress = new SyncProgress<TransferProgress>(p =>
        {
            if (p.BytesDone >= Layer.Length / 2) halfway.TrySetResult();
        });
        Task<PullResult> pull = ChartPuller.PullAsync(client, request, progress, cancel.Token);
        await halfway.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pull.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(File.Exists(Path.Combine(_directory, "chart-1.0.0.tgz")));
        return BlobDownloader.PartialPathFor(Path.Combine(_directory, "chart-1.0.0.tgz"));
    }

    [Fact]
    public async Task A_pull_cancelled_with_RemovePartialOnCancel_leaves_nothing_behind()
    {
        string partial = await CancelMidLayerAsync(removePartialOnCancel: true);
        Assert.False(File.Exists(partial));
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task A_pull_cancelled_without_it_keeps_the_partial_file_to_resume()
    {
        string partial = await CancelMidLayerAsync(removePartialOnCancel: false);
        Assert.True(File.Exists(partial));
        Assert.True(new FileInfo(partial).Length >= Layer.Length / 2);
    }
}
