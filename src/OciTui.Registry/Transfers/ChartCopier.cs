using System.Diagnostics;
using OciTui.Registry.Errors;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Text;
using OciTui.Registry.Trust;

namespace OciTui.Registry.Transfers;

/// <summary>What to copy: one tag or digest of a source repository into a destination repository, under a tag or by digest only.</summary>
public sealed record CopyRequest(IRegistry Source, string SourceRepository, ManifestReference SourceReference,
    IRegistry Destination, string DestinationRepository, string? DestinationTag)
{
    /// <summary>Also copy what is attached: OCI referrers and cosign's tag-scheme artifacts.</summary>
    public bool IncludeReferrers { get; init; } = true;

    /// <summary>Only find out what would be sent and what is already there; write nothing.</summary>
    public bool DryRun { get; init; }
}

/// <summary>What a copy sends or finds: a blob, a manifest, or a tag, and whether the destination already had it.</summary>
public sealed record CopyItem(CopyItemKind Kind, Digest Digest, long Size, string Description, bool Present);

public enum CopyItemKind
{
    Blob,
    Manifest,
    Tag,
}

/// <summary>Progress of a copy: all bytes to send, and the blob being sent.</summary>
public sealed record CopyProgress(TransferProgress Overall, Digest? CurrentBlob, long CurrentDone, long CurrentTotal);

/// <summary>What a copy did (or, for a dry run, would do), item by item in the order it sends them.</summary>
public sealed record CopyResult(Digest ManifestDigest, string? DestinationTag, IReadOnlyList<CopyItem> Items, bool DryRun)
{
    public long BytesSent { get; init; }
    public int BlobsMounted { get; init; }

    public int BlobsSent => Items.Count(i => i.Kind == CopyItemKind.Blob && !i.Present) - BlobsMounted;
    public int BlobsSkipped => Items.Count(i => i.Kind == CopyItemKind.Blob && i.Present);
    public int ManifestsSent => Items.Count(i => i.Kind == CopyItemKind.Manifest && !i.Present);

    /// <summary>The destination already held everything: nothing was (or would be) sent.</summary>
    public bool AlreadyThere => Items.All(i => i.Present);
}

/// <summary>
/// Copies a chart (any manifest or index) with what is attached to it from one registry to another or into an OCI
/// layout, by digest: the source tag is resolved once, so a tag moving during the copy changes nothing. Blobs go first,
/// each manifest after its blobs, and the tag last, so a tag never names a manifest whose blobs are missing and an
/// interrupted copy leaves nothing tagged. What the destination already has is not sent: a manifest present by digest
/// stands for its blobs (a registry accepts a manifest only once its blobs are there), a blob present is skipped, and
/// within one registry a blob is mounted from the source repository instead of sent.
/// </summary>
/// <remarks>
/// Push order: <see href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#pushing-manifests">distribution-spec:
/// pushing manifests</see> ("a manifest's blobs must be pushed first"); referrers:
/// <see href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#listing-referrers">listing referrers</see>;
/// cosign's tags: <see cref="CosignTags"/>.
/// </remarks>
public static class ChartCopier
{
    public static async Task<CopyResult> CopyAsync(CopyRequest request, IProgress<CopyProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Descriptor root = await request.Source.ResolveAsync(request.SourceRepository, request.SourceReference, cancellationToken).ConfigureAwait(false);
        Digest rootDigest = DescriptorRules.Validate(root, "manifest");
        var plan = new Plan(request);
        FetchedManifest rootManifest = await plan.AddTreeAsync(rootDigest, cancellationToken).ConfigureAwait(false);
        if (request.IncludeReferrers)
        {
            await foreach (Descriptor referrer in request.Source.ListReferrersAsync(request.SourceRepository, rootDigest, null, cancellationToken).ConfigureAwait(false))
            {
                if (Digest.TryParse(referrer.Digest, out Digest digest) && digest != rootDigest) await plan.AddTreeAsync(digest, cancellationToken).ConfigureAwait(false);
            }
            await foreach (CosignTag cosign in CosignTags.FindAsync(request.Source, request.SourceRepository, rootDigest, null, cancellationToken).ConfigureAwait(false))
            {
                Digest digest = DescriptorRules.Validate(cosign.Descriptor, "cosign artifact");
                FetchedManifest artifact = await plan.AddTreeAsync(digest, cancellationToken).ConfigureAwait(false);
                await plan.AddTagAsync(cosign.Tag, artifact, cancellationToken).ConfigureAwait(false);
            }
        }
        if (request.DestinationTag is { } tag) await plan.AddTagAsync(tag, rootManifest, cancellationToken).ConfigureAwait(false);
        if (request.DryRun) return new CopyResult(rootDigest, request.DestinationTag, plan.Items, DryRun: true);
        return await plan.RunAsync(rootDigest, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The steps of one copy in sending order, found by walking the source and asking the destination what it has.</summary>
    private sealed class Plan(CopyRequest request)
    {
        private readonly List<Step> _steps = [];
        private readonly HashSet<Digest> _seen = [];

        public List<CopyItem> Items => _steps.Select(s => s.Item).ToList();

        private string SameRegistryMountSource =>
            request.Source.Address == request.Destination.Address && request.SourceRepository != request.DestinationRepository
                ? request.SourceRepository
                : "";

        /// <summary>Adds a manifest (by digest) with everything below it: blobs and, for an index, its manifests, each before the manifest naming it.</summary>
        public async Task<FetchedManifest> AddTreeAsync(Digest digest, CancellationToken cancellationToken)
        {
            FetchedManifest manifest = await request.Source.GetManifestAsync(request.SourceRepository, ManifestReference.ForDigest(digest), cancellationToken).ConfigureAwait(false);
            if (!_seen.Add(digest)) return manifest;
            string what = manifest.Manifest?.EffectiveArtifactType ?? manifest.MediaType;
            if (await HasManifestAsync(digest, cancellationToken).ConfigureAwait(false))
            {
                _steps.Add(new Step(new CopyItem(CopyItemKind.Manifest, digest, manifest.Size, what, Present: true), null, manifest, null));
                return manifest;
            }
            if (manifest.Index is { } index)
            {
                foreach (Descriptor child in index.Manifests)
                    await AddTreeAsync(DescriptorRules.Validate(child, "manifest"), cancellationToken).ConfigureAwait(false);
            }
            else if (manifest.Manifest is { } image)
            {
                IEnumerable<Descriptor> blobs = image.Config is { } config ? [config, .. image.Layers] : image.Layers;
                foreach (Descriptor blob in blobs)
                {
                    Digest blobDigest = DescriptorRules.Validate(blob, "blob");
                    if (!_seen.Add(blobDigest)) continue;
                    bool present = await request.Destination.BlobExistsAsync(request.DestinationRepository, blob, cancellationToken).ConfigureAwait(false);
                    _steps.Add(new Step(new CopyItem(CopyItemKind.Blob, blobDigest, blob.Size, BlobName(blob), present), blob, null, null));
                }
            }
            _steps.Add(new Step(new CopyItem(CopyItemKind.Manifest, digest, manifest.Size, what, Present: false), null, manifest, null));
            return manifest;
        }

        public async Task AddTagAsync(string tag, FetchedManifest manifest, CancellationToken cancellationToken)
        {
            Digest? current = null;
            try
            {
                Descriptor found = await request.Destination.ResolveAsync(request.DestinationRepository, ManifestReference.ForTag(tag), cancellationToken).ConfigureAwait(false);
                current = Digest.TryParse(found.Digest, out Digest d) ? d : null;
            }
            catch (NotFoundException)
            {
            }
            _steps.Add(new Step(new CopyItem(CopyItemKind.Tag, manifest.Digest, manifest.Size, tag, current == manifest.Digest), null, manifest, tag));
        }

        private async Task<bool> HasManifestAsync(Digest digest, CancellationToken cancellationToken)
        {
            try
            {
                await request.Destination.ResolveAsync(request.DestinationRepository, ManifestReference.ForDigest(digest), cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (NotFoundException)
            {
                return false;
            }
        }

        public async Task<CopyResult> RunAsync(Digest rootDigest, IProgress<CopyProgress>? progress, CancellationToken cancellationToken)
        {
            long total = _steps.Where(s => s.Blob is not null && !s.Item.Present).Sum(s => s.Item.Size);
            long done = 0;
            int mounted = 0;
            var clock = Stopwatch.StartNew();
            var source = new BlobSource(request.Source, request.SourceRepository);
            string? mountFrom = SameRegistryMountSource.Length > 0 ? SameRegistryMountSource : null;
            void Report(Digest? blob, long blobDone, long blobTotal)
            {
                long sent = done + blobDone;
                progress?.Report(new CopyProgress(
                    new TransferProgress(sent, total, sent / Math.Max(clock.Elapsed.TotalSeconds, 0.001), clock.Elapsed), blob, blobDone, blobTotal));
            }
            foreach (Step step in _steps)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (step.Item.Present) continue;
                if (step.Blob is { } blob)
                {
                    Digest digest = step.Item.Digest;
                    Report(digest, 0, blob.Size);
                    BlobPushOutcome outcome = await request.Destination.PushBlobAsync(request.DestinationRepository, blob, source, mountFrom,
                        new Forward(sent => Report(digest, sent, blob.Size)), cancellationToken).ConfigureAwait(false);
                    if (outcome == BlobPushOutcome.Mounted) mounted++;
                    else done += blob.Size;
                    Report(digest, blob.Size, blob.Size);
                }
                else
                {
                    ManifestReference reference = step.Tag is { } tag ? ManifestReference.ForTag(tag) : ManifestReference.ForDigest(step.Item.Digest);
                    await request.Destination.PushManifestAsync(request.DestinationRepository, reference, step.Manifest!, cancellationToken).ConfigureAwait(false);
                }
            }
            Report(null, 0, 0);
            return new CopyResult(rootDigest, request.DestinationTag, Items, DryRun: false) { BytesSent = done, BlobsMounted = mounted };
        }

        private static string BlobName(Descriptor blob) => blob.MediaType switch
        {
            MediaTypes.HelmConfig => "chart config",
            MediaTypes.HelmChart or MediaTypes.LegacyChart => "chart archive",
            MediaTypes.HelmProvenance => "provenance",
            { } other => TerminalText.Sanitize(other, 80),
            null => "blob",
        };
    }

    private sealed record Step(CopyItem Item, Descriptor? Blob, FetchedManifest? Manifest, string? Tag);

    private sealed class Forward(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
