using OciTui.Registry.Models;
using OciTui.Registry.References;

namespace OciTui.Registry.Layout;

/// <summary>
/// A folder of OCI image layouts read as a read-only registry: every folder below the root holding an
/// <c>oci-layout</c> file is a repository named by its relative path. (Contract stub: implemented on the layout branch.)
/// </summary>
public sealed class LayoutRegistry : IRegistry
{
    public LayoutRegistry(string rootPath) => RootPath = Path.GetFullPath(rootPath);

    /// <summary>One layout (the REF form <c>oci-layout:PATH</c>), exposed as a single repository named <see cref="SingleLayoutRepository"/>.</summary>
    public static LayoutRegistry ForSingleLayout(string layoutPath) => throw new NotImplementedException();

    public const string SingleLayoutRepository = "layout";

    public string RootPath { get; }
    public string Address => $"layout {RootPath}";

    public Task PingAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public IAsyncEnumerable<IReadOnlyList<string>> ListRepositoriesAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public IAsyncEnumerable<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<FetchedManifest> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<Descriptor> ResolveAsync(string repository, string reference, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<byte[]> GetBlobAsync(string repository, Descriptor descriptor, long maxSize, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public Task<BlobResponse> OpenBlobAsync(string repository, Digest digest, long offset, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public IAsyncEnumerable<Descriptor> ListReferrersAsync(string repository, Digest subject, string? artifactType = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();
    public void Dispose() { }
}
