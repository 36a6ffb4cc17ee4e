using Microsoft.AspNetCore.Http;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Models;
using OciTui.Registry.Transfers;
using OciTui.Registry.Wire;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.Http;

/// <summary>A blob whose connection drops again and again is resumed with Range and ends verified.</summary>
public sealed class InterruptedDownloadTests
{
    [Fact]
    public async Task Five_truncated_responses_on_a_64_MiB_blob_are_resumed_and_verified()
    {
        byte[] blob = new byte[64 * 1024 * 1024];
        new Random(7).NextBytes(blob);
        string digest = Sha256(blob);
        int interruptions = 0;
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            long start = 0;
            string range = context.Request.Headers.Range.ToString();
            if (range.StartsWith("bytes=", StringComparison.Ordinal)) start = long.Parse(range["bytes=".Length..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture);
            context.Response.StatusCode = start > 0 ? 206 : 200;
            if (start > 0) context.Response.Headers.ContentRange = $"bytes {start}-{blob.Length - 1}/{blob.Length}";
            context.Response.ContentLength = blob.Length - start;
            bool cut = Interlocked.Increment(ref interruptions) <= 5;
            int length = cut ? 9 * 1024 * 1024 : blob.Length - (int)start;
            await context.Response.Body.WriteAsync(blob.AsMemory((int)start, length));
            if (cut)
            {
                await context.Response.Body.FlushAsync();
                context.Abort();
            }
        });
        using RemoteRegistry client = fake.Client();
        string directory = Directory.CreateTempSubdirectory("ocitui-interrupt-").FullName;
        try
        {
            string destination = Path.Combine(directory, "big-1.0.0.tgz");
            var downloader = new BlobDownloader(client) { ResumeDelay = TimeSpan.FromMilliseconds(10) };
            await downloader.DownloadAsync("charts/big", new Descriptor { MediaType = MediaTypes.HelmChart, Digest = digest, Size = blob.Length }, destination, false, null, CancellationToken.None);
            Assert.Equal(digest, Sha256(await File.ReadAllBytesAsync(destination)));
            Assert.Equal(6, fake.Requests.Count);
            Assert.Equal(5, fake.Requests.Count(r => r.Header("Range") is not null));
            Assert.Equal(["big-1.0.0.tgz"], Directory.GetFiles(directory).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_registry_ignoring_range_restarts_from_zero_and_still_verifies()
    {
        byte[] blob = new byte[3 * 1024 * 1024];
        new Random(3).NextBytes(blob);
        int calls = 0;
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentLength = blob.Length;
            bool cut = Interlocked.Increment(ref calls) == 1;
            await context.Response.Body.WriteAsync(blob.AsMemory(0, cut ? 1024 * 1024 : blob.Length));
            if (cut)
            {
                await context.Response.Body.FlushAsync();
                context.Abort();
            }
        });
        using RemoteRegistry client = fake.Client();
        string directory = Directory.CreateTempSubdirectory("ocitui-norange-").FullName;
        try
        {
            string destination = Path.Combine(directory, "x.tgz");
            await new BlobDownloader(client) { ResumeDelay = TimeSpan.Zero }.DownloadAsync("charts/x",
                new Descriptor { MediaType = MediaTypes.HelmChart, Digest = Sha256(blob), Size = blob.Length }, destination, false, null, CancellationToken.None);
            Assert.Equal(blob, await File.ReadAllBytesAsync(destination));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_connection_that_never_recovers_ends_with_a_resumable_partial_file_and_no_final_file()
    {
        byte[] blob = new byte[2 * 1024 * 1024];
        new Random(5).NextBytes(blob);
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentLength = blob.Length;
            await context.Response.Body.WriteAsync(blob.AsMemory(0, 1000));
            await context.Response.Body.FlushAsync();
            await Task.Delay(200);
            context.Abort();
        });
        using RemoteRegistry client = fake.Client();
        string directory = Directory.CreateTempSubdirectory("ocitui-broken-").FullName;
        try
        {
            string destination = Path.Combine(directory, "x.tgz");
            var downloader = new BlobDownloader(client) { ResumeDelay = TimeSpan.Zero, MaxResumeAttempts = 2 };
            await Assert.ThrowsAsync<RegistryUnreachableException>(() => downloader.DownloadAsync("charts/x",
                new Descriptor { MediaType = MediaTypes.HelmChart, Digest = Sha256(blob), Size = blob.Length }, destination, false, null, CancellationToken.None));
            Assert.False(File.Exists(destination));
            Assert.True(File.Exists(BlobDownloader.PartialPathFor(destination)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Cancelling_leaves_no_final_file()
    {
        byte[] blob = new byte[4 * 1024 * 1024];
        await using FakeRegistry fake = await StartAsync(async (HttpContext context) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentLength = blob.Length;
            await context.Response.Body.WriteAsync(blob.AsMemory(0, 1024 * 1024));
            await context.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        using RemoteRegistry client = fake.Client();
        string directory = Directory.CreateTempSubdirectory("ocitui-cancel-").FullName;
        try
        {
            string destination = Path.Combine(directory, "x.tgz");
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new BlobDownloader(client).DownloadAsync("charts/x",
                new Descriptor { MediaType = MediaTypes.HelmChart, Digest = Sha256(blob), Size = blob.Length }, destination, false, null, cancel.Token));
            Assert.False(File.Exists(destination));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
