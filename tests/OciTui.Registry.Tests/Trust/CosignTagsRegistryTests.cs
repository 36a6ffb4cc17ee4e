using OciTui.Registry.Http;
using OciTui.Registry.References;
using OciTui.Registry.Trust;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Tests.Trust;

/// <summary>CosignTags.FindAsync and TagReferrers against the real docker-registry, with artifacts pushed as cosign and OCI 1.1 clients push them.</summary>
public sealed class CosignTagsRegistryTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>
{
    private RemoteRegistry Client() => new(new RegistryConnectionOptions { BaseAddress = registry.BaseAddress, CredentialHost = registry.Host });

    [RegistryFact]
    public async Task FindAsync_returns_the_cosign_tags_present_for_the_digest_with_their_kind_and_descriptor()
    {
        PushedChart chart = await registry.Seeder.PushChartAsync("cosign/found", new ChartArchiveBuilder("found", "1.0.0"));
        await registry.Seeder.PushCosignArtifactsAsync("cosign/found", chart.ManifestDigest, ".sig", ".att");
        using RemoteRegistry client = Client();

        var found = new List<CosignTag>();
        await foreach (CosignTag tag in CosignTags.FindAsync(client, "cosign/found", Digest.Parse(chart.ManifestDigest))) found.Add(tag);

        string stem = chart.ManifestDigest.Replace(':', '-');
        Assert.Equal([(stem + ".sig", ReferrerKind.CosignSignature), (stem + ".att", ReferrerKind.InTotoAttestation)], found.Select(f => (f.Tag, f.Kind)));
        Assert.All(found, f => Assert.True(Digest.TryParse(f.Descriptor.Digest, out _) && f.Descriptor.Size > 0));
    }

    [RegistryFact]
    public async Task FindAsync_asks_only_for_the_tags_the_caller_knows_exist()
    {
        PushedChart chart = await registry.Seeder.PushChartAsync("cosign/known", new ChartArchiveBuilder("known", "1.0.0"));
        await registry.Seeder.PushCosignArtifactsAsync("cosign/known", chart.ManifestDigest, ".sig", ".sbom");
        using RemoteRegistry client = Client();
        string stem = chart.ManifestDigest.Replace(':', '-');

        var found = new List<CosignTag>();
        await foreach (CosignTag tag in CosignTags.FindAsync(client, "cosign/known", Digest.Parse(chart.ManifestDigest), new HashSet<string> { "1.0.0", stem + ".sbom" })) found.Add(tag);

        Assert.Equal([stem + ".sbom"], found.Select(f => f.Tag));
    }

    [RegistryFact]
    public async Task A_digest_without_cosign_tags_finds_none()
    {
        PushedChart chart = await registry.Seeder.PushChartAsync("cosign/none", new ChartArchiveBuilder("none", "1.0.0"));
        using RemoteRegistry client = Client();

        var found = new List<CosignTag>();
        await foreach (CosignTag tag in CosignTags.FindAsync(client, "cosign/none", Digest.Parse(chart.ManifestDigest))) found.Add(tag);

        Assert.Empty(found);
    }

    [RegistryFact]
    public async Task TagReferrers_lists_the_tag_schema_referrers_then_cosign_s_artifacts_with_type_and_created()
    {
        PushedChart chart = await registry.Seeder.PushChartAsync("cosign/both", new ChartArchiveBuilder("both", "1.0.0"));
        await registry.Seeder.PushReferrersAsync("cosign/both", chart.ManifestDigest, chart.Manifest.Length, ["application/vnd.cncf.notary.signature", "application/vnd.cyclonedx+json"], "ref");
        await registry.Seeder.PushCosignArtifactsAsync("cosign/both", chart.ManifestDigest, ".sig");
        using RemoteRegistry client = Client();

        IReadOnlyList<TagReferrer> found = await TagReferrers.FindAsync(client, "cosign/both", Digest.Parse(chart.ManifestDigest));

        Assert.Equal(
            [(ReferrerKind.NotationSignature, "application/vnd.cncf.notary.signature", "2026-03-01T10:00:00Z", null),
             (ReferrerKind.CycloneDxSbom, "application/vnd.cyclonedx+json", "2026-03-01T10:00:00Z", null),
             (ReferrerKind.CosignSignature, "application/vnd.dev.cosign.simplesigning.v1+json", null, chart.ManifestDigest.Replace(':', '-') + ".sig")],
            found.Select(f => (f.Kind, f.Type, f.Created, f.Tag)));
    }
}
