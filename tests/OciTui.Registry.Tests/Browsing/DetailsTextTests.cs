using System.Text;
using OciTui.Registry.Browsing;
using OciTui.Registry.Inspection;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Text;

namespace OciTui.Registry.Tests.Browsing;

/// <summary>The Details pane's text: a chart first, then what the artifact is, every registry string made safe to draw.</summary>
public sealed class DetailsTextTests
{
    private static ArtifactDetails Details(string json, HelmChartMetadata? chart = null)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        FetchedManifest manifest = ManifestParser.Parse(bytes, null, Digest.ComputeSha256(bytes));
        return new ArtifactDetails("team/app", ManifestReference.Parse("1.0.0"), manifest, manifest.Manifest?.Config, null, chart);
    }

    private const string ChartManifest = """
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
         "config":{"mediaType":"application/vnd.cncf.helm.config.v1+json","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":300},
         "layers":[{"mediaType":"application/vnd.cncf.helm.chart.content.v1.tar+gzip","digest":"sha256:2222222222222222222222222222222222222222222222222222222222222222","size":2048}],
         "annotations":{"org.opencontainers.image.created":"2026-05-01T08:30:00Z","evil":"x\u001b]0;pwned\u0007\u202ey"}}
        """;

    [Fact]
    public void A_chart_comes_first_then_the_artifact_then_annotations_and_layers()
    {
        var chart = new HelmChartMetadata
        {
            Name = "app",
            Version = "1.0.0",
            AppVersion = "2.3.4",
            Deprecated = true,
            KubeVersion = ">=1.28.0",
            Maintainers = [new HelmMaintainer { Name = "Ann", Email = "ann@example.com" }],
            Dependencies = [new HelmDependency { Name = "redis", Version = "18.x", Repository = "oci://r.example.com/charts" }],
        };
        IReadOnlyList<string> lines = DetailsText.Summary(Details(ChartManifest, chart));
        Assert.Equal("Chart", lines[0]);
        Assert.Equal(["  Name          app", "  Version       1.0.0", "  App version   2.3.4", "  Deprecated    yes: this chart is deprecated"], lines.Skip(1).Take(4));
        Assert.Contains("  Maintainer    Ann <ann@example.com>", lines);
        Assert.Contains("  Dependency    redis 18.x oci://r.example.com/charts", lines);
        int artifact = lines.ToList().IndexOf("Artifact");
        Assert.True(artifact > 4);
        Assert.StartsWith("  Digest        sha256:", lines[artifact + 1], StringComparison.Ordinal);
        Assert.Contains("  Created       2026-05-01 08:30 UTC", lines);
        long pulled = Encoding.UTF8.GetByteCount(ChartManifest) + 300 + 2048;
        Assert.Contains($"  Size          {ByteSize.Format(pulled)}", lines);
        Assert.Equal("3 KiB", ByteSize.Format(3072));
        Assert.Contains("  application/vnd.cncf.helm.chart.content.v1.tar+gzip 2 KiB sha256:2222222222222222222222222222222222222222222222222222222222222222", lines);
    }

    [Fact]
    public void Registry_strings_are_shown_escaped_never_raw()
    {
        IReadOnlyList<string> lines = DetailsText.Summary(Details(ChartManifest));
        string evil = Assert.Single(lines, l => l.StartsWith("  evil:", StringComparison.Ordinal));
        Assert.Equal("  evil: x\\e]0;pwned\\x07y", evil);
        Assert.All(lines, l => Assert.DoesNotContain(l, c => char.IsControl(c) || c == '\u202e'));
    }

    [Fact]
    public void An_index_lists_its_platforms_and_child_manifests()
    {
        const string IndexJson = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
             {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:3333333333333333333333333333333333333333333333333333333333333333","size":500,"platform":{"os":"linux","architecture":"amd64"}},
             {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:4444444444444444444444444444444444444444444444444444444444444444","size":501,"platform":{"os":"linux","architecture":"arm64","variant":"v8"}}]}
            """;
        IReadOnlyList<string> lines = DetailsText.Summary(Details(IndexJson));
        Assert.DoesNotContain("Chart", lines);
        int manifests = lines.ToList().IndexOf("Manifests");
        Assert.Equal("  linux/amd64 sha256:3333333333333333333333333333333333333333333333333333333333333333 500 B", lines[manifests + 1]);
        Assert.Equal("  linux/arm64/v8 sha256:4444444444444444444444444444444444444444444444444444444444444444 501 B", lines[manifests + 2]);
    }

    [Fact]
    public void Referrers_are_listed_by_artifact_type_and_none_adds_nothing()
    {
        Assert.Empty(DetailsText.Referrers([]));
        IReadOnlyList<string> lines = DetailsText.Referrers(
        [
            new Descriptor { ArtifactType = "application/vnd.dev.cosign.artifact.sig.v1+json", Digest = "sha256:5555555555555555555555555555555555555555555555555555555555555555" },
        ]);
        Assert.Equal(["", "Referrers (1)", "  application/vnd.dev.cosign.artifact.sig.v1+json sha256:5555555555555555555555555555555555555555555555555555555555555555"], lines);
    }
}
