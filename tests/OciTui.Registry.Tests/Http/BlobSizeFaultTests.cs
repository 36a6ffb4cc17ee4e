using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Models;
using OciTui.Registry.Transfers;
using OciTui.Registry.Wire;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.Http;

/// <summary>A blob longer or shorter than its descriptor says is refused with its size, and nothing stays on disk.</summary>
public sealed class BlobSizeFaultTests : IDisposable
{
    private static readonly byte[] Blob = Utf8(new string('b', 300_000));
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-blobsize-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Descriptor BlobDescriptor => new() { MediaType = MediaTypes.HelmChart, Digest = Sha256(Blob), Size = Blob.Length };

    [Fact]
    public async Task A_blob_longer_than_its_descriptor_is_stopped_at_the_size()
    {
        await using FakeRegistry fake = await StartAsync(context => WriteBytesAsync(context, [.. Blob, .. new byte[1_000_000]], "application/octet-stream"));
        using RemoteRegistry client = fake.Client();
        string destination = Path.Combine(_directory, "x-1.0.0.tgz");
        DigestMismatchException error = await Assert.ThrowsAsync<DigestMismatchException>(
            () => new BlobDownloader(client).DownloadAsync("charts/x", BlobDescriptor, destination, false, null, CancellationToken.None));
        Assert.Equal($"The blob {Sha256(Blob)[..19]} is larger than the {Blob.Length} bytes its descriptor says; stopped.", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public async Task A_blob_shorter_than_its_descriptor_keeps_nothing()
    {
        await using FakeRegistry fake = await StartAsync(context => WriteBytesAsync(context, Blob[..1000], "application/octet-stream"));
        using RemoteRegistry client = fake.Client();
        string destination = Path.Combine(_directory, "x-1.0.0.tgz");
        DigestMismatchException error = await Assert.ThrowsAsync<DigestMismatchException>(
            () => new BlobDownloader(client).DownloadAsync("charts/x", BlobDescriptor, destination, false, null, CancellationToken.None));
        Assert.Equal($"The blob {Sha256(Blob)[..19]} is 1000 bytes, not the {Blob.Length} its descriptor says; nothing was kept.", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public async Task A_config_blob_of_the_wrong_size_is_refused_in_memory()
    {
        await using FakeRegistry fake = await StartAsync(context => WriteBytesAsync(context, Blob[..1000], "application/octet-stream"));
        using RemoteRegistry client = fake.Client();
        DigestMismatchException error = await Assert.ThrowsAsync<DigestMismatchException>(() => client.GetBlobAsync("charts/x", BlobDescriptor, 4 * 1024 * 1024));
        Assert.Equal($"The blob {Sha256(Blob)[..19]} is 1000 bytes, not the {Blob.Length} its descriptor says.", error.Message);
    }
}
