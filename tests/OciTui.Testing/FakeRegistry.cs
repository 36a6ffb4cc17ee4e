using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using OciTui.Registry.Http;
using OciTui.Registry.Wire;

namespace OciTui.Testing;

/// <summary>
/// A fault-injecting registry on Kestrel: the test answers each request itself. For the faults a real registry
/// will not produce (lying digests, hostile redirects and links, throttling, truncated bodies, token servers).
/// </summary>
public sealed class FakeRegistry : IAsyncDisposable
{
    private FakeRegistry(KestrelTestServer server) => Server = server;

    public KestrelTestServer Server { get; }
    public Uri BaseAddress => Server.BaseAddress;
    public IReadOnlyList<RecordedRequest> Requests => Server.Requests;

    public static async Task<FakeRegistry> StartAsync(RequestDelegate handler) => new(await KestrelTestServer.StartAsync(handler));

    /// <summary>The fake registry on HTTPS, with a server certificate from <paramref name="certificates"/> (trusted through its CA file).</summary>
    public static async Task<FakeRegistry> StartHttpsAsync(RequestDelegate handler, TestCertificates certificates) =>
        new(await KestrelTestServer.StartAsync(handler, https: certificates.ServerWithKey));

    /// <summary>A server that only counts: every request is answered 200 with an empty JSON object and recorded.</summary>
    public static Task<FakeRegistry> StartRecorderAsync() => StartAsync(context => WriteAsync(context, 200, "{}"));

    internal RemoteRegistry Client(Registry.Credentials.ICredentialProvider? credentials = null, Func<RegistryConnectionOptions, RegistryConnectionOptions>? tune = null)
    {
        var options = new RegistryConnectionOptions
        {
            BaseAddress = BaseAddress,
            CredentialHost = Server.HostAndPort,
            Credentials = credentials,
            MaxRetryDelay = TimeSpan.FromSeconds(5),
        };
        return new RemoteRegistry(tune?.Invoke(options) ?? options);
    }

    public static string Sha256(byte[] bytes) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(bytes))}";

    public static async Task WriteAsync(HttpContext context, int status, string body, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body);
    }

    public static async Task WriteBytesAsync(HttpContext context, byte[] body, string contentType, string? dockerContentDigest = null)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        if (dockerContentDigest is not null) context.Response.Headers["Docker-Content-Digest"] = dockerContentDigest;
        if (!HttpMethods.IsHead(context.Request.Method)) await context.Response.Body.WriteAsync(body);
    }

    /// <summary>An OCI chart manifest pointing at the given config and layer bytes.</summary>
    public static byte[] ChartManifestFor(byte[] config, byte[] layer) =>
        ChartManifest.Create(Sha256(config), config.Length, Sha256(layer), layer.Length, new ChartArchiveBuilder("chart", "1.0.0"), "2026-01-01T00:00:00Z");

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
