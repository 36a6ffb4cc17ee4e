using OciTui.Registry.Auth;
using OciTui.Registry.Models;
using OciTui.Registry.References;

namespace OciTui.Registry.Http;

/// <summary>A remote registry speaking the OCI distribution API. (Contract stub: implemented on the http branch.)</summary>
public sealed class RemoteRegistry : IRegistry
{
    /// <summary>Builds the transport from the options (TLS, timeouts) and the real authenticator.</summary>
    public RemoteRegistry(RegistryConnectionOptions options)
        : this(options, handler: null, authenticator: null) { }

    /// <summary>For tests: a custom handler and/or authenticator (null: built from the options).</summary>
    internal RemoteRegistry(RegistryConnectionOptions options, HttpMessageHandler? handler, Func<HttpClient, IRegistryAuthenticator>? authenticator)
    {
        Options = options;
        _ = handler;
        _ = authenticator;
    }

    public RegistryConnectionOptions Options { get; }
    public string Address => Options.BaseAddress.ToString().TrimEnd('/');

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
