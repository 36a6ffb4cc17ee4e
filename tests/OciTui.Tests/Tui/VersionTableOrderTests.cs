using System.Text.Json;
using OciTui.Registry.Models;
using OciTui.Registry.Profiles;
using Terminal.Gui.Input;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Tests.Tui;

/// <summary>Finding a version by what it holds: the filter reads every tag's appVersion as needed, and o orders by created.</summary>
public sealed class VersionTableOrderTests
{
    /// <summary>Forty tags, each its own chart: appVersion 10.&lt;i&gt; and created on day i of 2026; version order is the reverse of created order for the odd ones.</summary>
    private static async Task<FakeRegistry> FortyChartsAsync()
    {
        var manifests = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var blobs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (int i = 1; i <= 40; i++)
        {
            var chart = new ChartArchiveBuilder("app", $"1.0.{i}") { AppVersion = $"10.{i}" };
            byte[] config = chart.ConfigJson();
            byte[] layer = chart.Build();
            // Odd versions were pushed late: created order differs from version order.
            int day = i % 2 == 1 ? 60 - i : i;
            byte[] manifest = ChartManifest.Create(Sha256(config), config.Length, Sha256(layer), layer.Length, chart,
                new DateTime(2026, 1, 1, 8, 30, 0, DateTimeKind.Utc).AddDays(day).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            manifests[$"1.0.{i}"] = manifest;
            blobs[Sha256(config)] = config;
        }
        return await StartAsync(async context =>
        {
            string path = context.Request.Path.Value!;
            if (path.EndsWith("/_catalog", StringComparison.Ordinal)) await WriteAsync(context, 200, JsonSerializer.Serialize(new { repositories = new[] { "charts/app" } }));
            else if (path.EndsWith("/tags/list", StringComparison.Ordinal)) await WriteAsync(context, 200, JsonSerializer.Serialize(new { tags = manifests.Keys }));
            else if (path.Contains("/manifests/", StringComparison.Ordinal) && manifests.TryGetValue(path[(path.LastIndexOf('/') + 1)..], out byte[]? m)) await WriteBytesAsync(context, m, MediaTypes.OciManifest);
            else if (path.Contains("/blobs/", StringComparison.Ordinal) && blobs.TryGetValue(path[(path.LastIndexOf('/') + 1)..], out byte[]? b)) await WriteBytesAsync(context, b, "application/octet-stream");
            else await WriteAsync(context, 404, "{}");
        });
    }

    /// <summary>Defect: /1.37.5 matched tag names only; an appVersion off screen was never found.</summary>
    [Fact]
    public async Task The_filter_finds_a_version_by_an_app_version_that_was_not_on_screen()
    {
        await using FakeRegistry fake = await FortyChartsAsync();
        var profile = new Profile { Name = "fake", Registry = fake.Server.HostAndPort, PlainHttp = true };
        using var tui = new TuiHarness([profile]);
        await tui
            .Keys(Key.Enter).WaitFor("charts/app")
            .Keys(Key.Enter).WaitFor("(40, 40 semver)")
            .Type("/10.3 ").WaitUntil(s => s.Contains("[1 of 40 match]", StringComparison.Ordinal) && s.Contains(" 1.0.3 ", StringComparison.Ordinal), "1.0.3 found by its appVersion 10.3")
            .RunAsync();
    }

    [Fact]
    public async Task O_orders_the_table_by_created_newest_first_and_back()
    {
        await using FakeRegistry fake = await FortyChartsAsync();
        var profile = new Profile { Name = "fake", Registry = fake.Server.HostAndPort, PlainHttp = true };
        using var tui = new TuiHarness([profile], columns: 160, rows: 40);
        await tui
            .Keys(Key.Enter).WaitFor("charts/app")
            .Keys(Key.Enter).WaitFor("(40, 40 semver)")
            .Keys(Key.O).WaitFor("Created ▼")
            .WaitUntil(s => FirstRow(tui) == "1.0.1", "1.0.1, created last, first")
            .Do(() => Assert.Contains("2026-03-01 08:30", tui.Screen, StringComparison.Ordinal), "the time shows where there is room")
            .Keys(Key.O).WaitUntil(s => FirstRow(tui) == "1.0.40", "version order again")
            .RunAsync();
    }

    private static string FirstRow(TuiHarness tui) =>
        tui.Window.Tags.Source.Count > 0 ? tui.Window.Tags.Source.RowText(0).Trim().Split(' ')[0] : "";
}
