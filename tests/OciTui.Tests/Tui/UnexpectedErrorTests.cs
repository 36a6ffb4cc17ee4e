using OciTui.Registry;
using OciTui.Registry.Layout;
using OciTui.Registry.Models;
using OciTui.Registry.Profiles;
using OciTui.Registry.References;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui;

/// <summary>A bug in ocitui itself (an exception nobody expected) shows as one line and never ends the app.</summary>
public sealed class UnexpectedErrorTests
{
    /// <summary>The sample layouts, except that listing tags fails the way a bug would.</summary>
    private sealed class BuggyRegistry(IRegistry inner) : IRegistry
    {
        public string Address => inner.Address;
        public Task PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);
        public IAsyncEnumerable<IReadOnlyList<string>> ListRepositoriesAsync(CancellationToken cancellationToken = default) => inner.ListRepositoriesAsync(cancellationToken);
        public IAsyncEnumerable<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("a bug \u001b[2J with an escape");
        public Task<FetchedManifest> GetManifestAsync(string repository, ManifestReference reference, CancellationToken cancellationToken = default) => inner.GetManifestAsync(repository, reference, cancellationToken);
        public Task<Descriptor> ResolveAsync(string repository, ManifestReference reference, CancellationToken cancellationToken = default) => inner.ResolveAsync(repository, reference, cancellationToken);
        public Task<byte[]> GetBlobAsync(string repository, Descriptor descriptor, long maxSize, CancellationToken cancellationToken = default) => inner.GetBlobAsync(repository, descriptor, maxSize, cancellationToken);
        public Task<BlobResponse> OpenBlobAsync(string repository, Digest digest, long offset, CancellationToken cancellationToken = default) => inner.OpenBlobAsync(repository, digest, offset, cancellationToken);
        public IAsyncEnumerable<Descriptor> ListReferrersAsync(string repository, Digest subject, string? artifactType = null, CancellationToken cancellationToken = default) => inner.ListReferrersAsync(repository, subject, artifactType, cancellationToken);
        public void Dispose() => inner.Dispose();
    }

    [Fact]
    public async Task An_exception_nobody_expected_shows_on_the_status_line_and_the_app_keeps_running()
    {
        var demo = new Profile { Name = "demo", Layout = RepositoryPaths.DemoLayout };
        using var tui = new TuiHarness([demo], open: p => new BuggyRegistry(new LayoutRegistry(p.Layout!)));
        string screen = "";
        await tui
            .Keys(Key.Enter).WaitFor("charts/hello")
            .Keys(Key.Enter).WaitFor("Unexpected error (InvalidOperationException)")
            .Do(() => screen = tui.Screen, "capture")
            .Keys(Key.Tab.WithShift).Keys(Key.Tab.WithShift, Key.Enter).WaitFor("charts/webapp")
            .RunAsync();
        Assert.DoesNotContain("\u001b", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", screen, StringComparison.Ordinal);
    }
}
