using System.Net;
using Microsoft.AspNetCore.Http;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.References;
using OciTui.Registry.Transfers;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Tests.Transfers;

/// <summary>
/// A copy into a destination that fails in the ways a real registry will not on demand (a fake one in memory): each
/// fault ends in one clear sentence with nothing tagged, or is recovered from, and a re-run completes.
/// </summary>
public sealed class CopyFaultTests(AnonymousRegistryFixture source) : IClassFixture<AnonymousRegistryFixture>
{
    private const string Tag = "1.0.0";
    private const long Chunk = 256 * 1024;

    /// <summary>A chart of about 1 MiB of incompressible bytes: four PATCH chunks of 256 KiB at the destination.</summary>
    private async Task<PushedChart> SeedAsync(string repository)
    {
        byte[] noise = new byte[1024 * 1024];
        new Random(7).NextBytes(noise);
        return await source.Seeder.PushChartAsync(repository, new ChartArchiveBuilder("big", Tag).WithFile("files/noise.bin", noise));
    }

    private RemoteRegistry Source() => new(new RegistryConnectionOptions { BaseAddress = source.BaseAddress, CredentialHost = source.Host });

    private static RemoteRegistry Destination(FakePushRegistry fake) => new(new RegistryConnectionOptions
    {
        BaseAddress = fake.Server.BaseAddress,
        CredentialHost = fake.Server.Server.HostAndPort,
        MaxRetryDelay = TimeSpan.Zero,
    })
    { UploadChunkSize = Chunk };

    private static Task<CopyResult> CopyAsync(IRegistry from, string repository, IRegistry to) =>
        ChartCopier.CopyAsync(new CopyRequest(from, repository, ManifestReference.ForTag(Tag), to, "mirror/big", Tag));

    private static async Task<bool> Answer(HttpContext context, int status, string body)
    {
        await FakeRegistry.WriteAsync(context, status, body);
        return true;
    }

    [RegistryTheory]
    [InlineData(500, "failed with 500")]
    [InlineData(413, "as too large (413 Payload Too Large)")]
    [InlineData(507, "has no space left for blob")]
    public async Task A_refused_blob_fails_in_one_sentence_with_nothing_tagged_and_a_rerun_completes(int status, string said)
    {
        PushedChart chart = await SeedAsync($"fault/refused{status}/big");
        await using FakePushRegistry fake = await FakePushRegistry.StartAsync();
        fake.Fault = (context, phase, _) => phase == PushPhase.Patch ? Answer(context, status, "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"nope\"}]}") : Task.FromResult(false);
        using RemoteRegistry from = Source();
        using RemoteRegistry to = Destination(fake);

        RegistryResponseException error = await Assert.ThrowsAnyAsync<RegistryResponseException>(() => CopyAsync(from, chart.Repository, to));

        Assert.Contains(said, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(fake.HasTag("mirror/big", Tag));
        fake.Fault = null;
        CopyResult result = await CopyAsync(from, chart.Repository, to);
        Assert.True(fake.HasTag("mirror/big", Tag));
        Assert.Equal(chart.ManifestDigest, result.ManifestDigest.ToString());
    }

    [RegistryFact]
    public async Task A_destination_out_of_disk_space_says_so_in_one_sentence()
    {
        PushedChart chart = await SeedAsync("fault/full/big");
        await using FakePushRegistry fake = await FakePushRegistry.StartAsync();
        fake.Fault = (context, phase, _) => phase == PushPhase.Put
            ? Answer(context, 500, "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"unknown error\",\"detail\":\"write /var/lib/registry/x: no space left on device\"}]}")
            : Task.FromResult(false);
        using RemoteRegistry from = Source();
        using RemoteRegistry to = Destination(fake);

        RegistryResponseException error = await Assert.ThrowsAnyAsync<RegistryResponseException>(() => CopyAsync(from, chart.Repository, to));

        Assert.Contains("has no space left for blob", error.Message, StringComparison.Ordinal);
        Assert.False(fake.HasTag("mirror/big", Tag));
    }

    [RegistryFact]
    public async Task An_upload_session_that_vanishes_mid_blob_is_started_again_and_the_copy_completes()
    {
        PushedChart chart = await SeedAsync("fault/vanish/big");
        await using FakePushRegistry fake = await FakePushRegistry.StartAsync();
        fake.Fault = (context, phase, call) => phase == PushPhase.Patch && call == 2
            ? Answer(context, 404, "{\"errors\":[{\"code\":\"BLOB_UPLOAD_UNKNOWN\"}]}")
            : Task.FromResult(false);
        using RemoteRegistry from = Source();
        using RemoteRegistry to = Destination(fake);

        CopyResult result = await CopyAsync(from, chart.Repository, to);

        Assert.True(fake.HasTag("mirror/big", Tag));
        Assert.Equal(chart.Layer, fake.Blob("mirror/big", chart.LayerDigest));
        Assert.Equal(chart.ManifestDigest, result.ManifestDigest.ToString());
    }

    [RegistryFact]
    public async Task An_upload_session_that_keeps_vanishing_fails_in_one_sentence_with_nothing_tagged()
    {
        PushedChart chart = await SeedAsync("fault/vanishes/big");
        await using FakePushRegistry fake = await FakePushRegistry.StartAsync();
        fake.Fault = (context, phase, _) => phase == PushPhase.Patch ? Answer(context, 404, "{\"errors\":[{\"code\":\"BLOB_UPLOAD_UNKNOWN\"}]}") : Task.FromResult(false);
        using RemoteRegistry from = Source();
        using RemoteRegistry to = Destination(fake);

        UploadSessionLostException error = await Assert.ThrowsAsync<UploadSessionLostException>(() => CopyAsync(from, chart.Repository, to));

        Assert.Contains("lost the upload session of blob", error.Message, StringComparison.Ordinal);
        Assert.False(fake.HasTag("mirror/big", Tag));
    }

    [RegistryFact]
    public async Task A_connection_dropped_mid_blob_resumes_from_the_range_the_session_reports()
    {
        PushedChart chart = await SeedAsync("fault/drop/big");
        await using FakePushRegistry fake = await FakePushRegistry.StartAsync();
        fake.Fault = async (context, phase, call) =>
        {
            if (phase != PushPhase.Patch || call != 3) return false;
            byte[] some = new byte[64 * 1024];
            await context.Request.Body.ReadAtLeastAsync(some, some.Length, throwOnEndOfStream: false);
            context.Abort();
            return true;
        };
        using RemoteRegistry from = Source();
        using RemoteRegistry to = Destination(fake);

        await CopyAsync(from, chart.Repository, to);

        Assert.True(fake.HasTag("mirror/big", Tag));
        Assert.Equal(chart.Layer, fake.Blob("mirror/big", chart.LayerDigest));
        List<RecordedRequest> patches = fake.Server.Requests.Where(r => r.Method == "PATCH").ToList();
        // The third chunk is sent again from where the session stood (512 KiB), not from byte 0, in the same session.
        Assert.Equal(2, patches.Count(r => r.Header("Content-Range") == $"{2 * Chunk}-{3 * Chunk - 1}"));
        Assert.Single(patches, r => r.Header("Content-Range") == $"0-{Chunk - 1}");
        Assert.Contains(fake.Server.Requests, r => r.Method == "GET" && r.PathAndQuery.Contains("/blobs/uploads/", StringComparison.Ordinal));
    }

    [RegistryFact]
    public async Task A_destination_storing_other_bytes_than_sent_is_an_error_and_nothing_is_tagged()
    {
        PushedChart chart = await SeedAsync("fault/otherbytes/big");
        await using FakePushRegistry fake = await FakePushRegistry.StartAsync();
        fake.Fault = (context, phase, _) =>
        {
            if (phase != PushPhase.Put) return Task.FromResult(false);
            context.Response.Headers["Docker-Content-Digest"] = "sha256:" + new string('0', 64);
            context.Response.StatusCode = 201;
            return Task.FromResult(true);
        };
        using RemoteRegistry from = Source();
        using RemoteRegistry to = Destination(fake);

        DigestMismatchException error = await Assert.ThrowsAsync<DigestMismatchException>(() => CopyAsync(from, chart.Repository, to));

        Assert.Contains("stored blob", error.Message, StringComparison.Ordinal);
        Assert.Contains("other bytes than were sent", error.Message, StringComparison.Ordinal);
        Assert.False(fake.HasTag("mirror/big", Tag));
        fake.Fault = null;
        await CopyAsync(from, chart.Repository, to);
        Assert.True(fake.HasTag("mirror/big", Tag));
    }

    [RegistryFact]
    public async Task A_push_refused_with_403_after_reading_worked_says_the_user_may_pull_but_not_push()
    {
        PushedChart chart = await SeedAsync("fault/forbidden/big");
        await using FakePushRegistry fake = await FakePushRegistry.StartAsync();
        fake.Fault = (context, phase, _) => phase == PushPhase.StartUpload ? Answer(context, 403, "{\"errors\":[{\"code\":\"DENIED\"}]}") : Task.FromResult(false);
        using RemoteRegistry from = Source();
        using RemoteRegistry to = Destination(fake);

        AccessDeniedException error = await Assert.ThrowsAsync<AccessDeniedException>(() => CopyAsync(from, chart.Repository, to));

        Assert.StartsWith("This user may pull but not push to 'mirror/big' on ", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal(0, fake.BlobCount);
    }
}
