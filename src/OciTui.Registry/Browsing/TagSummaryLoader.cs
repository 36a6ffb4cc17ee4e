using System.Collections.Concurrent;
using OciTui.Registry.Errors;
using OciTui.Registry.Inspection;
using OciTui.Registry.References;
using OciTui.Registry.Trust;

namespace OciTui.Registry.Browsing;

/// <summary>What the version table shows beside a tag: read from its manifest and chart config, or from a listing API.</summary>
public sealed record TagSummary(string Digest, string? AppVersion, DateTimeOffset? Created, string? Error = null)
{
    /// <summary>The tag's manifest and chart metadata, kept so verifying its provenance needs no second manifest request.</summary>
    public ArtifactDetails? Details { get; init; }

    /// <summary>The chart's description (Harbor's artifact list carries it); null when unknown.</summary>
    public string? Description { get; init; }

    /// <summary>Whether a signature is attached (Harbor's accessories); null when the listing does not say.</summary>
    public bool? Signed { get; init; }

    /// <summary>The manifest has a Helm provenance layer (whether the signature holds is another question).</summary>
    public bool HasProvenance => Details?.Manifest.Manifest?.ProvenanceLayer is not null;

    /// <summary>Signed in either way the version table can tell: a provenance layer or an attached signature.</summary>
    public bool AnySignature => HasProvenance || Signed == true;
}
/// <summary>
/// A repository's tags with what the version table shows, from a registry's own listing API in a few paged requests.
/// <see cref="Complete"/>: the summaries are final (Harbor's artifact list); otherwise they only hint the push time
/// (Docker Hub's tag list) and each tag's manifest is still read for its appVersion.
/// </summary>
public sealed record VersionTable(IReadOnlyDictionary<string, TagSummary> Tags, bool Complete);

/// <summary>
/// Loads appVersion and created date for the tags a person is looking at, a few at a time (bounded concurrency),
/// caching by tag and by manifest digest, so a repository of thousands of tags opens at once and fills in as it scrolls.
/// Verifying the provenance of the signed ones shares the same slots.
/// </summary>
/// <remarks>With a <see cref="VersionTable"/> from a listing API, its complete summaries are used as they are (no request per tag).</remarks>
public sealed class TagSummaryLoader(IRegistry registry, string repository, int maxConcurrency = 6, VersionTable? known = null)
{
    private readonly ConcurrentDictionary<string, Task<TagSummary>> _byTag = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TagSummary> _byDigest = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(maxConcurrency);

    public TagSummary? Cached(string tag) =>
        _byTag.TryGetValue(tag, out Task<TagSummary>? task) && task.IsCompletedSuccessfully ? task.Result
        : known is { Complete: true } table && table.Tags.TryGetValue(tag, out TagSummary? listed) ? listed
        : null;

    /// <summary>
    /// Loads the given tags and reports each as it arrives; a tag already loaded is skipped, and one another caller is
    /// loading is waited for and reported too (returning at once for it left a caller sure of rows still unread).
    /// </summary>
    public async Task LoadAsync(IEnumerable<string> tags, Action<string, TagSummary> onLoaded, CancellationToken cancellationToken)
    {
        var pending = new List<Task>();
        foreach (string tag in tags)
        {
            if (_byTag.TryGetValue(tag, out Task<TagSummary>? loading))
            {
                if (!loading.IsCompleted) pending.Add(ReportAsync(tag, loading, onLoaded).WaitAsync(cancellationToken));
                continue;
            }
            if (known is { Complete: true } table && table.Tags.TryGetValue(tag, out TagSummary? listed))
            {
                _byTag.TryAdd(tag, Task.FromResult(listed));
                onLoaded(tag, listed);
                continue;
            }
            Task<TagSummary> task = _byTag.GetOrAdd(tag, t => FetchAsync(t, cancellationToken));
            pending.Add(ReportAsync(tag, task, onLoaded));
        }
        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    private async Task ReportAsync(string tag, Task<TagSummary> task, Action<string, TagSummary> onLoaded)
    {
        try
        {
            onLoaded(tag, await task.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Only this cancelled load is forgotten, never a newer one for the same tag.
            _byTag.TryRemove(new KeyValuePair<string, Task<TagSummary>>(tag, task));
        }
    }

    private async Task<TagSummary> FetchAsync(string tag, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ArtifactDetails details = await ArtifactInspector.InspectAsync(registry, repository, ManifestReference.ForTag(tag), cancellationToken).ConfigureAwait(false);
            string digest = details.Manifest.Digest.ToString();
            // A listing that knows only when the tag was pushed (Docker Hub) fills in a created date the chart lacks.
            DateTimeOffset? created = details.Created ?? (known?.Tags.TryGetValue(tag, out TagSummary? hint) == true ? hint.Created : null);
            return _byDigest.GetOrAdd(digest, _ => new TagSummary(digest, details.Chart?.AppVersion, created) { Details = details });
        }
        catch (OciTuiException e)
        {
            return new TagSummary("", null, null, e.Message);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>
    /// Verifies the provenance of those of <paramref name="tags"/> whose summary is loaded and signed, a few at a time
    /// in the same slots as the summaries; each verdict is reported as it arrives, and one already known at once. A
    /// check that fails to read the .prov reports nothing (the row stays "signed").
    /// </summary>
    /// <remarks>
    /// A known verdict is reported too: a check runs on after its caller stops waiting (<see cref="ProvenanceChecks"/>),
    /// so it can end between two looks at the rows, reported to nobody, after the row was last drawn "signed".
    /// </remarks>
    public async Task VerifyAsync(IEnumerable<string> tags, ProvenanceChecks checks, Action<string, ProvenanceVerdict> onVerified, CancellationToken cancellationToken)
    {
        var pending = new List<Task>();
        foreach (string tag in tags)
        {
            if (Cached(tag) is not { HasProvenance: true, Details: { } details }) continue;
            if (checks.Cached(details) is { } known) onVerified(tag, known);
            else pending.Add(VerifyOneAsync(tag, details, checks, onVerified, cancellationToken));
        }
        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    private async Task VerifyOneAsync(string tag, ArtifactDetails details, ProvenanceChecks checks, Action<string, ProvenanceVerdict> onVerified, CancellationToken cancellationToken)
    {
        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            ProvenanceVerdict verdict;
            try
            {
                verdict = await checks.CheckAsync(details, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
            onVerified(tag, verdict);
        }
        catch (Exception e) when (e is OperationCanceledException or OciTuiException)
        {
        }
    }
}
