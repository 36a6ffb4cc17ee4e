using System.Text.Json;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Wire;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.Http;

/// <summary>The referrers API, and its fallback to the sha256-&lt;hex&gt; tag when a registry lacks it.</summary>
public sealed class ReferrersTests
{
    private static readonly Digest Subject = Digest.ComputeSha256("subject"u8);
    private static readonly string Signature = Sha256(Utf8("signature"));
    private static readonly string Sbom = Sha256(Utf8("sbom"));

    private static string Index(bool filtered = false) => JsonSerializer.Serialize(new
    {
        schemaVersion = 2,
        mediaType = MediaTypes.OciIndex,
        manifests = filtered
            ? new object[] { new { mediaType = MediaTypes.OciManifest, digest = Signature, size = 10, artifactType = "application/vnd.dev.cosign" } }
            : new object[]
            {
                new { mediaType = MediaTypes.OciManifest, digest = Signature, size = 10, artifactType = "application/vnd.dev.cosign" },
                new { mediaType = MediaTypes.OciManifest, digest = Sbom, size = 11, artifactType = "application/spdx+json" },
            },
    });

    private static async Task<List<Descriptor>> ListAsync(RemoteRegistry client, string? artifactType = null)
    {
        var found = new List<Descriptor>();
        await foreach (Descriptor d in client.ListReferrersAsync("charts/chart", Subject, artifactType)) found.Add(d);
        return found;
    }

    [Fact]
    public async Task The_referrers_api_lists_artifacts_and_filters_client_side_unless_the_server_did()
    {
        await using FakeRegistry fake = await StartAsync(context => WriteAsync(context, 200, Index(), MediaTypes.OciIndex));
        using RemoteRegistry client = fake.Client();
        Assert.Equal([Signature, Sbom], (await ListAsync(client)).Select(d => d.Digest));
        Assert.Equal([Sbom], (await ListAsync(client, "application/spdx+json")).Select(d => d.Digest));
        Assert.Contains(fake.Requests, r => r.PathAndQuery == $"/v2/charts/chart/referrers/{Subject}");
    }

    [Fact]
    public async Task Without_the_api_the_tag_schema_is_read()
    {
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            if (context.Request.Path.Value!.Contains("/referrers/", StringComparison.Ordinal))
                await WriteAsync(context, 404, "404 page not found", "text/plain");
            else if (context.Request.Path.Value.EndsWith($"/manifests/sha256-{Subject.Encoded}", StringComparison.Ordinal))
                await WriteBytesAsync(context, Utf8(Index()), MediaTypes.OciIndex);
            else
                await WriteAsync(context, 404, "{}");
        });
        using RemoteRegistry client = fake.Client();
        Assert.Equal([Signature], (await ListAsync(client, "application/vnd.dev.cosign")).Select(d => d.Digest));
    }

    [Fact]
    public async Task A_missing_repository_is_reported_not_hidden()
    {
        await using FakeRegistry fake = await StartAsync(context => WriteAsync(context, 404, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\"}]}"));
        using RemoteRegistry client = fake.Client();
        await Assert.ThrowsAsync<NotFoundException>(() => ListAsync(client));
    }
}
