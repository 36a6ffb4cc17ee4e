using System.Text;
using System.Text.Json;

namespace OciTui.Testing;

/// <summary>A chart pushed with what a copy must carry along: a .prov layer, an OCI referrer (an SBOM) and a cosign .sig tag.</summary>
public sealed record AttachedChart(string Repository, string Tag, string ManifestDigest, string ChartDigest, string ProvenanceDigest,
    string ReferrerDigest, string CosignTag, string CosignDigest);

/// <summary>
/// Pushes a chart as helm push --sign would (config, chart, provenance layers), an SBOM artifact whose <c>subject</c> is
/// the chart, listed under the referrers tag schema (distribution 2.8 has no referrers API), and a cosign-style
/// signature manifest tagged <c>sha256-&lt;hex&gt;.sig</c>.
/// </summary>
public static class AttachedChartSeeder
{
    public const string ProvenanceMediaType = "application/vnd.cncf.helm.chart.provenance.v1.prov";
    public const string SbomArtifactType = "application/spdx+json";

    public static async Task<AttachedChart> PushAsync(RegistrySeeder seeder, string repository, ChartArchiveBuilder chart)
    {
        byte[] config = chart.ConfigJson();
        byte[] archive = chart.Build();
        byte[] provenance = Encoding.UTF8.GetBytes($"-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nname: {chart.Name}\nversion: {chart.Version}\n-----BEGIN PGP SIGNATURE-----\nnot a real one\n-----END PGP SIGNATURE-----\n");
        string configDigest = await seeder.PushBlobAsync(repository, config);
        string chartDigest = await seeder.PushBlobAsync(repository, archive);
        string provenanceDigest = await seeder.PushBlobAsync(repository, provenance);
        byte[] manifest = Manifest(
            ("application/vnd.cncf.helm.config.v1+json", configDigest, config.Length),
            [("application/vnd.cncf.helm.chart.content.v1.tar+gzip", chartDigest, archive.Length), (ProvenanceMediaType, provenanceDigest, provenance.Length)],
            null, null);
        string tag = chart.Version.Replace('+', '_');
        string manifestDigest = await seeder.PushManifestAsync(repository, tag, manifest, "application/vnd.oci.image.manifest.v1+json");

        byte[] empty = "{}"u8.ToArray();
        string emptyDigest = await seeder.PushBlobAsync(repository, empty);
        byte[] sbom = Encoding.UTF8.GetBytes($"{{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"{chart.Name}\"}}");
        string sbomDigest = await seeder.PushBlobAsync(repository, sbom);
        byte[] referrer = Manifest(("application/vnd.oci.empty.v1+json", emptyDigest, empty.Length), [(SbomArtifactType, sbomDigest, sbom.Length)],
            SbomArtifactType, (manifestDigest, manifest.Length));
        string referrerDigest = await seeder.PushManifestAsync(repository, FakeRegistry.Sha256(referrer), referrer, "application/vnd.oci.image.manifest.v1+json");
        byte[] index = ReferrersIndex(referrerDigest, referrer.Length);
        await seeder.PushManifestAsync(repository, manifestDigest.Replace(':', '-'), index, "application/vnd.oci.image.index.v1+json");

        byte[] signaturePayload = Encoding.UTF8.GetBytes($"{{\"critical\":{{\"image\":{{\"docker-manifest-digest\":\"{manifestDigest}\"}}}}}}");
        string payloadDigest = await seeder.PushBlobAsync(repository, signaturePayload);
        byte[] signature = Manifest(("application/vnd.oci.image.config.v1+json", emptyDigest, empty.Length),
            [("application/vnd.dev.cosign.simplesigning.v1+json", payloadDigest, signaturePayload.Length)], null, null);
        string cosignTag = manifestDigest.Replace(':', '-') + ".sig";
        string cosignDigest = await seeder.PushManifestAsync(repository, cosignTag, signature, "application/vnd.oci.image.manifest.v1+json");
        return new AttachedChart(repository, tag, manifestDigest, chartDigest, provenanceDigest, referrerDigest, cosignTag, cosignDigest);
    }

    private static byte[] Manifest((string MediaType, string Digest, long Size) config, (string MediaType, string Digest, long Size)[] layers,
        string? artifactType, (string Digest, long Size)? subject)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", 2);
            w.WriteString("mediaType", "application/vnd.oci.image.manifest.v1+json");
            if (artifactType is not null) w.WriteString("artifactType", artifactType);
            Write(w, "config", config);
            w.WriteStartArray("layers");
            foreach (var layer in layers) Write(w, null, layer);
            w.WriteEndArray();
            if (subject is { } s) Write(w, "subject", ("application/vnd.oci.image.manifest.v1+json", s.Digest, s.Size));
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static byte[] ReferrersIndex(string digest, long size)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", 2);
            w.WriteString("mediaType", "application/vnd.oci.image.index.v1+json");
            w.WriteStartArray("manifests");
            w.WriteStartObject();
            w.WriteString("mediaType", "application/vnd.oci.image.manifest.v1+json");
            w.WriteString("digest", digest);
            w.WriteNumber("size", size);
            w.WriteString("artifactType", SbomArtifactType);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter w, string? name, (string MediaType, string Digest, long Size) descriptor)
    {
        if (name is null) w.WriteStartObject();
        else w.WriteStartObject(name);
        w.WriteString("mediaType", descriptor.MediaType);
        w.WriteString("digest", descriptor.Digest);
        w.WriteNumber("size", descriptor.Size);
        w.WriteEndObject();
    }
}
