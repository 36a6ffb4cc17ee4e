using System.Net;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Inspection;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Transfers;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Tests.Integration;

/// <summary>RemoteRegistry against the real docker-registry (distribution 2.8), anonymous.</summary>
public sealed class RealRegistryTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>
{
    private RemoteRegistry Client() =>
        new(new RegistryConnectionOptions { BaseAddress = registry.BaseAddress, CredentialHost = registry.Host });

    [RegistryFact]
    public async Task Tags_manifest_config_and_chart_metadata_round_trip()
    {
        PushedChart pushed = await registry.Seeder.PushChartAsync("it/meta/mychart", new ChartArchiveBuilder("mychart", "1.2.3+build.7") { AppVersion = "9.9.9" });
        using RemoteRegistry client = Client();
        await client.PingAsync();

        var tags = new List<string>();
        await foreach (IReadOnlyList<string> page in client.ListTagsAsync("it/meta/mychart")) tags.AddRange(page);
        Assert.Equal(["1.2.3_build.7"], tags);

        ArtifactDetails details = await ArtifactInspector.InspectAsync(client, "it/meta/mychart", ManifestReference.Parse("1.2.3_build.7"));
        Assert.Equal(pushed.ManifestDigest, details.Manifest.Digest.ToString());
        Assert.Equal(MediaTypes.OciManifest, details.Manifest.MediaType);
        Assert.Equal("mychart", details.Chart!.Name);
        Assert.Equal("1.2.3+build.7", details.Chart.Version);
        Assert.Equal("9.9.9", details.Chart.AppVersion);
        Assert.Equal(pushed.LayerDigest, details.Manifest.Manifest!.ChartLayer!.Digest);

        FetchedManifest byDigest = await client.GetManifestAsync("it/meta/mychart", ManifestReference.Parse(pushed.ManifestDigest));
        Assert.Equal(pushed.Manifest, byDigest.Bytes);

        Descriptor resolved = await client.ResolveAsync("it/meta/mychart", ManifestReference.Parse("1.2.3_build.7"));
        Assert.Equal(pushed.ManifestDigest, resolved.Digest);
        Assert.Equal(pushed.Manifest.Length, resolved.Size);
        Assert.Equal(MediaTypes.OciManifest, resolved.MediaType);
    }

    /// <summary>The brief's fact: without the OCI types in Accept, distribution 2.8 answers 404 for an OCI manifest.</summary>
    [RegistryFact]
    public async Task Registry_hides_oci_manifests_from_requests_without_the_oci_accept_types()
    {
        await registry.Seeder.PushChartAsync("it/accept/chart", new ChartArchiveBuilder("chart", "1.0.0"));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(registry.BaseAddress, "v2/it/accept/chart/manifests/1.0.0"));
        request.Headers.Accept.ParseAdd(MediaTypes.DockerManifest);
        using HttpResponseMessage response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        using RemoteRegistry client = Client();
        FetchedManifest manifest = await client.GetManifestAsync("it/accept/chart", ManifestReference.Parse("1.0.0"));
        Assert.True(manifest.Manifest!.IsHelmChart);
    }

    [RegistryFact]
    public async Task Catalog_pages_follow_the_relative_link_until_the_end()
    {
        for (int i = 0; i < 5; i++) await registry.Seeder.PushChartAsync($"it/catalog/c{i}", new ChartArchiveBuilder($"c{i}", "0.1.0"));
        using RemoteRegistry client = Client();
        var all = new List<string>();
        int pages = 0;
        await foreach (IReadOnlyList<string> page in client.ListRepositoriesAsync())
        {
            pages++;
            all.AddRange(page);
        }
        Assert.Equal(5, all.Count(r => r.StartsWith("it/catalog/", StringComparison.Ordinal)));
        Assert.True(pages >= 1);
    }

    [RegistryFact]
    public async Task Unknown_repository_and_tag_are_not_found_with_a_clean_message()
    {
        using RemoteRegistry client = Client();
        NotFoundException missing = await Assert.ThrowsAsync<NotFoundException>(() => client.GetManifestAsync("it/nothing/here", ManifestReference.Parse("1.0.0")));
        Assert.Contains("not found", missing.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("MANIFEST_UNKNOWN", missing.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', missing.Message);

        NotFoundException noRepository = await Assert.ThrowsAsync<NotFoundException>(async () =>
        {
            await foreach (IReadOnlyList<string> _ in client.ListTagsAsync("it/nothing/here")) { }
        });
        Assert.Equal($"Repository 'it/nothing/here' not found on http://{registry.Host} (NAME_UNKNOWN: repository name not known to registry).", noRepository.Message);
    }

    [RegistryFact]
    public async Task Pull_streams_verifies_and_names_the_chart_like_helm()
    {
        PushedChart pushed = await registry.Seeder.PushChartAsync("it/pull/webapp", new ChartArchiveBuilder("webapp", "2.0.0"));
        using RemoteRegistry client = Client();
        string directory = Directory.CreateTempSubdirectory("ocitui-pull-").FullName;
        try
        {
            var reports = new List<TransferProgress>();
            PullResult result = await ChartPuller.PullAsync(client, new PullRequest("it/pull/webapp", ManifestReference.Parse("2.0.0"), directory), new SyncProgress<TransferProgress>(reports.Add));
            Assert.Equal(Path.Combine(directory, "webapp-2.0.0.tgz"), result.Path);
            Assert.Equal(pushed.LayerDigest, result.Digest.ToString());
            Assert.Equal(pushed.Layer, await File.ReadAllBytesAsync(result.Path));
            Assert.Equal(pushed.Layer.Length, reports[^1].BytesDone);
            Assert.Equal(["webapp-2.0.0.tgz"], Directory.GetFiles(directory).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [RegistryFact]
    public async Task A_partial_download_is_resumed_with_a_range_request()
    {
        var (_, layerDigest, size) = await registry.Seeder.PushLargeChartAsync("it/resume/big", "1.0.0", 3 * 1024 * 1024 + 17);
        using RemoteRegistry client = Client();
        string directory = Directory.CreateTempSubdirectory("ocitui-resume-").FullName;
        try
        {
            string destination = Path.Combine(directory, "big-1.0.0.tgz");
            await using (var source = new DeterministicStream(size, 42))
            await using (FileStream partial = File.Create(BlobDownloader.PartialPathFor(destination)))
            {
                byte[] head = new byte[1024 * 1024 + 5];
                await source.ReadExactlyAsync(head);
                await partial.WriteAsync(head);
            }
            var reports = new List<TransferProgress>();
            PullResult result = await ChartPuller.PullAsync(client, new PullRequest("it/resume/big", ManifestReference.Parse("1.0.0"), directory), new SyncProgress<TransferProgress>(reports.Add));
            Assert.Equal(layerDigest, result.Digest.ToString());
            Assert.Equal(size, new FileInfo(result.Path).Length);
            Assert.False(File.Exists(BlobDownloader.PartialPathFor(destination)));

            await using BlobResponse ranged = await client.OpenBlobAsync("it/resume/big", Digest.Parse(layerDigest), 1000);
            Assert.Equal(1000, ranged.Offset);
            Assert.Equal(size, ranged.TotalLength);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

/// <summary>IProgress that reports on the calling thread, so a test sees every report before the call returns.</summary>
public sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
