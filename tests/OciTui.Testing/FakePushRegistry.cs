using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace OciTui.Testing;

/// <summary>Where a push request is, for <see cref="FakePushRegistry.Fault"/> to step in.</summary>
public enum PushPhase
{
    StartUpload,
    Patch,
    Put,
    ManifestPut,
}

/// <summary>
/// A minimal writable registry in memory on Kestrel, for the push faults a real registry will not produce on demand:
/// blob HEAD, upload sessions (POST, PATCH with Content-Range, GET status with Range, PUT with digest), manifest HEAD,
/// GET and PUT. <see cref="Fault"/> sees each push request first and may answer it itself (return true).
/// </summary>
public sealed class FakePushRegistry : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string MediaType)> _manifests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MemoryStream> _sessions = new(StringComparer.Ordinal);
    private int _sessionCount;

    private FakePushRegistry() { }

    public FakeRegistry Server { get; private set; } = null!;

    /// <summary>Called before each push request is served; return true when it answered the request itself.</summary>
    public Func<HttpContext, PushPhase, int, Task<bool>>? Fault { get; set; }

    /// <summary>Tags and digests stored, per repository: <c>repo@ref</c>.</summary>
    public IReadOnlyCollection<string> ManifestKeys => [.. _manifests.Keys];

    public bool HasTag(string repository, string tag) => _manifests.ContainsKey($"{repository}@{tag}");

    public int BlobCount => _blobs.Count;

    public static async Task<FakePushRegistry> StartAsync()
    {
        var registry = new FakePushRegistry();
        registry.Server = await FakeRegistry.StartAsync(registry.ServeAsync);
        return registry;
    }

    private readonly ConcurrentDictionary<PushPhase, int> _calls = new();

    private async Task<bool> FaultAsync(HttpContext context, PushPhase phase)
    {
        int call = _calls.AddOrUpdate(phase, 1, (_, n) => n + 1);
        return Fault is not null && await Fault(context, phase, call);
    }

    private async Task ServeAsync(HttpContext context)
    {
        string path = context.Request.Path.Value!;
        string method = context.Request.Method;
        if (path == "/v2/")
        {
            await FakeRegistry.WriteAsync(context, 200, "{}");
            return;
        }
        int uploads = path.IndexOf("/blobs/uploads/", StringComparison.Ordinal);
        int blobs = path.IndexOf("/blobs/", StringComparison.Ordinal);
        int manifests = path.IndexOf("/manifests/", StringComparison.Ordinal);
        if (uploads > 0)
        {
            string repository = path[4..uploads];
            string id = path[(uploads + "/blobs/uploads/".Length)..];
            if (HttpMethods.IsPost(method))
            {
                if (await FaultAsync(context, PushPhase.StartUpload)) return;
                string created = $"s{Interlocked.Increment(ref _sessionCount)}";
                _sessions[created] = new MemoryStream();
                context.Response.Headers.Location = $"/v2/{repository}/blobs/uploads/{created}";
                context.Response.StatusCode = 202;
                return;
            }
            if (!_sessions.TryGetValue(id, out MemoryStream? session))
            {
                await FakeRegistry.WriteAsync(context, 404, "{\"errors\":[{\"code\":\"BLOB_UPLOAD_UNKNOWN\",\"message\":\"blob upload unknown to registry\"}]}");
                return;
            }
            if (HttpMethods.IsGet(method))
            {
                context.Response.Headers["Range"] = $"0-{session.Length - 1}";
                context.Response.Headers.Location = path;
                context.Response.StatusCode = 204;
                return;
            }
            if (HttpMethods.IsPatch(method))
            {
                if (await FaultAsync(context, PushPhase.Patch)) return;
                string range = context.Request.Headers["Content-Range"].ToString();
                long start = long.Parse(range[..range.IndexOf('-', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
                if (start != session.Length)
                {
                    context.Response.StatusCode = 416;
                    return;
                }
                await context.Request.Body.CopyToAsync(session);
                context.Response.Headers["Range"] = $"0-{session.Length - 1}";
                context.Response.Headers.Location = path;
                context.Response.StatusCode = 202;
                return;
            }
            if (HttpMethods.IsPut(method))
            {
                if (await FaultAsync(context, PushPhase.Put)) return;
                await context.Request.Body.CopyToAsync(session);
                string digest = context.Request.Query["digest"].ToString();
                byte[] bytes = session.ToArray();
                if (FakeRegistry.Sha256(bytes) != digest)
                {
                    await FakeRegistry.WriteAsync(context, 400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"provided digest did not match uploaded content\"}]}");
                    return;
                }
                _sessions.TryRemove(id, out _);
                _blobs[$"{repository}@{digest}"] = bytes;
                context.Response.Headers["Docker-Content-Digest"] = digest;
                context.Response.StatusCode = 201;
                return;
            }
        }
        if (manifests > 0)
        {
            string repository = path[4..manifests];
            string reference = path[(manifests + "/manifests/".Length)..];
            if (HttpMethods.IsPut(method))
            {
                if (await FaultAsync(context, PushPhase.ManifestPut)) return;
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                byte[] bytes = body.ToArray();
                string digest = FakeRegistry.Sha256(bytes);
                _manifests[$"{repository}@{reference}"] = (bytes, context.Request.ContentType!);
                _manifests[$"{repository}@{digest}"] = (bytes, context.Request.ContentType!);
                context.Response.Headers["Docker-Content-Digest"] = digest;
                context.Response.StatusCode = 201;
                return;
            }
            if (_manifests.TryGetValue($"{repository}@{reference}", out var stored))
            {
                await FakeRegistry.WriteBytesAsync(context, stored.Bytes, stored.MediaType, FakeRegistry.Sha256(stored.Bytes));
                return;
            }
            await FakeRegistry.WriteAsync(context, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}");
            return;
        }
        if (blobs > 0)
        {
            string repository = path[4..blobs];
            string digest = path[(blobs + "/blobs/".Length)..];
            if (_blobs.TryGetValue($"{repository}@{digest}", out byte[]? blob))
            {
                await FakeRegistry.WriteBytesAsync(context, blob, "application/octet-stream", digest);
                return;
            }
            context.Response.StatusCode = 404;
            return;
        }
        context.Response.StatusCode = 404;
    }

    /// <summary>The bytes a blob was stored with, or null.</summary>
    public byte[]? Blob(string repository, string digest) => _blobs.TryGetValue($"{repository}@{digest}", out byte[]? b) ? b : null;

    public static string Sha256(byte[] bytes) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(bytes))}";

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
