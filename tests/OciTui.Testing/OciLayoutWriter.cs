using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OciTui.Testing;

/// <summary>Writes an OCI image layout folder (oci-layout, index.json, blobs/sha256) the way oras and skopeo do, deterministically.</summary>
public sealed class OciLayoutWriter(string directory)
{
    private readonly List<(string Tag, string Digest, long Size, string MediaType)> _manifests = [];

    public string Directory { get; } = directory;

    public string AddBlob(byte[] content)
    {
        string hex = Convert.ToHexStringLower(SHA256.HashData(content));
        string path = Path.Combine(Directory, "blobs", "sha256", hex);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return $"sha256:{hex}";
    }

    /// <summary>Adds a chart as helm push would store it, tagged with its version ('+' as '_'); returns the manifest bytes.</summary>
    public byte[] AddChart(ChartArchiveBuilder chart, string created = "2026-01-01T00:00:00Z")
    {
        byte[] config = chart.ConfigJson();
        byte[] layer = chart.Build();
        byte[] manifest = ChartManifest.Create(AddBlob(config), config.Length, AddBlob(layer), layer.Length, chart, created);
        string digest = AddBlob(manifest);
        _manifests.Add((chart.Version.Replace('+', '_'), digest, manifest.Length, "application/vnd.oci.image.manifest.v1+json"));
        return manifest;
    }

    /// <summary>Tags an already written manifest under another name (e.g. "latest").</summary>
    public void Tag(string tag, byte[] manifest) =>
        _manifests.Add((tag, $"sha256:{Convert.ToHexStringLower(SHA256.HashData(manifest))}", manifest.Length, "application/vnd.oci.image.manifest.v1+json"));

    public void Save()
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", 2);
            w.WriteString("mediaType", "application/vnd.oci.image.index.v1+json");
            w.WriteStartArray("manifests");
            foreach ((string tag, string digest, long size, string mediaType) in _manifests)
            {
                w.WriteStartObject();
                w.WriteString("mediaType", mediaType);
                w.WriteString("digest", digest);
                w.WriteNumber("size", size);
                w.WriteStartObject("annotations");
                w.WriteString("org.opencontainers.image.ref.name", tag);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        File.WriteAllBytes(Path.Combine(Directory, "index.json"), buffer.ToArray());
    }
}

/// <summary>The OCI manifest helm push writes for a chart: Helm config, one chart layer, title/version/created annotations.</summary>
public static class ChartManifest
{
    public static byte[] Create(string configDigest, long configSize, string layerDigest, long layerSize, ChartArchiveBuilder chart, string created)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", 2);
            w.WriteString("mediaType", "application/vnd.oci.image.manifest.v1+json");
            w.WriteStartObject("config");
            w.WriteString("mediaType", "application/vnd.cncf.helm.config.v1+json");
            w.WriteString("digest", configDigest);
            w.WriteNumber("size", configSize);
            w.WriteEndObject();
            w.WriteStartArray("layers");
            w.WriteStartObject();
            w.WriteString("mediaType", "application/vnd.cncf.helm.chart.content.v1.tar+gzip");
            w.WriteString("digest", layerDigest);
            w.WriteNumber("size", layerSize);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("annotations");
            w.WriteString("org.opencontainers.image.created", created);
            w.WriteString("org.opencontainers.image.description", chart.Description);
            w.WriteString("org.opencontainers.image.title", chart.Name);
            w.WriteString("org.opencontainers.image.version", chart.Version);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
