using OciTui.Registry.Errors;
using OciTui.Registry.Inspection;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Text;
using OciTui.Registry.Trust;

namespace OciTui.Registry.Transfers;

/// <summary>Progress of one transfer. <see cref="TotalBytes"/> is null when unknown.</summary>
public sealed record TransferProgress(long BytesDone, long? TotalBytes, double BytesPerSecond, TimeSpan Elapsed)
{
    public TimeSpan? Remaining =>
        TotalBytes is long total && BytesPerSecond > 0 ? TimeSpan.FromSeconds(Math.Max(0, total - BytesDone) / BytesPerSecond) : null;
}

/// <summary>What to pull: a repository, a tag or digest, and the directory the chart lands in.</summary>
public sealed record PullRequest(string Repository, ManifestReference Reference, string DestinationDirectory)
{
    /// <summary>Replace an existing file of the same name (else the pull fails with a clear error).</summary>
    public bool Overwrite { get; init; }

    /// <summary>Also download the provenance layer as <c>&lt;file&gt;.prov</c> when the chart has one.</summary>
    public bool IncludeProvenance { get; init; }

    /// <summary>Override the file name (the TUI's dialog lets the user edit it); validated like a generated one.</summary>
    public string? FileName { get; init; }

    /// <summary>
    /// A cancelled pull removes its partial files (chart and provenance) instead of keeping them for a later resume:
    /// for a person who pressed cancel and expects nothing left behind. A failed pull keeps a partial file either way.
    /// </summary>
    public bool RemovePartialOnCancel { get; init; }

    /// <summary>
    /// An existing file that already is the chart (the layer's size and digest) is kept and reported up to date instead
    /// of refused; any other file of that name is still refused unless <see cref="Overwrite"/>.
    /// </summary>
    public bool KeepIdenticalFile { get; init; }

    /// <summary>
    /// Verify the chart's Helm provenance against this keyring (as <c>helm pull --verify</c>) and save the .prov beside
    /// the chart; anything but <see cref="ProvenanceOutcome.Verified"/> fails the pull with <see cref="ProvenanceException"/>
    /// and nothing is kept under either final name.
    /// </summary>
    public Keyring? VerifyWith { get; init; }
}

/// <summary>What a pull saved: <see cref="UpToDate"/> when the file already was the chart and nothing was downloaded.</summary>
public sealed record PullResult(string Path, Digest Digest, long Size, string? ProvenancePath, ArtifactDetails Details)
{
    public bool UpToDate { get; init; }

    /// <summary>The provenance verdict when the request asked for verification (always <see cref="ProvenanceOutcome.Verified"/>: anything else throws).</summary>
    public ProvenanceVerdict? Provenance { get; init; }
}

/// <summary>helm pull, verified: resolves the reference, finds the chart layer, streams it to a partial file while hashing,
/// checks size and sha256, renames it to <c>&lt;chart&gt;-&lt;version&gt;.tgz</c>.</summary>
public static class ChartPuller
{
    public static async Task<PullResult> PullAsync(IRegistry registry, PullRequest request, IProgress<TransferProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(request.DestinationDirectory))
            throw new InvalidInputException($"The destination directory {request.DestinationDirectory} does not exist.");
        ArtifactDetails details = await ArtifactInspector.InspectAsync(registry, request.Repository, request.Reference, cancellationToken).ConfigureAwait(false);
        Descriptor layer = ChartLayerOf(details);
        string? tag = request.Reference.Tag;
        string fileName = request.FileName is { } chosen ? ChartFileName.Validate(chosen) : ChartFileName.For(request.Repository, details.Chart, tag);
        string path = ChartFileName.PathIn(request.DestinationDirectory, fileName);

        var downloader = new BlobDownloader(registry);
        // Verification comes first: the .prov (size-capped, in memory) must sign the chart layer's digest, and the
        // download below refuses any content but that digest, so a failure leaves nothing behind, not even a partial.
        ProvenanceVerdict? verdict = null;
        byte[]? provenanceContent = null;
        if (request.VerifyWith is { } keyring)
        {
            (verdict, provenanceContent) = await VerifyProvenanceAsync(registry, details, keyring, cancellationToken).ConfigureAwait(false);
            if (!verdict.IsVerified) throw new ProvenanceException(verdict);
            if (!request.Overwrite && File.Exists(ProvenancePathFor(path)) && !File.ReadAllBytes(ProvenancePathFor(path)).AsSpan().SequenceEqual(provenanceContent))
                throw new DestinationExistsException(ProvenancePathFor(path));
        }
        if (request.KeepIdenticalFile && !request.Overwrite && File.Exists(path)
            && await BlobDownloader.HoldsAsync(path, layer, cancellationToken).ConfigureAwait(false))
        {
            string? keptProvenance = provenanceContent is null ? null : WriteVerifiedProvenance(path, provenanceContent);
            return new PullResult(path, DescriptorRules.Validate(layer, "layer"), layer.Size, keptProvenance, details) { UpToDate = true, Provenance = verdict };
        }
        try
        {
            Digest digest = await downloader.DownloadAsync(request.Repository, layer, path, request.Overwrite, progress, cancellationToken).ConfigureAwait(false);

            string? provenancePath = null;
            if (provenanceContent is not null)
            {
                provenancePath = WriteVerifiedProvenance(path, provenanceContent);
            }
            else if (request.IncludeProvenance && details.Manifest.Manifest?.ProvenanceLayer is { } provenance)
            {
                provenancePath = ProvenancePathFor(path);
                await downloader.DownloadAsync(request.Repository, provenance, provenancePath, request.Overwrite, null, cancellationToken).ConfigureAwait(false);
            }
            return new PullResult(path, digest, layer.Size, provenancePath, details) { Provenance = verdict };
        }
        catch (OperationCanceledException) when (request.RemovePartialOnCancel)
        {
            foreach (string partial in new[] { BlobDownloader.PartialPathFor(path), BlobDownloader.PartialPathFor(ProvenancePathFor(path)) })
            {
                if (File.Exists(partial)) File.Delete(partial);
            }
            throw;
        }
    }

    private static string ProvenancePathFor(string chartPath) => chartPath + ".prov";

    private static async Task<(ProvenanceVerdict Verdict, byte[]? Content)> VerifyProvenanceAsync(IRegistry registry, ArtifactDetails details, Keyring keyring,
        CancellationToken cancellationToken)
    {
        byte[]? content = null;
        ProvenanceVerdict verdict = await ProvenanceVerifier.VerifyAsync(registry, details, keyring, null, cancellationToken, read => content = read).ConfigureAwait(false);
        return (verdict, content);
    }

    /// <summary>Writes the verified .prov beside the chart through a partial file, so a half-written one never stands under its name.</summary>
    private static string WriteVerifiedProvenance(string chartPath, byte[] content)
    {
        string destination = ProvenancePathFor(chartPath);
        string partial = BlobDownloader.PartialPathFor(destination);
        File.WriteAllBytes(partial, content);
        File.Move(partial, destination, overwrite: true);
        return destination;
    }

    /// <summary>The chart archive layer of a Helm chart manifest; anything else is refused with what it is instead.</summary>
    public static Descriptor ChartLayerOf(ArtifactDetails details)
    {
        string what = Reference.Join(details.Repository, details.Reference);
        if (details.Manifest.Index is not null)
            throw new RegistryException($"'{TerminalText.Sanitize(what, 160)}' is an image index, not a Helm chart.");
        ImageManifest manifest = details.Manifest.Manifest!;
        return manifest.ChartLayer
            ?? throw new RegistryException(
                $"'{TerminalText.Sanitize(what, 160)}' is not a Helm chart (artifact type {TerminalText.Sanitize(manifest.EffectiveArtifactType ?? "unknown", 80)}).");
    }
}
