using OciTui.Registry.Profiles;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui;

/// <summary>Ctrl-C quits ocitui from inside a transfer dialog (download or copy), as it does from the panes.</summary>
public sealed class TransferDialogQuitTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-tui-quit-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Profile Demo => new() { Name = "demo", Layout = RepositoryPaths.DemoLayout };

    [Theory]
    [InlineData("download", "hello-1.0.0.tgz")]
    [InlineData("copy", "Copy charts/hello:1.0.0")]
    public async Task Ctrl_c_in_the_dialog_quits_ocitui_and_leaves_nothing_behind(string dialog, string opened)
    {
        using var tui = new TuiHarness([Demo], workingDirectory: _directory);
        await tui
            .Keys(Key.Enter).WaitFor("charts/hello")
            .Keys(Key.Enter).WaitFor("Version       1.0.0")
            .Keys(dialog == "download" ? Key.D : Key.C.WithShift).WaitFor(opened)
            .KeysThatQuit(Key.C.WithCtrl)
            .RunAsync(TimeSpan.FromSeconds(10));
        await tui.Window.Transfers;
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }
}
