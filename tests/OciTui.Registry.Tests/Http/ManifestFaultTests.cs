using System.Net.Sockets;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Wire;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.Http;

/// <summary>Manifests that lie about their type, digest or size (brief cases 10 to 14), with the exact sentence the user sees.</summary>
public sealed class ManifestFaultTests
{
    private static readonly byte[] Config = new ChartArchiveBuilder("chart", "1.0.0").ConfigJson();
    private static readonly byte[] Layer = new ChartArchiveBuilder("chart", "1.0.0").Build();
    private static readonly byte[] Manifest = ChartManifestFor(Config, Layer);

    [Fact]
    public async Task A_body_media_type_that_contradicts_the_content_type_is_refused()
    {
        await using FakeRegistry fake = await StartAsync(context => WriteBytesAsync(context, Manifest, MediaTypes.OciIndex));
        using RemoteRegistry client = fake.Client();
        UnsupportedManifestException error = await Assert.ThrowsAsync<UnsupportedManifestException>(() => client.GetManifestAsync("charts/chart", ManifestReference.Parse("1.0.0")));
        Assert.Equal($"The manifest says it is '{MediaTypes.OciManifest}' but was served as '{MediaTypes.OciIndex}'.", error.Message);
    }

    [Fact]
    public async Task A_manifest_fetched_by_digest_with_other_bytes_is_refused_and_not_remembered()
    {
        string asked = Sha256(Utf8("the manifest that was asked for"));
        await using FakeRegistry fake = await StartAsync(context => WriteBytesAsync(context, Manifest, MediaTypes.OciManifest));
        using RemoteRegistry client = fake.Client();
        DigestMismatchException error = await Assert.ThrowsAsync<DigestMismatchException>(() => client.GetManifestAsync("charts/chart", ManifestReference.Parse(asked)));
        Assert.Equal($"The manifest 'charts/chart@{asked}' does not match its sha256 digest: the registry served different content.", error.Message);
        await Assert.ThrowsAsync<DigestMismatchException>(() => client.GetManifestAsync("charts/chart", ManifestReference.Parse(asked)));
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task A_tag_whose_announced_digest_differs_from_the_body_is_refused()
    {
        string lie = Sha256(Utf8("lie"));
        await using FakeRegistry fake = await StartAsync(context => WriteBytesAsync(context, Manifest, MediaTypes.OciManifest, lie));
        using RemoteRegistry client = fake.Client();
        DigestMismatchException error = await Assert.ThrowsAsync<DigestMismatchException>(() => client.GetManifestAsync("charts/chart", ManifestReference.Parse("1.0.0")));
        Assert.Equal($"The manifest 'charts/chart:1.0.0' does not match the Docker-Content-Digest the registry announced ({lie[..19]}).", error.Message);
    }

    [Fact]
    public async Task A_schema1_manifest_answering_head_is_reported_as_legacy()
    {
        await using FakeRegistry fake = await StartAsync(context =>
            WriteBytesAsync(context, Utf8("{\"schemaVersion\":1,\"fsLayers\":[]}"), MediaTypes.DockerSchema1Signed, Sha256(Utf8("{\"schemaVersion\":1,\"fsLayers\":[]}"))));
        using RemoteRegistry client = fake.Client();
        UnsupportedManifestException error = await Assert.ThrowsAsync<UnsupportedManifestException>(() => client.ResolveAsync("charts/chart", ManifestReference.Parse("1")));
        Assert.Equal("This is a legacy Docker schema1 manifest, which ocitui does not support.", error.Message);
        Assert.Equal(["HEAD"], fake.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task A_five_mebibyte_manifest_announced_as_such_is_refused_before_reading()
    {
        await using var server = new RawHttpServer(async request =>
        {
            await RawHttpServer.WriteHeadAsync(request.Stream, $"HTTP/1.1 200 OK\nContent-Type: {MediaTypes.OciManifest}\nContent-Length: {5 * 1024 * 1024}\n");
            await request.Stream.WriteAsync(new byte[64 * 1024]);
            await Task.Delay(TimeSpan.FromSeconds(5));
        });
        using var client = new RemoteRegistry(new RegistryConnectionOptions { BaseAddress = server.BaseAddress, CredentialHost = server.HostAndPort });
        SizeLimitExceededException error = await Assert.ThrowsAsync<SizeLimitExceededException>(() => client.GetManifestAsync("charts/chart", ManifestReference.Parse("1.0.0")));
        Assert.Equal("The manifest 'charts/chart:1.0.0' is 5242880 bytes, more than the 4194304-byte limit.", error.Message);
    }

    [Fact]
    public async Task A_manifest_without_length_that_never_ends_is_cut_off_at_4_MiB()
    {
        const long Endless = 64L * 1024 * 1024;
        RawHttpServer? server = null;
        server = new RawHttpServer(async request =>
        {
            await RawHttpServer.WriteHeadAsync(request.Stream, $"HTTP/1.1 200 OK\nContent-Type: {MediaTypes.OciManifest}\nConnection: close\n");
            await server!.WriteUntilRefusedAsync(request.Stream, (byte)' ', Endless);
        });
        await using (server)
        {
            using (var client = new RemoteRegistry(new RegistryConnectionOptions { BaseAddress = server.BaseAddress, CredentialHost = server.HostAndPort }))
            {
                SizeLimitExceededException error = await Assert.ThrowsAsync<SizeLimitExceededException>(() => client.GetManifestAsync("charts/chart", ManifestReference.Parse("1.0.0")));
                Assert.Equal("The manifest 'charts/chart:1.0.0' is larger than the 4194304-byte limit; the transfer was stopped.", error.Message);
            }
            await Task.Delay(200);
            Assert.True(server.BodyBytesWritten < Endless, $"the client took all {server.BodyBytesWritten} bytes");
        }
    }

    [Fact]
    public async Task A_content_length_of_100_followed_by_ten_mebibytes_reads_100_bytes_only()
    {
        const long Flood = 10L * 1024 * 1024;
        RawHttpServer? server = null;
        server = new RawHttpServer(async request =>
        {
            await RawHttpServer.WriteHeadAsync(request.Stream, $"HTTP/1.1 200 OK\nContent-Type: {MediaTypes.OciManifest}\nContent-Length: 100\n");
            await server!.WriteUntilRefusedAsync(request.Stream, (byte)' ', Flood);
        });
        await using (server)
        {
            using (var client = new RemoteRegistry(new RegistryConnectionOptions { BaseAddress = server.BaseAddress, CredentialHost = server.HostAndPort }))
            {
                RegistryProtocolException error = await Assert.ThrowsAsync<RegistryProtocolException>(() => client.GetManifestAsync("charts/chart", ManifestReference.Parse("1.0.0")));
                Assert.StartsWith("The manifest is not valid JSON", error.Message, StringComparison.Ordinal);
            }
            await Task.Delay(200);
            Assert.True(server.BodyBytesWritten < Flood, $"the client took all {server.BodyBytesWritten} bytes");
        }
    }

    [Fact]
    public async Task A_malformed_docker_content_digest_header_is_a_clear_protocol_error()
    {
        await using FakeRegistry fake = await StartAsync(context => WriteBytesAsync(context, Manifest, MediaTypes.OciManifest, "sha256:../../etc/passwd"));
        using RemoteRegistry client = fake.Client();
        RegistryProtocolException error = await Assert.ThrowsAsync<RegistryProtocolException>(() => client.GetManifestAsync("charts/chart", ManifestReference.Parse("1.0.0")));
        Assert.Equal("The registry announced an invalid Docker-Content-Digest 'sha256:../../etc/passwd'.", error.Message);
    }

    [Fact]
    public async Task A_head_without_docker_content_digest_falls_back_to_get_and_hashes_the_body()
    {
        await using FakeRegistry fake = await StartAsync(context => WriteBytesAsync(context, Manifest, MediaTypes.OciManifest));
        using RemoteRegistry client = fake.Client();
        Descriptor resolved = await client.ResolveAsync("charts/chart", ManifestReference.Parse("1.0.0"));
        Assert.Equal(Sha256(Manifest), resolved.Digest);
        Assert.Equal(Manifest.Length, resolved.Size);
        Assert.Equal(["HEAD", "GET"], fake.Requests.Select(r => r.Method));
    }
}
