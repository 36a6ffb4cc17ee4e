using System.Collections.Concurrent;
using OciTui.Registry.Inspection;

namespace OciTui.Registry.Trust;

/// <summary>
/// Provenance verdicts of one registry against one keyring, cached by manifest digest: the version table and the
/// Trust view ask for the same tag's verdict, and a manifest's digest fixes its chart layer and its .prov, so one
/// verification answers both. A failed check is not kept, so the next request tries again.
/// </summary>
public sealed class ProvenanceChecks(IRegistry registry, Keyring keyring, TimeProvider? time = null)
{
    private readonly ConcurrentDictionary<string, Task<ProvenanceVerdict>> _byDigest = new(StringComparer.Ordinal);

    public Keyring Keyring { get; } = keyring;

    /// <summary>The verdict already found for the manifest, or null.</summary>
    public ProvenanceVerdict? Cached(ArtifactDetails details) =>
        _byDigest.TryGetValue(details.Manifest.Digest.ToString(), out Task<ProvenanceVerdict>? task) && task.IsCompletedSuccessfully ? task.Result : null;

    /// <summary>Verifies the chart's provenance (reading only its .prov layer), or returns the verdict already found.</summary>
    /// <remarks>
    /// A check runs to its end whoever stops waiting for it: the version table restarts its loads whenever the rows in
    /// view change, and cancelling the verification with them threw the work away each time, so under load a row
    /// could stay "signed" for good. Only a check that failed is forgotten, so the next request tries again.
    /// </remarks>
    public async Task<ProvenanceVerdict> CheckAsync(ArtifactDetails details, CancellationToken cancellationToken)
    {
        string key = details.Manifest.Digest.ToString();
        Task<ProvenanceVerdict> task = _byDigest.GetOrAdd(key, _ => ProvenanceVerifier.VerifyAsync(registry, details, Keyring, time, CancellationToken.None));
        try
        {
            return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (task.IsFaulted || task.IsCanceled)
        {
            _byDigest.TryRemove(new KeyValuePair<string, Task<ProvenanceVerdict>>(key, task));
            throw;
        }
    }
}
