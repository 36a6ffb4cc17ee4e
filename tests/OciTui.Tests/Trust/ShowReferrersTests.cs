using System.Text;
using System.Text.Json;
using OciTui.Tests.Cli;

namespace OciTui.Tests.Trust;

/// <summary>
/// <c>show</c> and <c>show --json</c> list a tag's referrers with their kind. docker-registry 2.8 has no referrers API,
/// so the referrers are found through the tag-schema fallback: an index tagged <c>sha256-&lt;hex&gt;</c> that the pusher
/// keeps (<see href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#referrers-tag-schema">distribution-spec: referrers tag schema</see>).
/// </summary>
public sealed class ShowReferrersTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>
{
    private const string Repository = "trust/referred";

    private static readonly (string ArtifactType, string Kind, string Text)[] Referrers =
    [
        ("application/vnd.dev.cosign.artifact.sig.v1+json", "cosign-signature", "cosign signature"),
        ("application/vnd.cncf.notary.signature", "notation-signature", "notation signature"),
        ("application/spdx+json", "spdx-sbom", "SPDX SBOM"),
        ("application/vnd.cyclonedx+json", "cyclonedx-sbom", "CycloneDX SBOM"),
        ("application/vnd.in-toto+json", "in-toto-attestation", "in-toto attestation"),
        ("application/vnd.example.unknown", "other", "other"),
    ];

    [RegistryFact]
    public async Task Show_json_lists_every_referrer_with_its_kind()
    {
        await SeedAsync("1.0.0");

        CliRun run = await CliRun.RunAsync(["show", $"oci://{registry.Host}/{Repository}:1.0.0", "--plain-http", "--json"]);

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        var found = json.RootElement.GetProperty("referrers").EnumerateArray()
            .Select(r => (r.GetProperty("artifactType").GetString(), r.GetProperty("kind").GetString())).Order().ToList();
        Assert.Equal(Referrers.Select(r => ((string?)r.ArtifactType, (string?)r.Kind)).Order(), found);
    }

    [RegistryFact]
    public async Task Show_prints_a_referrers_section_with_each_kind()
    {
        await SeedAsync("2.0.0");

        CliRun run = await CliRun.RunAsync(["show", $"oci://{registry.Host}/{Repository}:2.0.0", "--plain-http"]);

        Assert.Equal(0, run.ExitCode);
        string section = run.Out[run.Out.IndexOf("Referrers:", StringComparison.Ordinal)..];
        foreach ((_, _, string text) in Referrers) Assert.Contains($"  {text}", section, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task Show_lists_cosign_s_tag_scheme_artifacts_with_their_kind_and_tag()
    {
        PushedChart chart = await registry.Seeder.PushChartAsync(Repository, new ChartArchiveBuilder("referred", "4.0.0"));
        await registry.Seeder.PushCosignArtifactsAsync(Repository, chart.ManifestDigest, ".sig", ".att", ".sbom");
        string stem = chart.ManifestDigest.Replace(':', '-');

        CliRun json = await CliRun.RunAsync(["show", $"oci://{registry.Host}/{Repository}:4.0.0", "--plain-http", "--json"]);
        CliRun text = await CliRun.RunAsync(["show", $"oci://{registry.Host}/{Repository}:4.0.0", "--plain-http"]);

        using JsonDocument document = JsonDocument.Parse(json.Out);
        Assert.Equal(
            [("cosign-signature", stem + ".sig"), ("in-toto-attestation", stem + ".att"), ("spdx-sbom", stem + ".sbom")],
            document.RootElement.GetProperty("referrers").EnumerateArray().Select(r => (r.GetProperty("kind").GetString(), r.GetProperty("tag").GetString())));
        Assert.Contains($"tag {stem}.sig", text.Out, StringComparison.Ordinal);
        Assert.Contains("  in-toto attestation", text.Out, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task A_tag_without_referrers_shows_an_empty_list()
    {
        await registry.Seeder.PushChartAsync(Repository, new ChartArchiveBuilder("referred", "3.0.0"));

        CliRun run = await CliRun.RunAsync(["show", $"oci://{registry.Host}/{Repository}:3.0.0", "--plain-http", "--json"]);

        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal(0, json.RootElement.GetProperty("referrers").GetArrayLength());
    }

    /// <summary>
    /// A chart, then one OCI 1.1 artifact manifest per referrer with the chart as its <c>subject</c>, then the
    /// fallback index listing them, as an OCI 1.1 client pushing to a registry without the referrers API does.
    /// </summary>
    private async Task SeedAsync(string version)
    {
        PushedChart chart = await registry.Seeder.PushChartAsync(Repository, new ChartArchiveBuilder("referred", version));
        await registry.Seeder.PushReferrersAsync(Repository, chart.ManifestDigest, chart.Manifest.Length, [.. Referrers.Select(r => r.ArtifactType)], $"ref-{version}");
    }
}
