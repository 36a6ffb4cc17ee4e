using OciTui.Registry.Browsing;
using OciTui.Registry.Models;
using OciTui.Registry.References;

namespace OciTui.Registry;

/// <summary>
/// A registry as ocitui sees it: a remote OCI distribution API (<see cref="Http.RemoteRegistry"/>) or a folder of
/// OCI image layouts (<see cref="Layout.LayoutRegistry"/>). Every method validates names and digests before use,
/// verifies every digest it returns content for, and throws only <see cref="Errors.OciTuiException"/> subclasses
/// (or <see cref="OperationCanceledException"/>).
/// </summary>
public interface IRegistry : IDisposable
{
    /// <summary>Where this registry is, for display: <c>https://ghcr.io</c>, <c>http://127.0.0.1:5000</c>, <c>layout /srv/charts</c>.</summary>
    string Address { get; }

    /// <summary>Checks that the registry speaks the v2 API and that we may talk to it (authenticating if asked to).</summary>
    Task PingAsync(CancellationToken cancellationToken = default);

    /// <summary>Repository names, one page at a time. Throws <see cref="Errors.CatalogUnavailableException"/> when the catalog is refused.</summary>
    IAsyncEnumerable<IReadOnlyList<string>> ListRepositoriesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Repositories through the registry's own listing API (Harbor's projects, a Docker Hub namespace), pages reported
    /// to <paramref name="onPage"/> as they arrive; null when the registry has no such API (then the catalog is asked).
    /// </summary>
    Task<RepositoryList?> ListRepositoriesViaApiAsync(Action<IReadOnlyList<string>>? onPage, CancellationToken cancellationToken = default) =>
        Task.FromResult<RepositoryList?>(null);

    /// <summary>
    /// Every tag of a repository with what the version table shows, from the registry's own listing API in a few paged
    /// requests (Harbor's artifact list); null when it has none. Details and downloads still go through the registry API.
    /// </summary>
    Task<VersionTable?> ListVersionTableAsync(string repository, CancellationToken cancellationToken = default) =>
        Task.FromResult<VersionTable?>(null);

    /// <summary>Tags of one repository, one page at a time, in the registry's order.</summary>
    IAsyncEnumerable<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken = default);

    /// <summary>GETs a manifest by tag or digest; the body's digest is checked against the digest asked for and the one announced.</summary>
    Task<FetchedManifest> GetManifestAsync(string repository, ManifestReference reference, CancellationToken cancellationToken = default);

    /// <summary>HEADs a manifest (falling back to GET) and returns its descriptor: media type, digest, size.</summary>
    Task<Descriptor> ResolveAsync(string repository, ManifestReference reference, CancellationToken cancellationToken = default);

    /// <summary>Reads a small blob (a config) whole, refusing more than <paramref name="maxSize"/> bytes, verified against the descriptor.</summary>
    Task<byte[]> GetBlobAsync(string repository, Descriptor descriptor, long maxSize, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a blob for streaming from <paramref name="offset"/>. The caller hashes and verifies; the response says where
    /// its content really starts (a registry may ignore the range and send the whole blob).
    /// </summary>
    Task<BlobResponse> OpenBlobAsync(string repository, Digest digest, long offset, CancellationToken cancellationToken = default);

    /// <summary>Artifacts that refer to <paramref name="subject"/> (signatures, SBOMs), via the referrers API or the tag schema fallback.</summary>
    IAsyncEnumerable<Descriptor> ListReferrersAsync(string repository, Digest subject, string? artifactType = null, CancellationToken cancellationToken = default);

    // Pushing, for copy. A registry that cannot be written keeps these defaults, which refuse.

    /// <summary>Whether the blob is already in <paramref name="repository"/> (so it need not be sent).</summary>
    Task<bool> BlobExistsAsync(string repository, Descriptor blob, CancellationToken cancellationToken = default) =>
        throw ReadOnly();

    /// <summary>
    /// Puts one blob into <paramref name="repository"/>: mounted from <paramref name="mountFrom"/> of the same registry
    /// when given and allowed, else uploaded from <paramref name="source"/>, every byte verified against the descriptor on
    /// the way. Reports the bytes sent to <paramref name="progress"/>.
    /// </summary>
    Task<BlobPushOutcome> PushBlobAsync(string repository, Descriptor blob, BlobSource source, string? mountFrom, IProgress<long>? progress,
        CancellationToken cancellationToken = default) =>
        throw ReadOnly();

    /// <summary>
    /// Stores a manifest's exact bytes under <paramref name="reference"/> (a digest, or a tag), after the blobs it names.
    /// A registry answering with another digest is an error.
    /// </summary>
    Task PushManifestAsync(string repository, ManifestReference reference, FetchedManifest manifest, CancellationToken cancellationToken = default) =>
        throw ReadOnly();

    private Errors.InvalidInputException ReadOnly() => new($"{Address} cannot be written to.");
}

/// <summary>Where a pushed blob's bytes come from: a repository of the source registry, opened (and reopened, to resume) by offset.</summary>
public sealed record BlobSource(IRegistry Registry, string Repository);

/// <summary>How a blob reached the destination.</summary>
public enum BlobPushOutcome
{
    /// <summary>Its bytes were sent.</summary>
    Uploaded,

    /// <summary>Mounted from another repository of the same registry: nothing was sent.</summary>
    Mounted,
}
