using System.Net.Http.Headers;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Transfers;
using OciTui.Registry.Wire;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.Http;

/// <summary>Redirects are followed by hand: Authorization never crosses to another origin, and hops and loops are bounded.</summary>
public sealed class RedirectTests
{
    private static readonly byte[] Blob = Utf8("blob bytes for the storage redirect");

    [Fact]
    public async Task A_blob_redirected_to_storage_is_fetched_without_authorization()
    {
        await using FakeRegistry storage = await StartAsync(async context =>
        {
            if (context.Request.Headers.ContainsKey("Authorization")) await WriteAsync(context, 400, "Only one auth mechanism allowed", "text/plain");
            else await WriteBytesAsync(context, Blob, "application/octet-stream");
        });
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            if (!context.Request.Headers.ContainsKey("Authorization"))
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"fake\"";
                await WriteAsync(context, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
                return;
            }
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = new Uri(storage.BaseAddress, "bucket/blob?sig=abc").ToString();
        });
        using RemoteRegistry client = fake.Client(new StaticCredentials("user", "password-xyz"));
        await using BlobResponse response = await client.OpenBlobAsync("charts/chart", Digest.Parse(Sha256(Blob)), 0);
        using var copy = new MemoryStream();
        await response.Content.CopyToAsync(copy);
        Assert.Equal(Blob, copy.ToArray());
        RecordedRequest atStorage = Assert.Single(storage.Requests);
        Assert.Null(atStorage.Header("Authorization"));
        Assert.Contains(fake.Requests, r => r.Header("Authorization") is not null);
    }

    [Fact]
    public async Task A_range_is_sent_again_to_the_redirect_target()
    {
        await using FakeRegistry storage = await StartAsync(async context =>
        {
            Assert.Equal("bytes=5-", context.Request.Headers.Range.ToString());
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = new ContentRangeHeaderValue(5, Blob.Length - 1, Blob.Length).ToString();
            await context.Response.Body.WriteAsync(Blob.AsMemory(5));
        });
        await using FakeRegistry fake = await StartAsync(context =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = new Uri(storage.BaseAddress, "blob").ToString();
            return Task.CompletedTask;
        });
        using RemoteRegistry client = fake.Client();
        await using BlobResponse response = await client.OpenBlobAsync("charts/chart", Digest.Parse(Sha256(Blob)), 5);
        Assert.Equal(5, response.Offset);
        Assert.Equal(Blob.Length, response.TotalLength);
    }

    [Fact]
    public async Task More_than_ten_hops_stop_with_an_error()
    {
        FakeRegistry? fake = null;
        fake = await StartAsync(context =>
        {
            int hop = int.Parse(context.Request.Query["hop"].FirstOrDefault() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = $"/v2/charts/chart/tags/list?hop={hop + 1}";
            return Task.CompletedTask;
        });
        await using (fake)
        {
            using RemoteRegistry client = fake.Client();
            RegistryProtocolException error = await Assert.ThrowsAsync<RegistryProtocolException>(async () =>
            {
                await foreach (IReadOnlyList<string> _ in client.ListTagsAsync("charts/chart")) { }
            });
            Assert.Equal($"http://{fake.Server.HostAndPort} redirected more than 10 times; stopped.", error.Message);
            Assert.Equal(RegistryRequestSender.MaxRedirects, fake.Requests.Count);
        }
    }

    [Fact]
    public async Task A_redirect_loop_stops_with_an_error()
    {
        await using FakeRegistry fake = await StartAsync(context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = context.Request.Path.Value!.EndsWith("/a", StringComparison.Ordinal) ? "/b" : "/a";
            return Task.CompletedTask;
        });
        using RemoteRegistry client = fake.Client();
        RegistryProtocolException error = await Assert.ThrowsAsync<RegistryProtocolException>(() => client.PingAsync());
        Assert.Contains("loop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_to_a_non_http_scheme_is_refused()
    {
        await using FakeRegistry fake = await StartAsync(context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "file:///etc/passwd";
            return Task.CompletedTask;
        });
        using RemoteRegistry client = fake.Client();
        await Assert.ThrowsAsync<RegistryProtocolException>(() => client.PingAsync());
    }

    [Fact]
    public async Task A_redirect_from_https_to_plain_http_is_refused_and_the_target_gets_nothing()
    {
        using var certificates = new TestCertificates();
        await using FakeRegistry plain = await StartRecorderAsync();
        await using FakeRegistry fake = await StartHttpsAsync(context =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = new Uri(plain.BaseAddress, "bucket/blob").ToString();
            return Task.CompletedTask;
        }, certificates);
        using RemoteRegistry client = fake.Client(new StaticCredentials("robot", "tls-only"), o => o with { CaFile = certificates.CaPemPath });
        RegistryProtocolException error = await Assert.ThrowsAsync<RegistryProtocolException>(() => client.OpenBlobAsync("charts/chart", Digest.Parse(Sha256(Blob)), 0));
        Assert.Equal($"https://{fake.Server.HostAndPort} redirected from HTTPS to plain HTTP (http://{plain.Server.HostAndPort}); refused.", error.Message);
        Assert.Empty(plain.Requests);
    }

    [Fact]
    public async Task A_loop_between_two_hosts_stops_with_an_error()
    {
        FakeRegistry? a = null;
        await using FakeRegistry b = await StartAsync(context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = new Uri(a!.BaseAddress, "v2/charts/chart/blobs/x").ToString();
            return Task.CompletedTask;
        });
        a = await StartAsync(context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = new Uri(b.BaseAddress, "storage/x").ToString();
            return Task.CompletedTask;
        });
        await using (a)
        {
            using RemoteRegistry client = a.Client();
            RegistryProtocolException error = await Assert.ThrowsAsync<RegistryProtocolException>(() => client.OpenBlobAsync("charts/chart", Digest.Parse(Sha256(Blob)), 0));
            Assert.Equal($"http://{a.Server.HostAndPort} redirected in a loop; stopped.", error.Message);
            Assert.Equal(2, a.Requests.Count);
            Assert.Single(b.Requests);
        }
    }

    [Fact]
    public async Task A_pull_whose_layer_is_redirected_to_storage_never_sends_the_bearer_token_there()
    {
        var chart = new ChartArchiveBuilder("chart", "1.0.0");
        byte[] config = chart.ConfigJson();
        byte[] layer = chart.Build();
        byte[] manifest = ChartManifestFor(config, layer);
        await using FakeRegistry storage = await StartAsync(async context =>
        {
            if (context.Request.Headers.ContainsKey("Authorization")) await WriteAsync(context, 400, "Only one auth mechanism allowed", "text/plain");
            else await WriteBytesAsync(context, layer, "application/octet-stream");
        });
        FakeRegistry? fake = null;
        fake = await StartAsync(async context =>
        {
            string path = context.Request.Path.Value!;
            if (path == "/token")
            {
                await WriteAsync(context, 200, "{\"token\":\"registry-only-token\"}");
                return;
            }
            if (context.Request.Headers.Authorization.ToString() != "Bearer registry-only-token")
            {
                context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{fake!.BaseAddress}token\",service=\"s\"";
                await WriteAsync(context, 401, "{}");
            }
            else if (path.Contains("/manifests/", StringComparison.Ordinal)) await WriteBytesAsync(context, manifest, MediaTypes.OciManifest);
            else if (path.EndsWith(Sha256(config), StringComparison.Ordinal)) await WriteBytesAsync(context, config, "application/octet-stream");
            else
            {
                context.Response.StatusCode = 307;
                context.Response.Headers.Location = new Uri(storage.BaseAddress, "bucket/layer?X-Amz-Signature=abc").ToString();
            }
        });
        await using (fake)
        {
            using RemoteRegistry client = fake.Client();
            string directory = Directory.CreateTempSubdirectory("ocitui-storage-").FullName;
            try
            {
                PullResult pulled = await ChartPuller.PullAsync(client, new PullRequest("charts/chart", ManifestReference.Parse("1.0.0"), directory));
                Assert.Equal(layer, await File.ReadAllBytesAsync(pulled.Path));
                Assert.Null(Assert.Single(storage.Requests).Header("Authorization"));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
