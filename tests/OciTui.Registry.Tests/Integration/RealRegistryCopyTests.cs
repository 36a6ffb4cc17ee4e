using System.Diagnostics;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Layout;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Transfers;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Tests.Integration;

/// <summary>
/// ChartCopier between real docker-registry instances (an anonymous source, an htpasswd destination, a token-auth one)
/// and into an OCI layout: what arrives, in what order, and what a re-run sends.
/// </summary>
public sealed class RealRegistryCopyTests(AnonymousRegistryFixture source, HtpasswdRegistryFixture destination)
    : IClassFixture<AnonymousRegistryFixture>, IClassFixture<HtpasswdRegistryFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-copy-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private RemoteRegistry Source() => new(new RegistryConnectionOptions { BaseAddress = source.BaseAddress, CredentialHost = source.Host });

    private RemoteRegistry Destination(HttpMessageHandler? handler = null) => new(new RegistryConnectionOptions
    {
        BaseAddress = destination.BaseAddress,
        CredentialHost = destination.Host,
        Credentials = new StaticCredentials(DockerRegistryFixture.Username, DockerRegistryFixture.Password),
    }, handler, null);

    private static async Task<List<string>> ReferrersAsync(IRegistry registry, string repository, string subject)
    {
        var found = new List<string>();
        await foreach (Descriptor d in registry.ListReferrersAsync(repository, Digest.Parse(subject))) found.Add(d.Digest);
        return found;
    }

    [RegistryFact]
    public async Task A_chart_arrives_with_its_provenance_referrer_and_cosign_signature_under_the_same_digests()
    {
        AttachedChart chart = await AttachedChartSeeder.PushAsync(source.Seeder, "copy/src/webapp", new ChartArchiveBuilder("webapp", "1.2.3"));
        using RemoteRegistry from = Source();
        using RemoteRegistry to = Destination();

        CopyResult result = await ChartCopier.CopyAsync(new CopyRequest(from, "copy/src/webapp", ManifestReference.ForTag("1.2.3"), to, "mirror/webapp", "1.2.3"));

        Assert.Equal(chart.ManifestDigest, result.ManifestDigest.ToString());
        Assert.Equal(chart.ManifestDigest, (await to.ResolveAsync("mirror/webapp", ManifestReference.ForTag("1.2.3"))).Digest);
        FetchedManifest arrived = await to.GetManifestAsync("mirror/webapp", ManifestReference.ForTag("1.2.3"));
        Assert.Equal(chart.ProvenanceDigest, arrived.Manifest!.ProvenanceLayer!.Digest);
        Assert.True(await to.BlobExistsAsync("mirror/webapp", arrived.Manifest.ProvenanceLayer));
        Assert.Equal([chart.ReferrerDigest], await ReferrersAsync(to, "mirror/webapp", chart.ManifestDigest));
        Assert.Equal(chart.CosignDigest, (await to.ResolveAsync("mirror/webapp", ManifestReference.ForTag(chart.CosignTag))).Digest);
        Assert.Equal(0, result.BlobsSkipped);
        Assert.True(result.BlobsSent >= 6, $"sent {result.BlobsSent}");
        // The tag comes last: a tag never names a manifest whose blobs or attachments are missing.
        Assert.Equal(CopyItemKind.Tag, result.Items[^1].Kind);
        Assert.Equal("1.2.3", result.Items[^1].Description);
    }

    [RegistryFact]
    public async Task A_rerun_with_everything_present_sends_no_blob_and_finishes_well_under_a_second()
    {
        await AttachedChartSeeder.PushAsync(source.Seeder, "copy/rerun/app", new ChartArchiveBuilder("app", "2.0.0"));
        using RemoteRegistry from = Source();
        var request = (IRegistry to) => new CopyRequest(from, "copy/rerun/app", ManifestReference.ForTag("2.0.0"), to, "mirror/rerun/app", "2.0.0");
        using (RemoteRegistry first = Destination()) await ChartCopier.CopyAsync(request(first));

        var recorder = new RecordingHandler();
        using RemoteRegistry again = Destination(recorder);
        await again.PingAsync();
        var clock = Stopwatch.StartNew();
        CopyResult result = await ChartCopier.CopyAsync(request(again));
        clock.Stop();

        Assert.True(result.AlreadyThere);
        Assert.Equal(0, result.BytesSent);
        Assert.DoesNotContain(recorder.Sent, r => r.Method != HttpMethod.Get && r.Method != HttpMethod.Head);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [RegistryFact]
    public async Task Within_one_registry_the_blobs_are_mounted_instead_of_sent()
    {
        await source.Seeder.PushChartAsync("copy/mount/from", new ChartArchiveBuilder("from", "1.0.0"));
        using RemoteRegistry registry = Source();

        CopyResult result = await ChartCopier.CopyAsync(new CopyRequest(registry, "copy/mount/from", ManifestReference.ForTag("1.0.0"), registry, "copy/mount/to", "1.0.0"));

        Assert.Equal(2, result.BlobsMounted);
        Assert.Equal(0, result.BytesSent);
        Assert.Equal(result.ManifestDigest.ToString(), (await registry.ResolveAsync("copy/mount/to", ManifestReference.ForTag("1.0.0"))).Digest);
    }

    [RegistryFact]
    public async Task A_source_tag_moving_during_the_copy_changes_nothing_the_copy_is_by_digest()
    {
        PushedChart original = await source.Seeder.PushChartAsync("copy/moving/app", new ChartArchiveBuilder("app", "1.0.0"));
        await source.Seeder.PushChartAsync("copy/moving/app", new ChartArchiveBuilder("app", "1.0.1") { Description = "the newer one" }, tag: "other");
        using RemoteRegistry from = Source();
        using RemoteRegistry to = Destination();
        bool moved = false;
        var progress = new Callback(_ =>
        {
            if (moved) return;
            moved = true;
            source.Seeder.RetagAsync("copy/moving/app", "other", "1.0.0").GetAwaiter().GetResult();
        });

        CopyResult result = await ChartCopier.CopyAsync(new CopyRequest(from, "copy/moving/app", ManifestReference.ForTag("1.0.0"), to, "mirror/moving/app", "1.0.0"), progress);

        Assert.True(moved);
        Assert.NotEqual(original.ManifestDigest, (await from.ResolveAsync("copy/moving/app", ManifestReference.ForTag("1.0.0"))).Digest);
        Assert.Equal(original.ManifestDigest, result.ManifestDigest.ToString());
        Assert.Equal(original.ManifestDigest, (await to.ResolveAsync("mirror/moving/app", ManifestReference.ForTag("1.0.0"))).Digest);
    }

    [RegistryFact]
    public async Task A_layout_destination_is_created_and_reads_back_with_the_layout_reader_and_skopeo()
    {
        AttachedChart chart = await AttachedChartSeeder.PushAsync(source.Seeder, "copy/layout/app", new ChartArchiveBuilder("app", "3.1.0"));
        string path = Path.Combine(_directory, "usb", "app");
        using RemoteRegistry from = Source();
        using LayoutRegistry layout = LayoutRegistry.ForSingleLayout(path);

        CopyResult result = await ChartCopier.CopyAsync(new CopyRequest(from, "copy/layout/app", ManifestReference.ForTag("3.1.0"), layout, LayoutRegistry.SingleLayoutRepository, "3.1.0"));

        Assert.Equal(chart.ManifestDigest, result.ManifestDigest.ToString());
        Assert.Equal("{\"imageLayoutVersion\":\"1.0.0\"}", File.ReadAllText(Path.Combine(path, "oci-layout")));
        Assert.Empty(Directory.EnumerateFiles(path, "*.partial", SearchOption.AllDirectories));
        using LayoutRegistry reader = LayoutRegistry.ForSingleLayout(path);
        Assert.Equal(chart.ManifestDigest, (await reader.ResolveAsync("layout", ManifestReference.ForTag("3.1.0"))).Digest);
        Assert.Equal(chart.CosignDigest, (await reader.ResolveAsync("layout", ManifestReference.ForTag(chart.CosignTag))).Digest);
        Assert.Equal([chart.ReferrerDigest], await ReferrersAsync(reader, "layout", chart.ManifestDigest));

        string skopeo = RequiredTool.Require("skopeo");
        var run = Process.Start(new ProcessStartInfo(skopeo, ["inspect", "--raw", $"oci:{path}:3.1.0"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string raw = await run.StandardOutput.ReadToEndAsync();
        await run.WaitForExitAsync();
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(chart.ManifestDigest, FakeRegistry.Sha256(System.Text.Encoding.UTF8.GetBytes(raw.TrimEnd('\n'))));

        CopyResult again = await ChartCopier.CopyAsync(new CopyRequest(from, "copy/layout/app", ManifestReference.ForTag("3.1.0"), layout, LayoutRegistry.SingleLayoutRepository, "3.1.0"));
        Assert.True(again.AlreadyThere);
    }

    [RegistryFact]
    public async Task A_layout_holding_a_different_blob_under_a_digest_s_name_is_refused_and_a_rerun_completes_once_it_is_gone()
    {
        PushedChart chart = await source.Seeder.PushChartAsync("copy/conflict/app", new ChartArchiveBuilder("app", "1.0.0"));
        string path = Path.Combine(_directory, "conflict");
        string impostor = Path.Combine(path, "blobs", "sha256", chart.LayerDigest["sha256:".Length..]);
        Directory.CreateDirectory(Path.GetDirectoryName(impostor)!);
        File.WriteAllBytes(impostor, new byte[chart.Layer.Length]);
        using RemoteRegistry from = Source();
        using LayoutRegistry layout = LayoutRegistry.ForSingleLayout(path);
        var request = new CopyRequest(from, "copy/conflict/app", ManifestReference.ForTag("1.0.0"), layout, LayoutRegistry.SingleLayoutRepository, "1.0.0");

        RegistryException error = await Assert.ThrowsAsync<RegistryException>(() => ChartCopier.CopyAsync(request));

        Assert.Contains("already holds a different file under the name of", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(path, "index.json")) && File.ReadAllText(Path.Combine(path, "index.json")).Contains("1.0.0", StringComparison.Ordinal));
        File.Delete(impostor);
        CopyResult result = await ChartCopier.CopyAsync(request);
        Assert.Equal(chart.ManifestDigest, result.ManifestDigest.ToString());
    }

    [RegistryFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_read_only_layout_folder_fails_in_one_sentence_and_a_rerun_completes_once_it_is_writable()
    {
        PushedChart chart = await source.Seeder.PushChartAsync("copy/readonly/app", new ChartArchiveBuilder("app", "1.0.0"));
        string path = Directory.CreateDirectory(Path.Combine(_directory, "readonly")).FullName;
        using RemoteRegistry from = Source();
        using LayoutRegistry layout = LayoutRegistry.ForSingleLayout(path);
        var request = new CopyRequest(from, "copy/readonly/app", ManifestReference.ForTag("1.0.0"), layout, LayoutRegistry.SingleLayoutRepository, "1.0.0");
        using (ReadOnlyFolder.Make(path))
        {
            RegistryException error = await Assert.ThrowsAsync<RegistryException>(() => ChartCopier.CopyAsync(request));
            Assert.StartsWith($"Cannot write into the layout {path}: ", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }
        CopyResult result = await ChartCopier.CopyAsync(request);
        Assert.Equal(chart.ManifestDigest, result.ManifestDigest.ToString());
    }

    /// <summary>A folder nobody may write into, root included (the immutable attribute; plain permissions stop only other users).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private sealed class ReadOnlyFolder(string path, bool immutable) : IDisposable
    {
        public static ReadOnlyFolder Make(string path)
        {
            bool root = Environment.UserName == "root";
            if (root) Run(RequiredTool.Require("chattr"), "+i", path);
            else File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            return new ReadOnlyFolder(path, root);
        }

        public void Dispose()
        {
            if (immutable) Run(RequiredTool.Require("chattr"), "-i", path);
            else File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        private static void Run(string tool, params string[] args)
        {
            using Process process = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardError = true })!;
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
        }
    }

    private sealed class Callback(Action<CopyProgress> report) : IProgress<CopyProgress>
    {
        public void Report(CopyProgress value) => report(value);
    }
}
