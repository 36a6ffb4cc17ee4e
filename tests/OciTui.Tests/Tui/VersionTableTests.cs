using System.Text.Json;
using OciTui.Registry.Models;
using OciTui.Registry.Profiles;
using Terminal.Gui.Input;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Tests.Tui;

/// <summary>
/// The Tags pane over a repository of 10,000 tags: it opens at once, reads appVersion and created for the rows in
/// view only (one chart shared by every tag, so the registry counts what was asked), fills in as it scrolls, and
/// filters as the user types.
/// </summary>
public sealed class VersionTableTests
{
    private const int TagCount = 10_000;

    private static async Task<FakeRegistry> TenThousandTagsAsync()
    {
        var chart = new ChartArchiveBuilder("big", "1.0.0") { AppVersion = "7.7.7" };
        byte[] config = chart.ConfigJson();
        byte[] layer = chart.Build();
        byte[] manifest = ChartManifestFor(config, layer);
        string[] tags = Enumerable.Range(0, TagCount).Select(i => $"1.{i / 100}.{i % 100}").ToArray();
        return await StartAsync(async context =>
        {
            string path = context.Request.Path.Value!;
            if (path.EndsWith("/_catalog", StringComparison.Ordinal)) await WriteAsync(context, 200, JsonSerializer.Serialize(new { repositories = new[] { "big/chart" } }));
            else if (path.EndsWith("/tags/list", StringComparison.Ordinal)) await WriteAsync(context, 200, JsonSerializer.Serialize(new { name = "big/chart", tags }));
            else if (path.Contains("/manifests/", StringComparison.Ordinal)) await WriteBytesAsync(context, manifest, MediaTypes.OciManifest);
            else if (path.EndsWith(Sha256(config), StringComparison.Ordinal)) await WriteBytesAsync(context, config, "application/octet-stream");
            else await WriteAsync(context, 404, "{}");
        });
    }

    private static int ManifestRequests(FakeRegistry fake) => fake.Requests.Count(r => r.PathAndQuery.Contains("/manifests/", StringComparison.Ordinal));

    [Fact]
    public async Task Ten_thousand_tags_open_at_once_and_only_the_rows_in_view_are_read()
    {
        await using FakeRegistry fake = await TenThousandTagsAsync();
        var profile = new Profile { Name = "big", Registry = fake.Server.HostAndPort, PlainHttp = true };
        using var tui = new TuiHarness([profile]);
        int firstScreen = 0;
        await tui
            .Keys(Key.Enter).WaitFor("big/chart")
            .Keys(Key.Enter).WaitFor($"({TagCount}, {TagCount} semver)")
            .WaitUntil(s => s.Contains(" 1.99.99  7.7.7", StringComparison.Ordinal) && s.Contains(" 1.99.95  7.7.7", StringComparison.Ordinal), "the rows in view filled in")
            .Do(() => firstScreen = ManifestRequests(fake), "count")
            .Keys(Key.PageDown, Key.PageDown).WaitUntil(s => s.Contains(" 1.99.85  7.7.7", StringComparison.Ordinal), "the next rows filled in after paging")
            .RunAsync();

        // Eight rows fit at 80x24, plus the details of the selected tag: a few dozen requests, never ten thousand.
        Assert.InRange(firstScreen, 8, 20);
        Assert.InRange(ManifestRequests(fake), firstScreen + 1, 60);
    }

    [Fact]
    public async Task The_filter_narrows_ten_thousand_tags_as_the_user_types_and_escape_brings_them_back()
    {
        await using FakeRegistry fake = await TenThousandTagsAsync();
        var profile = new Profile { Name = "big", Registry = fake.Server.HostAndPort, PlainHttp = true };
        using var tui = new TuiHarness([profile]);
        await tui
            .Keys(Key.Enter).WaitFor("big/chart")
            .Keys(Key.Enter).WaitFor($"({TagCount}, {TagCount} semver)")
            .Type("/1.42.").Do(() => Assert.Equal(100, tui.Window.Tags.Source.Count), "100 rows hold 1.42.")
            .Type("7").WaitUntil(s => s.Contains(" 1.42.79  7.7.7", StringComparison.Ordinal) && s.Contains(" 1.42.75  7.7.7", StringComparison.Ordinal), "the filtered rows in view filled in")
            .WaitFor("Details: 1.42.79")
            .Do(() => Assert.Equal(11, tui.Window.Tags.Source.Count), "1.42.7 and 1.42.70 to 1.42.79")
            .Keys(Key.Enter).Do(() => Assert.Equal("1.42.79", tui.Window.Tags.Selected?.Tag), "the first row, newest first")
            .Keys(Key.Esc).Do(() => Assert.Equal(TagCount, tui.Window.Tags.Source.Count), "Esc clears the filter")
            .Do(() => Assert.Equal("1.42.79", tui.Window.Tags.Selected?.Tag), "the selection stays")
            .RunAsync();
    }

    [Fact]
    public async Task A_filter_reads_the_other_tags_in_the_background_and_clearing_it_stops_the_reading()
    {
        await using FakeRegistry fake = await TenThousandTagsAsync();
        var profile = new Profile { Name = "big", Registry = fake.Server.HostAndPort, PlainHttp = true };
        using var tui = new TuiHarness([profile]);
        int whileFiltering = 0, afterClearing = 0, later = 0;
        await tui
            .Keys(Key.Enter).WaitFor("big/chart")
            .Keys(Key.Enter).WaitFor($"({TagCount}, {TagCount} semver)")
            .Type("/7.7.7").WaitFor("reading ")
            .Pause(TimeSpan.FromMilliseconds(300))
            .Do(() => whileFiltering = ManifestRequests(fake), "count while filtering")
            .Keys(Key.Esc).WaitUntil(s => !s.Contains("reading ", StringComparison.Ordinal), "the reading stopped")
            .Pause(TimeSpan.FromMilliseconds(200))
            .Do(() => afterClearing = ManifestRequests(fake), "count after clearing")
            .Pause(TimeSpan.FromMilliseconds(500))
            .Do(() => later = ManifestRequests(fake), "count later")
            .RunAsync();
        Assert.True(whileFiltering > 60, $"the filter read beyond the rows in view ({whileFiltering} manifests)");
        Assert.True(later - afterClearing <= 6, $"{later - afterClearing} manifests were read after the filter was cleared");
    }
}
