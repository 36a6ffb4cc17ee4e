using System.Text.Json;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Transfers;
using OciTui.Registry.Wire;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.Http;

/// <summary>
/// Digests, sizes, urls and names from a registry are checked before anything is requested or written
/// (brief cases 24 to 26).
/// </summary>
public sealed class DescriptorSafetyTests : IDisposable
{
    private static readonly ChartArchiveBuilder Chart = new("chart", "1.0.0");
    private static readonly byte[] Config = Chart.ConfigJson();
    private static readonly byte[] Layer = Chart.Build();
    private readonly string _parent = Directory.CreateTempSubdirectory("ocitui-descriptor-").FullName;
    private readonly string _directory;

    public DescriptorSafetyTests()
    {
        _directory = Path.Combine(_parent, "charts");
        Directory.CreateDirectory(_directory);
    }

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    private static byte[] ManifestWith(object layer, object? config = null, Dictionary<string, string>? annotations = null) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        schemaVersion = 2,
        mediaType = MediaTypes.OciManifest,
        config = config ?? new { mediaType = MediaTypes.HelmConfig, digest = Sha256(Config), size = Config.Length },
        layers = new[] { layer },
        annotations = annotations ?? [],
    });

    /// <summary>A registry serving <paramref name="manifest"/> for any tag and the given blobs by digest.</summary>
    private static Task<FakeRegistry> Serving(byte[] manifest, params byte[][] blobs) => StartAsync(async context =>
    {
        string path = context.Request.Path.Value!;
        if (path.Contains("/manifests/", StringComparison.Ordinal))
        {
            await WriteBytesAsync(context, manifest, MediaTypes.OciManifest);
            return;
        }
        byte[]? blob = blobs.FirstOrDefault(b => path.EndsWith(Sha256(b), StringComparison.Ordinal));
        if (blob is null) await WriteAsync(context, 404, "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\"}]}");
        else await WriteBytesAsync(context, blob, "application/octet-stream");
    });

    [Theory]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("sha256:../../etc/passwd")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85")]
    public async Task A_malformed_digest_is_refused_before_any_request(string digest)
    {
        await using FakeRegistry fake = await StartRecorderAsync();
        using RemoteRegistry client = fake.Client();
        InvalidReferenceException error = await Assert.ThrowsAsync<InvalidReferenceException>(() => client.GetManifestAsync("charts/chart", ManifestReference.Parse(digest)));
        Assert.Equal($"'{digest}' is not a valid digest (expected sha256:<64 lower-case hex> or sha512:<128>).", error.Message);
        await Assert.ThrowsAsync<InvalidReferenceException>(() => ChartPuller.PullAsync(client, new PullRequest("charts/chart", ManifestReference.Parse(digest), _directory)));
        Assert.Empty(fake.Requests);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Theory]
    [InlineData("sha256:../../../../tmp/evil")]
    [InlineData("sha256:ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    public async Task A_layer_with_a_malformed_digest_is_refused_before_any_blob_request_or_file(string digest)
    {
        await using FakeRegistry fake = await Serving(ManifestWith(new { mediaType = MediaTypes.HelmChart, digest, size = Layer.Length }), Config, Layer);
        using RemoteRegistry client = fake.Client();
        RegistryProtocolException error = await Assert.ThrowsAsync<RegistryProtocolException>(() => ChartPuller.PullAsync(client, new PullRequest("charts/chart", ManifestReference.Parse("1.0.0"), _directory)));
        Assert.Equal($"The layer descriptor has an invalid digest '{digest}'.", error.Message);
        Assert.All(fake.Requests, r => Assert.Contains("/manifests/", r.PathAndQuery, StringComparison.Ordinal));
        Assert.Equal([_directory], Directory.GetFileSystemEntries(_parent));
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(4611686018427387904L)]
    public async Task An_impossible_layer_size_is_refused_before_any_blob_request(long size)
    {
        await using FakeRegistry fake = await Serving(ManifestWith(new { mediaType = MediaTypes.HelmChart, digest = Sha256(Layer), size }), Config, Layer);
        using RemoteRegistry client = fake.Client();
        RegistryProtocolException error = await Assert.ThrowsAsync<RegistryProtocolException>(() => ChartPuller.PullAsync(client, new PullRequest("charts/chart", ManifestReference.Parse("1.0.0"), _directory)));
        Assert.Equal($"The layer descriptor {Sha256(Layer)[..19]} has an impossible size {size}.", error.Message);
        Assert.All(fake.Requests, r => Assert.Contains("/manifests/", r.PathAndQuery, StringComparison.Ordinal));
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public async Task Urls_in_a_descriptor_are_never_contacted()
    {
        await using FakeRegistry elsewhere = await StartRecorderAsync();
        string evil = new Uri(elsewhere.BaseAddress, "steal").ToString();
        byte[] manifest = ManifestWith(new { mediaType = MediaTypes.HelmChart, digest = Sha256(Layer), size = Layer.Length, urls = new[] { evil } });
        await using FakeRegistry fake = await Serving(manifest, Config, Layer);
        using RemoteRegistry client = fake.Client(new StaticCredentials("robot", "for-the-registry-only"));
        PullResult pulled = await ChartPuller.PullAsync(client, new PullRequest("charts/chart", ManifestReference.Parse("1.0.0"), _directory));
        Assert.Equal(Layer, await File.ReadAllBytesAsync(pulled.Path));
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task Hostile_names_in_the_config_and_annotations_never_become_paths()
    {
        byte[] config = JsonSerializer.SerializeToUtf8Bytes(new { name = "../../x", version = "../../y", apiVersion = "v2" });
        byte[] manifest = ManifestWith(
            new { mediaType = MediaTypes.HelmChart, digest = Sha256(Layer), size = Layer.Length, annotations = new Dictionary<string, string> { ["org.opencontainers.image.title"] = "../evil.tgz" } },
            new { mediaType = MediaTypes.HelmConfig, digest = Sha256(config), size = config.Length },
            new Dictionary<string, string> { ["org.opencontainers.image.title"] = "../evil", ["org.opencontainers.image.version"] = "../../z" });
        await using FakeRegistry fake = await Serving(manifest, config, Layer);
        using RemoteRegistry client = fake.Client();
        PullResult pulled = await ChartPuller.PullAsync(client, new PullRequest("charts/chart", ManifestReference.Parse("1.0.0"), _directory));
        Assert.Equal(Path.Combine(_directory, "chart-1.0.0.tgz"), pulled.Path);
        Assert.Equal(["chart-1.0.0.tgz"], Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName));
        Assert.Equal([_directory], Directory.GetFileSystemEntries(_parent));
    }

    [Fact]
    public async Task Hostile_names_and_no_usable_tag_ask_for_a_file_name_and_write_nothing()
    {
        byte[] config = JsonSerializer.SerializeToUtf8Bytes(new { name = "../../x", version = "../../y", apiVersion = "v2" });
        byte[] manifest = ManifestWith(new { mediaType = MediaTypes.HelmChart, digest = Sha256(Layer), size = Layer.Length },
            new { mediaType = MediaTypes.HelmConfig, digest = Sha256(config), size = config.Length });
        await using FakeRegistry fake = await Serving(manifest, config, Layer);
        using RemoteRegistry client = fake.Client();
        InvalidInputException error = await Assert.ThrowsAsync<InvalidInputException>(() =>
            ChartPuller.PullAsync(client, new PullRequest("charts/chart", ManifestReference.Parse(Sha256(manifest)), _directory)));
        Assert.Equal("Cannot name the chart file: the chart has no usable version; give a file name.", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }
}
