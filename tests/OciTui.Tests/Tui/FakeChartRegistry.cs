using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OciTui.Registry.Models;
using OciTui.Registry.Profiles;
using OciTui.Registry.Tests.Support;
using static OciTui.Registry.Tests.Support.FakeRegistry;

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

    /// <summary>Starts the registry; <paramref name="serveLayer"/> answers every request for the chart layer.</summary>
    public static async Task<FakeChartRegistry> StartAsync(Func<HttpContext, byte[], Task> serveLayer, int layerSize = 256 * 1024, string? manifestDigestHeader = null)
    {
        var chart = new ChartArchiveBuilder("chart", "1.0.0") { AppVersion = "9.9.9" };
        byte[] config = chart.ConfigJson();
        byte[] layer = new byte[layerSize];
        new Random(7).NextBytes(layer);
        byte[] manifest = ChartManifestFor(config, layer);
        string layerDigest = Sha256(layer);
        FakeRegistry fake = await FakeRegistry.StartAsync(async context =>
        {
            string path = context.Request.Path.Value!;
            if (path == "/v2/") await WriteAsync(context, 200, "{}");
            else if (path.EndsWith("/_catalog", StringComparison.Ordinal)) await WriteAsync(context, 200, JsonSerializer.Serialize(new { repositories = new[] { "charts/chart" } }));
            else if (path.EndsWith("/tags/list", StringComparison.Ordinal)) await WriteAsync(context, 200, JsonSerializer.Serialize(new { tags = new[] { "1.0.0" } }));
            else if (path.Contains("/manifests/", StringComparison.Ordinal)) await WriteBytesAsync(context, manifest, MediaTypes.OciManifest, manifestDigestHeader ?? Sha256(manifest));
            else if (path.EndsWith(Sha256(config), StringComparison.Ordinal)) await WriteBytesAsync(context, config, "application/octet-stream");
            else if (path.EndsWith(layerDigest, StringComparison.Ordinal)) await serveLayer(context, layer);
            else await WriteAsync(context, 404, """{"errors":[{"code":"NOT_FOUND","message":"not here"}]}""");
        });
        return new FakeChartRegistry(fake, layer);
    }

    public ValueTask DisposeAsync() => Fake.DisposeAsync();
}
