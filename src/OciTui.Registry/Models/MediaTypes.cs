namespace OciTui.Registry.Models;

public static class MediaTypes
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json";
    public const string DockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    public const string OciEmpty = "application/vnd.oci.empty.v1+json";
    public const string OciImageConfig = "application/vnd.oci.image.config.v1+json";
    public const string DockerImageConfig = "application/vnd.docker.container.image.v1+json";

    public const string HelmConfig = "application/vnd.cncf.helm.config.v1+json";
    public const string HelmChart = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    public const string HelmProvenance = "application/vnd.cncf.helm.chart.provenance.v1.prov";
    public const string LegacyChart = "application/tar+gzip";

    /// <summary>
    /// The Accept header every manifest request sends: without the OCI types distribution answers 404 for a chart
    /// (<see href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#pulling-manifests">distribution-spec: pulling manifests</see>, "the client SHOULD include an Accept header").
    /// </summary>
    public static readonly IReadOnlyList<string> ManifestAccept = [OciManifest, OciIndex, DockerManifest, DockerManifestList];

    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;
    public static bool IsManifest(string? mediaType) => mediaType is OciManifest or DockerManifest;
    public static bool IsSchema1(string? mediaType) => mediaType is DockerSchema1 or DockerSchema1Signed;
    public static bool IsChartLayer(string? mediaType) => mediaType is HelmChart or LegacyChart;
}
