using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Transfers;
using OciTui.Registry.Wire;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.Http;

/// <summary>Content whose bytes do not match the digest asked for or announced is refused, and nothing is kept.</summary>
public sealed class DigestVerificationTests
{
    private static readonly byte[] Config = new ChartArchiveBuilder("chart", "1.0.0").ConfigJson();
    private static readonly byte[] Layer = new ChartArchiveBuilder("chart", "1.0.0").Build();

    [Fact]
    public async Task A_blob_whose_bytes_differ_from_its_digest_leaves_no_file()
    {
        byte[] manifest = ChartManifestFor(Config, Layer);
        byte[] tampered = (byte[])Layer.Clone();
        tampered[^1] ^= 0xFF;
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            string path = context.Request.Path.Value!;
            if (path.EndsWith("/manifests/1.0.0", StringComparison.Ordinal)) await WriteBytesAsync(context, manifest, MediaTypes.OciManifest);
            else if (path.EndsWith(Sha256(Config), StringComparison.Ordinal)) await WriteBytesAsync(context, Config, "application/octet-stream");
            else await WriteBytesAsync(context, tampered, "application/octet-stream");
        });
        using RemoteRegistry client = fake.Client();
        string directory = Directory.CreateTempSubdirectory("ocitui-digest-").FullName;
        try
        {
            DigestMismatchException error = await Assert.ThrowsAsync<DigestMismatchException>(
                () => ChartPuller.PullAsync(client, new PullRequest("charts/chart", ManifestReference.Parse("1.0.0"), directory)));
            Assert.Contains("does not match", error.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_manifest_fetched_by_digest_must_hash_to_it()
    {
        byte[] manifest = ChartManifestFor(Config, Layer);
        string otherDigest = Sha256(Utf8("something else"));
        await using FakeRegistry fake = await StartAsync(context => WriteBytesAsync(context, manifest, MediaTypes.OciManifest));
        using RemoteRegistry client = fake.Client();
        await Assert.ThrowsAsync<DigestMismatchException>(() => client.GetManifestAsync("charts/chart", ManifestReference.Parse(otherDigest)));
    }

    [Fact]
    public async Task A_tag_whose_docker_content_digest_differs_from_the_body_is_refused()
    {
        byte[] manifest = ChartManifestFor(Config, Layer);
        await using FakeRegistry fake = await StartAsync(context => WriteBytesAsync(context, manifest, MediaTypes.OciManifest, Sha256(Utf8("lie"))));
        using RemoteRegistry client = fake.Client();
        DigestMismatchException error = await Assert.ThrowsAsync<DigestMismatchException>(() => client.GetManifestAsync("charts/chart", ManifestReference.Parse("1.0.0")));
        Assert.Contains("Docker-Content-Digest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_manifest_request_sends_all_four_accept_types()
    {
        byte[] manifest = ChartManifestFor(Config, Layer);
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            string accept = context.Request.Headers.Accept.ToString();
            if (MediaTypes.ManifestAccept.All(t => accept.Contains(t, StringComparison.Ordinal))) await WriteBytesAsync(context, manifest, MediaTypes.OciManifest);
            else await WriteAsync(context, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}");
        });
        using RemoteRegistry client = fake.Client();
        Assert.NotNull((await client.GetManifestAsync("charts/chart", ManifestReference.Parse("1.0.0"))).Manifest);
        Assert.Equal(Sha256(manifest), (await client.ResolveAsync("charts/chart", ManifestReference.Parse("1.0.0"))).Digest);
    }

    [Fact]
    public async Task A_manifest_over_4_MiB_is_cut_off_even_when_content_length_lies()
    {
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = MediaTypes.OciManifest;
            byte[] chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)' ');
            for (int i = 0; i < 160 && !context.RequestAborted.IsCancellationRequested; i++) await context.Response.Body.WriteAsync(chunk);
        });
        using RemoteRegistry client = fake.Client();
        await Assert.ThrowsAsync<SizeLimitExceededException>(() => client.GetManifestAsync("charts/chart", ManifestReference.Parse("1.0.0")));
    }

    [Fact]
    public async Task A_schema1_manifest_is_reported_as_unsupported()
    {
        byte[] schema1 = Utf8("{\"schemaVersion\":1,\"name\":\"x\",\"tag\":\"1\",\"fsLayers\":[]}");
        await using FakeRegistry fake = await StartAsync(context => WriteBytesAsync(context, schema1, MediaTypes.DockerSchema1Signed));
        using RemoteRegistry client = fake.Client();
        UnsupportedManifestException error = await Assert.ThrowsAsync<UnsupportedManifestException>(() => client.GetManifestAsync("charts/chart", ManifestReference.Parse("1")));
        Assert.Contains("schema1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_descriptor_with_an_absurd_size_is_refused_before_any_download()
    {
        byte[] manifest = Utf8($"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciManifest}\",\"config\":{{\"mediaType\":\"{MediaTypes.HelmConfig}\",\"digest\":\"{Sha256(Config)}\",\"size\":{Config.Length}}}," +
            $"\"layers\":[{{\"mediaType\":\"{MediaTypes.HelmChart}\",\"digest\":\"{Sha256(Layer)}\",\"size\":4611686018427387904,\"urls\":[\"https://evil.example/x\"]}}]}}");
        await using FakeRegistry fake = await StartAsync(context => WriteBytesAsync(context, manifest, MediaTypes.OciManifest));
        using RemoteRegistry client = fake.Client();
        await Assert.ThrowsAsync<RegistryProtocolException>(() => client.GetManifestAsync("charts/chart", ManifestReference.Parse("1.0.0")));
        Assert.All(fake.Requests, r => Assert.Contains("/manifests/", r.PathAndQuery, StringComparison.Ordinal));
    }
}
