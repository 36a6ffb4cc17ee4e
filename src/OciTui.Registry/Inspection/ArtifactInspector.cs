using OciTui.Registry.Models;

namespace OciTui.Registry.Inspection;

/// <summary>Everything <c>ocitui show</c> and the Details pane need about one tag or digest.</summary>
public sealed record ArtifactDetails(
    string Repository,
    string Reference,
    FetchedManifest Manifest,
    Descriptor? Config,
    byte[]? ConfigBytes,
    HelmChartMetadata? Chart);

/// <summary>Loads a manifest and, for a manifest (not an index), its config blob and Helm chart metadata.
/// (Contract stub: implemented on the layout branch.)</summary>
public static class ArtifactInspector
{
    /// <summary>Largest config blob read into memory.</summary>
    public const long MaxConfigBytes = 4 * 1024 * 1024;

    public static Task<ArtifactDetails> InspectAsync(IRegistry registry, string repository, string reference, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
