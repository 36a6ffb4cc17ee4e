using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using OciTui.Registry.Profiles;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui;

/// <summary>The download dialog, driven by keys headless: a verified chart lands under helm's name, nothing else ever does.</summary>
public sealed class DownloadDialogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-tui-download-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Profile Demo => new() { Name = "demo", Layout = RepositoryPaths.DemoLayout };

    /// <summary>Opens the fake chart's tag and its download dialog.</summary>
    private static TuiHarness OpenChart(TuiHarness tui) => tui
        .Keys(Key.Enter).WaitFor("charts/chart")
        .Keys(Key.Enter).WaitFor("App version   9.9.9")
        .Keys(Key.D).WaitFor("chart-1.0.0.tgz");

    [Fact]
    public async Task D_then_enter_downloads_a_verified_chart_and_esc_returns_to_the_panes()
    {
        using var tui = new TuiHarness([Demo], workingDirectory: _directory);
        await tui
            .Keys(Key.Enter).WaitFor("charts/webapp")
            .Keys(Key.J, Key.Enter).WaitFor("1.2.3")
            .Keys(Key.J).WaitFor("App version   3.5.1")
            .Keys(Key.D).WaitFor("webapp-1.2.3.tgz")
            .Keys(Key.Enter).WaitFor("verified sha256:")
            .Keys(Key.Esc).WaitFor("App version   3.5.1")
            .RunAsync();
        string file = Path.Combine(_directory, "webapp-1.2.3.tgz");
        Assert.Equal([file], Directory.GetFiles(_directory));
        string layer = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file)));
        string blob = Path.Combine(RepositoryPaths.DemoLayout, "charts", "webapp", "blobs", "sha256", layer);
        Assert.True(File.Exists(blob), "the file is the chart layer the layout holds");
    }

    [Fact]
    public async Task The_quick_start_keys_download_the_newest_stable_sample_chart()
    {
        // The README: Enter, Enter, d, Enter. The cursor starts on the newest stable version, below the prerelease.
        using var tui = new TuiHarness([Demo], workingDirectory: _directory);
        await tui
            .WaitFor("demo").Keys(Key.Enter)
            .WaitFor("charts/hello").Keys(Key.Enter)
            .WaitFor("~1.1.0-rc.1").WaitFor("Version       1.0.0").Keys(Key.D)
            .WaitFor("hello-1.0.0.tgz").Keys(Key.Enter)
            .WaitFor("verified sha256:")
            .RunAsync();
        Assert.Equal([Path.Combine(_directory, "hello-1.0.0.tgz")], Directory.GetFiles(_directory));
    }

    [Fact]
    public async Task A_layer_that_does_not_match_its_digest_is_refused_and_nothing_is_left()
    {
        await using FakeChartRegistry registry = await FakeChartRegistry.StartAsync(async (context, layer) =>
        {
            byte[] lie = [.. layer];
            lie[^1] ^= 1;
            context.Response.ContentLength = lie.Length;
            await context.Response.Body.WriteAsync(lie);
        });
        using var tui = new TuiHarness([registry.Profile], workingDirectory: _directory);
        await OpenChart(tui)
            .Keys(Key.Enter).WaitFor("does not match its sha256 digest")
            .Do(() => Assert.True(tui.Window.IsRunning), "still running")
            .Keys(Key.Esc).WaitFor("App version   9.9.9")
            .RunAsync();
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public async Task Esc_cancels_a_download_midway_and_removes_the_partial_file()
    {
        await using FakeChartRegistry registry = await FakeChartRegistry.StartAsync(FakeChartRegistry.ServeHalfThenStall);
        using var tui = new TuiHarness([registry.Profile], workingDirectory: _directory);
        await OpenChart(tui)
            .Keys(Key.Enter).WaitFor("128 KiB of 256 KiB")
            .Do(() => Assert.NotEmpty(Directory.GetFiles(_directory, "*.partial")), "a partial file while it streams")
            .Keys(Key.Esc).WaitFor("Cancelled: the partial download was removed")
            .Keys(Key.Esc).WaitFor("App version   9.9.9")
            .RunAsync();
        await tui.Window.Transfers;
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public async Task An_existing_file_is_replaced_only_when_the_user_says_so()
    {
        await using FakeChartRegistry registry = await FakeChartRegistry.StartAsync(FakeChartRegistry.ServeWhole);
        string existing = Path.Combine(_directory, "chart-1.0.0.tgz");
        await File.WriteAllTextAsync(existing, "mine");
        using var tui = new TuiHarness([registry.Profile], workingDirectory: _directory);
        await OpenChart(tui)
            .Keys(Key.Enter).WaitFor("exists. Replace it?")
            .Keys(Key.Enter).WaitFor("chart-1.0.0.tgz")
            .Do(() => Assert.Equal("mine", File.ReadAllText(existing)), "Enter keeps the file")
            .Keys(Key.Enter).WaitFor("exists. Replace it?")
            .Keys(Key.Tab.WithShift, Key.Enter).WaitFor("verified sha256:")
            .RunAsync();
        Assert.Equal(registry.Layer, await File.ReadAllBytesAsync(existing));
    }

    [Fact]
    public async Task A_chart_with_provenance_offers_the_prov_file_and_saves_both_verified()
    {
        const string Provenance = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nchart: 1.0.0\n";
        await using FakeChartRegistry registry = await FakeChartRegistry.StartAsync(FakeChartRegistry.ServeWhole, provenance: Provenance);
        using var tui = new TuiHarness([registry.Profile], workingDirectory: _directory);
        await OpenChart(tui)
            .WaitFor("also the provenance file (.prov)")
            .Keys(Key.Tab, Key.Tab, Key.Space).Keys(Key.Enter)
            .WaitFor("and chart-1.0.0.tgz.prov (verified)")
            .RunAsync();
        Assert.Equal(registry.Layer, await File.ReadAllBytesAsync(Path.Combine(_directory, "chart-1.0.0.tgz")));
        Assert.Equal(Provenance, await File.ReadAllTextAsync(Path.Combine(_directory, "chart-1.0.0.tgz.prov")));
    }

    [Fact]
    public async Task A_folder_under_the_chart_file_name_is_left_alone_and_nothing_is_downloaded()
    {
        await using FakeChartRegistry registry = await FakeChartRegistry.StartAsync(FakeChartRegistry.ServeWhole);
        string inTheWay = Path.Combine(_directory, "chart-1.0.0.tgz");
        Directory.CreateDirectory(Path.Combine(inTheWay, "kept"));
        using var tui = new TuiHarness([registry.Profile], workingDirectory: _directory);
        await OpenChart(tui)
            .Keys(Key.Enter).WaitFor("is a folder;")
            .Do(() => Assert.True(tui.Window.IsRunning), "still running")
            .RunAsync();
        await tui.Window.Transfers;
        Assert.Equal([inTheWay], Directory.GetFileSystemEntries(_directory));
        Assert.Equal([Path.Combine(inTheWay, "kept")], Directory.GetFileSystemEntries(inTheWay));
        string layer = Convert.ToHexStringLower(SHA256.HashData(registry.Layer));
        Assert.DoesNotContain(registry.Fake.Requests, r => r.PathAndQuery.Contains(layer, StringComparison.Ordinal));
    }
}
