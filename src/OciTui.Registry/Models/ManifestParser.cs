using System.Text.Json;
using OciTui.Registry.Errors;
using OciTui.Registry.References;
using OciTui.Registry.Text;

namespace OciTui.Registry.Models;

/// <summary>
/// Turns verified manifest bytes into a typed manifest or index. The media type comes from the body's
/// <c>mediaType</c> when present, else the Content-Type; when both are present they must agree (CVE-2021-41190).
/// </summary>
public static class ManifestParser
{
    public const int MaxManifestBytes = 4 * 1024 * 1024;

    public static FetchedManifest Parse(byte[] bytes, string? contentType, Digest digest)
    {
        ManifestProbe probe = Deserialize(bytes, RegistryJsonContext.Default.ManifestProbe, "manifest");
        string? declared = NormalizeMediaType(contentType);
        if (declared is "application/json" or "text/plain" or "application/octet-stream") declared = null;

        if (MediaTypes.IsSchema1(declared) || MediaTypes.IsSchema1(probe.MediaType) || (probe.SchemaVersion == 1 && probe.FsLayers is not null))
            throw new UnsupportedManifestException("This is a legacy Docker schema1 manifest, which ocitui does not support.");

        if (probe.MediaType is not null && declared is not null && !string.Equals(probe.MediaType, declared, StringComparison.Ordinal))
            throw new UnsupportedManifestException(
                $"The manifest says it is '{TerminalText.Sanitize(probe.MediaType, 80)}' but was served as '{TerminalText.Sanitize(declared, 80)}'.");

        string? mediaType = probe.MediaType ?? declared ?? Guess(probe);
        if (probe.SchemaVersion != 2)
            throw new UnsupportedManifestException($"Unsupported manifest schemaVersion {probe.SchemaVersion} (expected 2).");

        if (MediaTypes.IsIndex(mediaType))
        {
            ImageIndex index = Deserialize(bytes, RegistryJsonContext.Default.ImageIndex, "index");
            foreach (Descriptor d in index.Manifests) DescriptorRules.Validate(d, "manifest");
            return new FetchedManifest(digest, mediaType!, bytes, null, index);
        }
        if (MediaTypes.IsManifest(mediaType))
        {
            ImageManifest manifest = Deserialize(bytes, RegistryJsonContext.Default.ImageManifest, "manifest");
            if (manifest.Config is null) throw new RegistryProtocolException("The manifest has no config descriptor.");
            DescriptorRules.Validate(manifest.Config, "config");
            foreach (Descriptor d in manifest.Layers) DescriptorRules.Validate(d, "layer");
            return new FetchedManifest(digest, mediaType!, bytes, manifest, null);
        }
        throw new UnsupportedManifestException($"Unsupported manifest media type '{TerminalText.Sanitize(mediaType ?? "(none)", 80)}'.");
    }

    /// <summary>Media type without parameters, lower-cased: <c>application/json; charset=utf-8</c> is <c>application/json</c>.</summary>
    public static string? NormalizeMediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return null;
        int semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        string bare = (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim().ToLowerInvariant();
        return bare.Length == 0 ? null : bare;
    }

    private static string? Guess(ManifestProbe probe) =>
        probe.Manifests is not null ? MediaTypes.OciIndex : probe.Layers is not null ? MediaTypes.OciManifest : null;

    internal static T Deserialize<T>(byte[] bytes, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, info) ?? throw new RegistryProtocolException($"The {what} is empty JSON (null).");
        }
        catch (JsonException e)
        {
            throw new RegistryProtocolException($"The {what} is not valid JSON (at byte {e.BytePositionInLine ?? 0} of line {e.LineNumber ?? 0}).", e);
        }
    }
}
