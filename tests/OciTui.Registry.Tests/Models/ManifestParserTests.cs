using System.Text;
using OciTui.Registry.Errors;
using OciTui.Registry.Models;
using OciTui.Registry.References;

namespace OciTui.Registry.Tests.Models;

public sealed class ManifestParserTests
{
    private const string D1 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string D2 = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    private static FetchedManifest Parse(string json, string? contentType)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        return ManifestParser.Parse(bytes, contentType, Digest.ComputeSha256(bytes));
    }

    private static string Manifest(string mediaType, string layerSize = "10", string extra = "") =>
        $"{{\"schemaVersion\":2,\"mediaType\":\"{mediaType}\",\"config\":{{\"mediaType\":\"{MediaTypes.HelmConfig}\",\"digest\":\"{D1}\",\"size\":5}}," +
        $"\"layers\":[{{\"mediaType\":\"{MediaTypes.HelmChart}\",\"digest\":\"{D2}\",\"size\":{layerSize}{extra}}}],\"annotations\":{{\"a\":\"b\"}}}}";

    [Theory]
    [InlineData(MediaTypes.OciManifest)]
    [InlineData(MediaTypes.DockerManifest)]
    public void Image_manifests_parse_into_the_typed_model(string mediaType)
    {
        FetchedManifest parsed = Parse(Manifest(mediaType), mediaType + "; charset=utf-8");
        Assert.Equal(mediaType, parsed.MediaType);
        Assert.NotNull(parsed.Manifest);
        Assert.Null(parsed.Index);
        Assert.True(parsed.Manifest.IsHelmChart);
        Assert.Equal(D2, parsed.Manifest.ChartLayer!.Digest);
        Assert.Equal(MediaTypes.HelmConfig, parsed.Manifest.EffectiveArtifactType);
        Assert.Equal("b", parsed.Annotations["a"]);
    }

    [Theory]
    [InlineData(MediaTypes.OciIndex)]
    [InlineData(MediaTypes.DockerManifestList)]
    public void Indexes_parse_with_their_platforms(string mediaType)
    {
        string json = $"{{\"schemaVersion\":2,\"mediaType\":\"{mediaType}\",\"manifests\":[{{\"mediaType\":\"{MediaTypes.OciManifest}\",\"digest\":\"{D1}\",\"size\":7,\"platform\":{{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"}}}}]}}";
        FetchedManifest parsed = Parse(json, mediaType);
        Assert.Equal("linux/arm64/v8", Assert.Single(parsed.Index!.Manifests).Platform!.ToString());
    }

    [Fact]
    public void The_media_type_falls_back_to_content_type_and_then_to_the_shape()
    {
        string noType = Manifest(MediaTypes.OciManifest).Replace($"\"mediaType\":\"{MediaTypes.OciManifest}\",", "", StringComparison.Ordinal);
        Assert.Equal(MediaTypes.DockerManifest, Parse(noType, MediaTypes.DockerManifest).MediaType);
        Assert.Equal(MediaTypes.OciManifest, Parse(noType, "application/json").MediaType);
    }

    [Fact]
    public void A_body_media_type_contradicting_the_content_type_is_refused() =>
        Assert.Throws<UnsupportedManifestException>(() => Parse(Manifest(MediaTypes.OciManifest), MediaTypes.OciIndex));

    [Theory]
    [InlineData("{\"schemaVersion\":1,\"name\":\"a\",\"tag\":\"1\",\"fsLayers\":[]}", null)]
    [InlineData("{\"schemaVersion\":1}", MediaTypes.DockerSchema1Signed)]
    public void Schema1_is_reported_as_legacy(string json, string? contentType) =>
        Assert.Contains("schema1", Assert.Throws<UnsupportedManifestException>(() => Parse(json, contentType)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("-1")]
    [InlineData("4611686018427387904")]
    public void Absurd_layer_sizes_are_refused(string size) =>
        Assert.Throws<RegistryProtocolException>(() => Parse(Manifest(MediaTypes.OciManifest, size), MediaTypes.OciManifest));

    [Fact]
    public void An_invalid_layer_digest_is_refused() =>
        Assert.Throws<RegistryProtocolException>(() => Parse(Manifest(MediaTypes.OciManifest).Replace(D2, "sha256:../../etc", StringComparison.Ordinal), MediaTypes.OciManifest));

    [Fact]
    public void Urls_are_read_but_only_as_data()
    {
        FetchedManifest parsed = Parse(Manifest(MediaTypes.OciManifest, extra: ",\"urls\":[\"https://evil.example/x\"]"), MediaTypes.OciManifest);
        Assert.Equal(["https://evil.example/x"], parsed.Manifest!.Layers[0].Urls!);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("{\"schemaVersion\":\"two\"}")]
    public void Broken_json_is_a_protocol_error(string json) =>
        Assert.Throws<RegistryProtocolException>(() => Parse(json, MediaTypes.OciManifest));
}
