using System.Text.Json;
using OciTui.Registry.Errors;
using OciTui.Registry.Models;
using OciTui.Registry.References;

namespace OciTui.Registry.Inspection;

/// <summary>Everything <c>ocitui show</c> and the Details pane need about one tag or digest.</summary>
public sealed record ArtifactDetails(
    string Repository,
    ManifestReference Reference,
    FetchedManifest Manifest,
    Descriptor? Config,
    byte[]? ConfigBytes,
    HelmChartMetadata? Chart)
{
    /// <summary>The <c>org.opencontainers.image.created</c> annotation when it parses as a date.</summary>
    public DateTimeOffset? Created =>
        Manifest.Annotations.TryGetValue(Models.Annotations.Created, out string? text)
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset created)
            ? created
            : null;

    public bool IsChart => Manifest.Manifest?.IsHelmChart == true;

    /// <summary>
    /// The artifact's size as a person means it: what a pull of it fetches, the manifest, its config and every layer
    /// (for an index, the index itself: which children a pull takes depends on the platform). The config counts because
    /// a pull reads it too; <c>show</c> and the Details pane both print this figure.
    /// </summary>
    public long TotalSize => Manifest.Size + (Manifest.Manifest?.Config?.Size ?? 0) + (Manifest.Manifest?.Layers.Sum(l => l.Size) ?? 0);
}

/// <summary>Loads a manifest and, for a manifest (not an index), its config blob and Helm chart metadata.</summary>
public static class ArtifactInspector
{
    /// <summary>Largest config blob read into memory.</summary>
    public const long MaxConfigBytes = 4 * 1024 * 1024;

    public static async Task<ArtifactDetails> InspectAsync(IRegistry registry, string repository, ManifestReference reference, CancellationToken cancellationToken = default)
    {
        FetchedManifest manifest = await registry.GetManifestAsync(repository, reference, cancellationToken).ConfigureAwait(false);
        if (manifest.Manifest?.Config is not { } config) return new ArtifactDetails(repository, reference, manifest, null, null, null);

        byte[]? bytes = null;
        if (config.Size > 0 && config.MediaType != MediaTypes.OciEmpty)
            bytes = await registry.GetBlobAsync(repository, config, MaxConfigBytes, cancellationToken).ConfigureAwait(false);
        HelmChartMetadata? chart = config.MediaType == MediaTypes.HelmConfig && bytes is not null ? ParseChart(bytes) : null;
        return new ArtifactDetails(repository, reference, manifest, config, bytes, chart);
    }

    public static HelmChartMetadata ParseChart(byte[] configBytes)
    {
        try
        {
            return JsonSerializer.Deserialize(configBytes, RegistryJsonContext.Default.HelmChartMetadata)
                ?? throw new RegistryProtocolException("The chart's config blob is empty JSON.");
        }
        catch (JsonException e)
        {
            throw new RegistryProtocolException($"The chart's config blob is not valid Helm metadata (line {(e.LineNumber ?? 0) + 1}).", e);
        }
    }
}
