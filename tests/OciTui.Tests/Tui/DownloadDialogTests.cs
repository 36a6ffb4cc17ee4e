using System.Security.Cryptography;
using OciTui.Registry.Profiles;
using OciTui.Registry.Tests.Layout;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui;

/// <summary>The download dialog, driven by keys headless: a verified chart lands under helm's name, Esc closes.</summary>
public sealed class DownloadDialogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-tui-download-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task D_then_enter_downloads_a_verified_chart_and_esc_returns_to_the_panes()
    {
        var demo = new Profile { Name = "demo", Layout = DemoLayoutTests.CommittedPath };
        using var tui = new TuiHarness([demo], workingDirectory: _directory);
        await tui
            .Keys(Key.Enter).WaitFor("charts/webapp")
            .Keys(Key.J, Key.Enter).WaitFor("1.2.3")
            .Keys(Key.J).WaitFor("App version   3.5.1")
            .Keys(Key.D)
            .WaitFor("webapp-1.2.3.tgz")
            .Keys(Key.Enter)
            .WaitFor("verified sha256:")
            .Keys(Key.Esc)
            .WaitFor("App version   3.5.1")
            .RunAsync();
        string file = Path.Combine(_directory, "webapp-1.2.3.tgz");
        Assert.Equal([file], Directory.GetFiles(_directory));
        string layer = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file)));
        string blob = Path.Combine(DemoLayoutTests.CommittedPath, "charts", "webapp", "blobs", "sha256", layer);
        Assert.True(File.Exists(blob), "the file is the chart layer the layout holds");
    }
}
