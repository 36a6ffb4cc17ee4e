using OciTui.Registry.Layout;
using OciTui.Registry.Profiles;
using OciTui.Registry.References;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui;

/// <summary>The copy dialog (Shift-C in Tags), headless: the selected version into a real registry and into a layout folder.</summary>
public sealed class CopyDialogTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-tui-copy-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Profile Demo => new() { Name = "demo", Layout = RepositoryPaths.DemoLayout };

    private Profile Lab => new() { Name = "lab", Registry = registry.Host, PlainHttp = true };

    /// <summary>Opens the dialog on charts/hello 1.0.0 and replaces the destination field's "demo" with <paramref name="destination"/>.</summary>
    private static TuiHarness OpenCopy(TuiHarness tui, string destination) => tui
        .Keys(Key.Enter).WaitFor("charts/hello")
        .Keys(Key.Enter).WaitFor("Version       1.0.0")
        .Keys(Key.C.WithShift).WaitFor("Copy charts/hello:1.0.0")
        .Keys(Key.End, Key.Backspace, Key.Backspace, Key.Backspace, Key.Backspace)
        .Type(destination);

    [RegistryFact]
    public async Task Shift_c_copies_the_selected_version_to_another_profile_and_says_so()
    {
        using var tui = new TuiHarness([Demo, Lab], workingDirectory: _directory);
        await OpenCopy(tui, "lab")
            .Keys(Key.Enter).WaitFor("Copied: 1.0.0")
            .WaitFor("sent. Enter closes.")
            .Do(() => File.WriteAllText(Path.Combine(_directory, "screen.txt"), tui.Screen), "keep the final screen")
            .Keys(Key.Enter).WaitUntil(s => !s.Contains("Copy charts/hello", StringComparison.Ordinal), "the dialog closed")
            .RunAsync(TimeSpan.FromSeconds(40));
        await tui.Window.Transfers;
        using var lab = Registry.RegistryFactory.Open(Lab);
        using var demo = Registry.RegistryFactory.Open(Demo);
        Assert.Equal((await demo.ResolveAsync("charts/hello", ManifestReference.ForTag("1.0.0"))).Digest,
            (await lab.ResolveAsync("charts/hello", ManifestReference.ForTag("1.0.0"))).Digest);

        using var again = new TuiHarness([Demo, Lab], workingDirectory: _directory);
        await OpenCopy(again, "lab")
            .Keys(Key.Enter).WaitFor("Already there: 1.0.0")
            .Keys(Key.Enter)
            .RunAsync(TimeSpan.FromSeconds(40));
        await again.Window.Transfers;
    }

    [Fact]
    public async Task Shift_c_copies_into_a_layout_folder_that_a_layout_profile_then_reads()
    {
        string folder = Path.Combine(_directory, "usb");
        using var tui = new TuiHarness([Demo], workingDirectory: _directory);
        await OpenCopy(tui, $"oci-layout:{folder}")
            .Keys(Key.Enter).WaitFor("Copied: 1.0.0")
            .Keys(Key.Enter)
            .RunAsync(TimeSpan.FromSeconds(40));
        await tui.Window.Transfers;
        using var layout = new LayoutRegistry(folder);
        using var demo = Registry.RegistryFactory.Open(Demo);
        Assert.Equal((await demo.ResolveAsync("charts/hello", ManifestReference.ForTag("1.0.0"))).Digest,
            (await layout.ResolveAsync("charts/hello", ManifestReference.ForTag("1.0.0"))).Digest);
    }

    [Fact]
    public async Task An_unknown_destination_profile_is_said_in_one_sentence_and_nothing_starts()
    {
        using var tui = new TuiHarness([Demo], workingDirectory: _directory);
        await OpenCopy(tui, "nowhere")
            .Keys(Key.Enter).WaitFor("There is no profile named 'nowhere'")
            .Keys(Key.Esc)
            .RunAsync();
    }

    [Fact]
    public async Task Shift_c_with_versions_marked_copies_those_versions_and_not_the_selected_one()
    {
        string folder = Path.Combine(_directory, "marked");
        using var tui = new TuiHarness([Demo], workingDirectory: _directory);
        await tui
            .Keys(Key.Enter).WaitFor("charts/hello")
            .Keys(Key.Enter).WaitFor("Version       1.0.0")
            .Keys(Key.Space, Key.J, Key.J, Key.Space, Key.K).WaitUntil(_ => tui.Window.Session.MarkedTags.Count == 2, "two versions marked")
            .Keys(Key.C.WithShift).WaitFor("Copy 2 versions of charts/hello")
            .Keys(Key.End, Key.Backspace, Key.Backspace, Key.Backspace, Key.Backspace)
            .Type($"oci-layout:{folder}")
            .Keys(Key.Enter).WaitFor("Copied: ")
            .Keys(Key.Enter)
            .RunAsync(TimeSpan.FromSeconds(40));
        await tui.Window.Transfers;
        using var layout = new LayoutRegistry(folder);
        List<string> tags = [];
        await foreach (IReadOnlyList<string> page in layout.ListTagsAsync("charts/hello")) tags.AddRange(page);
        Assert.Equal(["0.1.0", "1.0.0"], tags.Order(StringComparer.Ordinal));
    }
}
