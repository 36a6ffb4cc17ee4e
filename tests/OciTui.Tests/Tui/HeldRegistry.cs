using System.Collections.Concurrent;
using OciTui.Registry;
using OciTui.Registry.Models;
using OciTui.Registry.References;

namespace OciTui.Tests.Tui;

/// <summary>
/// A real registry (an OCI layout) whose reads of chosen blobs wait until the test lets them go, then answer: the
/// order in which a slow network's answers arrive, made exact instead of left to timing. Everything else passes
/// straight through.
/// </summary>
public sealed class HeldRegistry(IRegistry inner) : IRegistry
{
    private readonly ConcurrentDictionary<string, (TaskCompletionSource Reached, TaskCompletionSource Released)> _held = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

    /// <summary>How many times <paramref name="digest"/> was read (held or not).</summary>
    public int Reads(string digest) => _reads.GetValueOrDefault(digest);

    /// <summary>From now on, reads of <paramref name="digest"/> wait for <see cref="Release"/>.</summary>
    public void Hold(string digest) =>
        _held[digest] = (new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Whether a read of a held digest has arrived and is waiting.</summary>
    public bool IsWaiting(string digest) => _held.TryGetValue(digest, out var held) && held.Reached.Task.IsCompleted && !held.Released.Task.IsCompleted;

    /// <summary>Lets the reads of <paramref name="digest"/> go on, those waiting and those to come.</summary>
    public void Release(string digest) => _held[digest].Released.TrySetResult();

    public string Address => inner.Address;

    public Task PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);

    public IAsyncEnumerable<IReadOnlyList<string>> ListRepositoriesAsync(CancellationToken cancellationToken = default) => inner.ListRepositoriesAsync(cancellationToken);

    public IAsyncEnumerable<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken = default) => inner.ListTagsAsync(repository, cancellationToken);

    public Task<FetchedManifest> GetManifestAsync(string repository, ManifestReference reference, CancellationToken cancellationToken = default) =>
        inner.GetManifestAsync(repository, reference, cancellationToken);

    public Task<Descriptor> ResolveAsync(string repository, ManifestReference reference, CancellationToken cancellationToken = default) =>
        inner.ResolveAsync(repository, reference, cancellationToken);

    public async Task<byte[]> GetBlobAsync(string repository, Descriptor descriptor, long maxSize, CancellationToken cancellationToken = default)
    {
        _reads.AddOrUpdate(descriptor.Digest.ToString(), 1, (_, n) => n + 1);
        if (_held.TryGetValue(descriptor.Digest.ToString(), out var held))
        {
            held.Reached.TrySetResult();
            // Deaf to cancellation, as an answer already on its way is: whether it is still wanted is the reader's to decide.
            await held.Released.Task;
        }
        return await inner.GetBlobAsync(repository, descriptor, maxSize, cancellationToken);
    }

    public Task<BlobResponse> OpenBlobAsync(string repository, Digest digest, long offset, CancellationToken cancellationToken = default) =>
        inner.OpenBlobAsync(repository, digest, offset, cancellationToken);

    public IAsyncEnumerable<Descriptor> ListReferrersAsync(string repository, Digest subject, string? artifactType = null, CancellationToken cancellationToken = default) =>
        inner.ListReferrersAsync(repository, subject, artifactType, cancellationToken);

    public void Dispose() => inner.Dispose();
}
