using System.Globalization;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Models;
using OciTui.Registry.Transfers;
using OciTui.Registry.Wire;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.Http;

/// <summary>
/// A 64 MiB blob over a bare socket that fails in every way a network does (reset, a body cut short, a stall longer
/// than the timeout), and a registry whose resume answers lie: the download resumes with Range and ends verified,
/// or ends with one clear error and a partial file a later run resumes.
/// </summary>
public sealed class NetworkFaultDownloadTests : IDisposable
{
    private const int BlobSize = 64 * 1024 * 1024;
    private static readonly byte[] Blob = MakeBlob();
    private static readonly string BlobDigest = Sha256(Blob);
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-netfault-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static byte[] MakeBlob()
    {
        byte[] blob = new byte[BlobSize];
        new Random(64).NextBytes(blob);
        return blob;
    }

    private enum Fault
    {
        None,
        Reset,
        Truncate,
        Stall,
    }

    private static long RangeStart(RawRequest request) => RangeStart(request.Head);

    private static long RangeStart(string head) =>
        RawRequest.HeaderIn(head, "Range") is { } range && range.StartsWith("bytes=", StringComparison.Ordinal)
            ? long.Parse(range["bytes=".Length..].TrimEnd('-'), CultureInfo.InvariantCulture)
            : 0;

    /// <summary>Serves the blob from the requested offset, failing with <paramref name="faults"/> in turn, about 9 MiB into each answer.</summary>
    private static RawHttpServer BlobServer(Queue<Fault> faults)
    {
        RawHttpServer? server = null;
        server = new RawHttpServer(async request =>
        {
            long start = RangeStart(request);
            Fault fault;
            lock (faults) fault = faults.Count > 0 ? faults.Dequeue() : Fault.None;
            string status = start > 0 ? $"HTTP/1.1 206 Partial Content\nContent-Range: bytes {start}-{BlobSize - 1}/{BlobSize}" : "HTTP/1.1 200 OK";
            await RawHttpServer.WriteHeadAsync(request.Stream, $"{status}\nContent-Type: application/octet-stream\nContent-Length: {BlobSize - start}\n");
            int length = fault == Fault.None ? BlobSize - (int)start : Math.Min(9 * 1024 * 1024, BlobSize - (int)start);
            await request.Stream.WriteAsync(Blob.AsMemory((int)start, length));
            await request.Stream.FlushAsync();
            switch (fault)
            {
                case Fault.Reset:
                    await Task.Delay(50);
                    request.Reset();
                    break;
                case Fault.Stall:
                    // Hangs until the client gives up on it (or the test ends): only the stall timeout gets past this.
                    await Task.Delay(Timeout.InfiniteTimeSpan, server!.Stopping);
                    break;
            }
        });
        return server;
    }

    private RemoteRegistry Client(RawHttpServer server, TimeSpan stall) => new(new RegistryConnectionOptions
    {
        BaseAddress = server.BaseAddress,
        CredentialHost = server.HostAndPort,
        StallTimeout = stall,
    });

    private static Descriptor BlobDescriptor => new() { MediaType = MediaTypes.HelmChart, Digest = BlobDigest, Size = BlobSize };

    [Fact]
    public async Task Six_interruptions_of_three_kinds_on_a_64_MiB_blob_resume_with_range_and_end_verified()
    {
        TimeSpan stall = TimeSpan.FromMilliseconds(300);
        var faults = new Queue<Fault>([Fault.Reset, Fault.Truncate, Fault.Stall, Fault.Reset, Fault.Truncate, Fault.Stall]);
        await using RawHttpServer server = BlobServer(faults);
        using RemoteRegistry client = Client(server, stall);
        string destination = Path.Combine(_directory, "big-1.0.0.tgz");
        var downloader = new BlobDownloader(client) { ResumeDelay = TimeSpan.FromMilliseconds(10) };

        await downloader.DownloadAsync("charts/big", BlobDescriptor, destination, false, null, CancellationToken.None);

        Assert.Equal(BlobDigest, Sha256(await File.ReadAllBytesAsync(destination)));
        Assert.Equal(["big-1.0.0.tgz"], Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName));
        Assert.Equal(7, server.RequestHeads.Count);
        long[] starts = server.RequestHeads.Select(RangeStart).ToArray();
        Assert.Equal(0, starts[0]);
        Assert.All(starts.Skip(1), s => Assert.True(s > 0, "a resume without Range"));
        Assert.Equal(starts.Order(), starts);
    }

    [Fact]
    public async Task A_resume_answered_with_the_wrong_range_stops_with_a_clear_error_and_a_partial_a_later_run_resumes()
    {
        TimeSpan stall = TimeSpan.FromMilliseconds(300);
        bool lying = true;
        RawHttpServer server = new(async request =>
        {
            long start = RangeStart(request);
            if (start == 0)
            {
                await RawHttpServer.WriteHeadAsync(request.Stream, $"HTTP/1.1 200 OK\nContent-Length: {BlobSize}\n");
                await request.Stream.WriteAsync(Blob.AsMemory(0, 5 * 1024 * 1024));
                await request.Stream.FlushAsync();
                request.Reset();
                return;
            }
            long from = Volatile.Read(ref lying) ? 0 : start;
            await RawHttpServer.WriteHeadAsync(request.Stream,
                $"HTTP/1.1 206 Partial Content\nContent-Range: bytes {from}-{BlobSize - 1}/{BlobSize}\nContent-Length: {BlobSize - from}\n");
            await request.Stream.WriteAsync(Blob.AsMemory((int)from));
        });
        await using (server)
        {
            using RemoteRegistry client = Client(server, stall);
            string destination = Path.Combine(_directory, "big-1.0.0.tgz");
            string partial = BlobDownloader.PartialPathFor(destination);
            var downloader = new BlobDownloader(client) { ResumeDelay = TimeSpan.Zero };

            RegistryProtocolException error = await Assert.ThrowsAsync<RegistryProtocolException>(
                () => downloader.DownloadAsync("charts/big", BlobDescriptor, destination, false, null, CancellationToken.None));
            long kept = new FileInfo(partial).Length;
            Assert.Equal($"http://{server.HostAndPort} answered a resume at byte {kept} with a range starting at 0.", error.Message);
            Assert.False(File.Exists(destination));
            Assert.InRange(kept, 1, 5 * 1024 * 1024);

            Volatile.Write(ref lying, false);
            await downloader.DownloadAsync("charts/big", BlobDescriptor, destination, false, null, CancellationToken.None);
            Assert.Equal(BlobDigest, Sha256(await File.ReadAllBytesAsync(destination)));
            Assert.False(File.Exists(partial));
            Assert.Contains(server.RequestHeads.Skip(2), h => h.Contains($"Range: bytes={kept}-", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_blob_that_ends_with_wrong_bytes_deletes_its_partial_file()
    {
        byte[] wrong = (byte[])Blob.Clone();
        wrong[^1] ^= 0xFF;
        await using FakeRegistry fake = await StartAsync(context => WriteBytesAsync(context, wrong, "application/octet-stream"));
        using RemoteRegistry client = fake.Client();
        string destination = Path.Combine(_directory, "big-1.0.0.tgz");
        DigestMismatchException error = await Assert.ThrowsAsync<DigestMismatchException>(
            () => new BlobDownloader(client).DownloadAsync("charts/big", BlobDescriptor, destination, false, null, CancellationToken.None));
        Assert.Equal($"The blob {BlobDigest[..19]} does not match its sha256 digest: the registry served different content; nothing was kept.", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }
}
