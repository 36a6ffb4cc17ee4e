using OciTui.Registry.Inspection;
using OciTui.Registry.References;

namespace OciTui.Registry.Transfers;

/// <summary>Progress of one transfer. <see cref="TotalBytes"/> is null when unknown.</summary>
public sealed record TransferProgress(long BytesDone, long? TotalBytes, double BytesPerSecond, TimeSpan Elapsed)
{
    public TimeSpan? Remaining =>
        TotalBytes is long total && BytesPerSecond > 0 ? TimeSpan.FromSeconds(Math.Max(0, total - BytesDone) / BytesPerSecond) : null;
}

/// <summary>What to pull: a repository, a tag or digest, and the directory the chart lands in.</summary>
public sealed record PullRequest(string Repository, string Reference, string DestinationDirectory)
{
    /// <summary>Replace an existing file of the same name (else the pull fails with a clear error).</summary>
    public bool Overwrite { get; init; }

    /// <summary>Also download the provenance layer as <c>&lt;file&gt;.prov</c> when the chart has one.</summary>
    public bool IncludeProvenance { get; init; }

    /// <summary>Override the file name (the TUI's dialog lets the user edit it); validated like a generated one.</summary>
    public string? FileName { get; init; }
}

public sealed record PullResult(string Path, Digest Digest, long Size, string? ProvenancePath, ArtifactDetails Details);

/// <summary>helm pull, verified: resolves the reference, finds the chart layer, streams it to a partial file while hashing,
/// checks size and sha256, renames it to <c>&lt;chart&gt;-&lt;version&gt;.tgz</c>. (Contract stub: implemented on the layout branch.)</summary>
public static class ChartPuller
{
    public static Task<PullResult> PullAsync(IRegistry registry, PullRequest request, IProgress<TransferProgress>? progress = null,
        CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
