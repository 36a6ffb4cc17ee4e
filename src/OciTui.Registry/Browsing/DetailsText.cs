using System.Globalization;
using OciTui.Registry.Charts;
using OciTui.Registry.Inspection;
using OciTui.Registry.Models;
using OciTui.Registry.Text;
using static OciTui.Registry.Text.TerminalText;

namespace OciTui.Registry.Browsing;

/// <summary>The Details pane's text, as sanitised lines: what a tag is, its chart metadata, layers, and on demand its files or raw manifest.</summary>
public static class DetailsText
{
    public static IReadOnlyList<string> Summary(ArtifactDetails details)
    {
        var lines = new List<string>();
        FetchedManifest manifest = details.Manifest;
        void Add(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value)) lines.Add($"{label,-16}{Sanitize(value, 300)}");
        }
        // A chart first: name, versions and what it is are what a person picks a tag by; the artifact's identity follows.
        if (details.Chart is { } chart)
        {
            lines.Add("Chart");
            Add("  Name", chart.Name);
            Add("  Version", chart.Version);
            Add("  App version", chart.AppVersion);
            if (chart.Deprecated == true) Add("  Deprecated", "yes: this chart is deprecated");
            Add("  Description", chart.Description);
            Add("  Type", chart.Type);
            Add("  Kube version", chart.KubeVersion);
            Add("  Home", chart.Home);
            foreach (string source in chart.Sources ?? []) Add("  Source", source);
            if (chart.Keywords is { Count: > 0 } keywords) Add("  Keywords", string.Join(", ", keywords));
            foreach (HelmMaintainer m in chart.Maintainers ?? []) Add("  Maintainer", $"{m.Name}{(m.Email is null ? "" : $" <{m.Email}>")}");
            foreach (HelmDependency d in chart.Dependencies ?? []) Add("  Dependency", $"{d.Name} {d.Version} {d.Repository}");
            foreach ((string key, string value) in (chart.Annotations ?? []).OrderBy(a => a.Key, StringComparer.Ordinal))
                lines.Add($"  {Sanitize(key, 80)}: {Sanitize(value, 200)}");
            lines.Add("");
        }
        lines.Add("Artifact");
        Add("  Digest", manifest.Digest.ToString());
        Add("  Media type", manifest.MediaType);
        Add("  Artifact type", manifest.Manifest?.EffectiveArtifactType ?? manifest.Index?.ArtifactType);
        Add("  Size", ByteSize.Format(details.TotalSize));
        Add("  Created", details.Created?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        if (manifest.Annotations.Count > 0)
        {
            lines.Add("");
            lines.Add("Annotations");
            foreach ((string key, string value) in manifest.Annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
                lines.Add($"  {Sanitize(key, 80)}: {Sanitize(value, 200)}");
        }
        if (manifest.Manifest is { } image)
        {
            lines.Add("");
            lines.Add("Layers");
            if (image.Config is { } config) lines.Add($"  config {Sanitize(config.MediaType, 80)} {ByteSize.Format(config.Size)} {Sanitize(config.Digest, 80)}");
            foreach (Descriptor layer in image.Layers) lines.Add($"  {Sanitize(layer.MediaType, 80)} {ByteSize.Format(layer.Size)} {Sanitize(layer.Digest, 80)}");
        }
        if (manifest.Index is { } index)
        {
            lines.Add("");
            lines.Add("Manifests");
            foreach (Descriptor child in index.Manifests)
                lines.Add($"  {Sanitize(child.Platform?.ToString() is { Length: > 0 } p ? p : "(no platform)", 40)} {Sanitize(child.Digest, 80)} {ByteSize.Format(child.Size)}");
        }
        return lines;
    }

    /// <summary>Signatures, SBOMs and other artifacts that refer to the tag (the referrers API or its tag-schema fallback).</summary>
    public static IReadOnlyList<string> Referrers(IReadOnlyList<Descriptor> referrers)
    {
        if (referrers.Count == 0) return [];
        var lines = new List<string> { "", $"Referrers ({referrers.Count})" };
        foreach (Descriptor referrer in referrers)
        {
            string created = referrer.Annotation(Annotations.Created) is { } c ? $" {Sanitize(c, 40)}" : "";
            lines.Add($"  {Sanitize(referrer.ArtifactType ?? referrer.MediaType ?? "?", 80)} {Sanitize(referrer.Digest, 80)}{created}");
        }
        return lines;
    }

    public static IReadOnlyList<string> RawManifest(ArtifactDetails details) =>
        SanitizeMultiline(System.Text.Encoding.UTF8.GetString(details.Manifest.Bytes), 1_000_000).Split('\n');

    public static IReadOnlyList<string> File(string? text, string missing) =>
        text is null ? [missing] : SanitizeMultiline(text, 1_000_000).Split('\n');

    /// <summary>Reads a chart's files from its layer, in memory, with helm's limits.</summary>
    public static async Task<ChartFiles> ReadChartFilesAsync(IRegistry registry, ArtifactDetails details, CancellationToken cancellationToken)
    {
        byte[] archive = await ReadChartArchiveAsync(registry, details, cancellationToken).ConfigureAwait(false);
        using var stream = new MemoryStream(archive, writable: false);
        return await ChartArchive.ReadFilesAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The chart layer's bytes, at most 64 MiB (a chart over that is not one helm would read either).</summary>
    public static async Task<byte[]> ReadChartArchiveAsync(IRegistry registry, ArtifactDetails details, CancellationToken cancellationToken)
    {
        Descriptor layer = Transfers.ChartPuller.ChartLayerOf(details);
        return await registry.GetBlobAsync(details.Repository, layer, 64L * 1024 * 1024, cancellationToken).ConfigureAwait(false);
    }
}
