using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OciTui.Registry.Models;
using OciTui.Registry.Profiles;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Tests.Tui;

/// <summary>
/// A fake registry holding one chart, <c>charts/chart:1.0.0</c>, whose layer the test serves itself: slowly, wrongly,
/// or not at all. For the faults a real registry will not produce, seen through the TUI.
/// </summary>
public sealed class FakeChartRegistry : IAsyncDisposable
{
    private FakeChartRegistry(FakeRegistry fake, byte[] layer)
    {
        Fake = fake;
        Layer = layer;
    }

    public FakeRegistry Fake { get; }
    public byte[] Layer { get; }
    public Profile Profile => new() { Name = "fake", Registry = Fake.Server.HostAndPort, PlainHttp = true };

    /// <summary>Half the layer, then nothing until the client gives up: a download that stalls midway.</summary>
    public static async Task ServeHalfThenStall(HttpContext context, byte[] layer)
    {
        context.Response.ContentLength = layer.Length;
        await context.Response.Body.WriteAsync(layer.AsMemory(0, layer.Length / 2));
        await context.Response.Body.FlushAsync();
        await Task.Delay(Timeout.Infinite, context.RequestAborted);
    }

    /// <summary>Answers the chart layer whole and honestly.</summary>
    public static async Task ServeWhole(HttpContext context, byte[] layer)
    {
        context.Response.ContentLength = layer.Length;
        await context.Response.Body.WriteAsync(layer);
    }

    /// <summary>
    /// Starts the registry; <paramref name="serveLayer"/> answers every request for the chart layer, which is
    /// <paramref name="archive"/> built, or random bytes. A <paramref name="provenance"/> adds helm's .prov layer.
    /// </summary>
    public static async Task<FakeChartRegistry> StartAsync(Func<HttpContext, byte[], Task> serveLayer, int layerSize = 256 * 1024,
        string? manifestDigestHeader = null, ChartArchiveBuilder? archive = null, string? provenance = null)
    {
        var chart = archive ?? new ChartArchiveBuilder("chart", "1.0.0") { AppVersion = "9.9.9" };
        byte[] config = chart.ConfigJson();
        byte[] layer = archive?.Build() ?? RandomBytes(layerSize);
        byte[]? prov = provenance is null ? null : Encoding.UTF8.GetBytes(provenance);
        byte[] manifest = Manifest(config, layer, prov);
        FakeRegistry fake = await FakeRegistry.StartAsync(async context =>
        {
            string path = context.Request.Path.Value!;
            if (path == "/v2/") await WriteAsync(context, 200, "{}");
            else if (path.EndsWith("/_catalog", StringComparison.Ordinal)) await WriteAsync(context, 200, JsonSerializer.Serialize(new { repositories = new[] { "charts/chart" } }));
            else if (path.EndsWith("/tags/list", StringComparison.Ordinal)) await WriteAsync(context, 200, JsonSerializer.Serialize(new { tags = new[] { chart.Version } }));
            else if (path.Contains("/manifests/", StringComparison.Ordinal)) await WriteBytesAsync(context, manifest, MediaTypes.OciManifest, manifestDigestHeader ?? Sha256(manifest));
            else if (path.EndsWith(Sha256(config), StringComparison.Ordinal)) await WriteBytesAsync(context, config, "application/octet-stream");
            else if (path.EndsWith(Sha256(layer), StringComparison.Ordinal)) await serveLayer(context, layer);
            else if (prov is not null && path.EndsWith(Sha256(prov), StringComparison.Ordinal)) await WriteBytesAsync(context, prov, "application/octet-stream");
            else await WriteAsync(context, 404, """{"errors":[{"code":"NOT_FOUND","message":"not here"}]}""");
        });
        return new FakeChartRegistry(fake, layer);
    }

    private static byte[] RandomBytes(int size)
    {
        byte[] bytes = new byte[size];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Manifest(byte[] config, byte[] layer, byte[]? provenance)
    {
        var layers = new List<object> { new { mediaType = MediaTypes.HelmChart, digest = Sha256(layer), size = layer.Length } };
        if (provenance is not null) layers.Add(new { mediaType = MediaTypes.HelmProvenance, digest = Sha256(provenance), size = provenance.Length });
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = MediaTypes.OciManifest,
            config = new { mediaType = MediaTypes.HelmConfig, digest = Sha256(config), size = config.Length },
            layers,
            annotations = new Dictionary<string, string> { ["org.opencontainers.image.created"] = "2026-01-01T00:00:00Z" },
        });
    }

    public ValueTask DisposeAsync() => Fake.DisposeAsync();
}
