using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace OciTui.Testing;

/// <summary>A chart as pushed: the manifest digest and bytes, and the chart layer's digest and bytes.</summary>
public sealed record PushedChart(string Repository, string Tag, string ManifestDigest, byte[] Manifest, string LayerDigest, byte[] Layer, string ConfigDigest);

/// <summary>
/// Pushes content into a real registry through the distribution API with a plain HttpClient (not ocitui's client):
/// monolithic blob uploads and manifest PUTs, charts laid out as helm push does.
/// </summary>
/// <param name="baseAddress">The registry.</param>
/// <param name="basic">Basic credentials for an htpasswd registry.</param>
/// <param name="handler">The transport (a TLS registry's seeder trusts its CA).</param>
/// <param name="bearerFor">For a token-auth registry: a push-and-pull token for a repository.</param>
public sealed class RegistrySeeder(Uri baseAddress, (string User, string Password)? basic,
    Func<HttpMessageHandler>? handler = null, Func<string, string>? bearerFor = null)
{
    private HttpClient NewClient(string repository)
    {
        var http = new HttpClient(handler?.Invoke() ?? new SocketsHttpHandler(), disposeHandler: true) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };
        if (basic is { } credentials)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.User}:{credentials.Password}")));
        else if (bearerFor is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerFor(repository));
        return http;
    }

    public async Task<string> PushBlobAsync(string repository, byte[] content)
    {
        string digest = $"sha256:{Convert.ToHexStringLower(SHA256.HashData(content))}";
        await PushBlobAsync(repository, digest, new ByteArrayContent(content));
        return digest;
    }

    private async Task PushBlobAsync(string repository, string digest, HttpContent content)
    {
        using HttpClient http = NewClient(repository);
        using HttpResponseMessage start = await http.PostAsync($"v2/{repository}/blobs/uploads/", null);
        start.EnsureSuccessStatusCode();
        Uri location = start.Headers.Location!.IsAbsoluteUri ? start.Headers.Location : new Uri(baseAddress, start.Headers.Location);
        string separator = location.Query.Length > 0 ? "&" : "?";
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using HttpResponseMessage put = await http.PutAsync(new Uri($"{location}{separator}digest={Uri.EscapeDataString(digest)}"), content);
        if (!put.IsSuccessStatusCode) throw new InvalidOperationException($"blob upload failed: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
    }

    public async Task<string> PushManifestAsync(string repository, string reference, byte[] manifest, string mediaType)
    {
        using HttpClient http = NewClient(repository);
        using var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using HttpResponseMessage put = await http.PutAsync($"v2/{repository}/manifests/{reference}", content);
        if (!put.IsSuccessStatusCode) throw new InvalidOperationException($"manifest PUT failed: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        return $"sha256:{Convert.ToHexStringLower(SHA256.HashData(manifest))}";
    }

    /// <summary>Tags a manifest again under another name, as <c>crane tag</c> does: the same bytes PUT under <paramref name="newTag"/>.</summary>
    public async Task RetagAsync(string repository, string tag, string newTag)
    {
        using HttpClient http = NewClient(repository);
        using var get = new HttpRequestMessage(HttpMethod.Get, $"v2/{repository}/manifests/{tag}");
        get.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        using HttpResponseMessage response = await http.SendAsync(get);
        response.EnsureSuccessStatusCode();
        await PushManifestAsync(repository, newTag, await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType!.MediaType!);
    }

    /// <summary>Pushes a chart as helm push does: config blob, chart layer, OCI manifest tagged with the version ('+' as '_').</summary>
    public async Task<PushedChart> PushChartAsync(string repository, ChartArchiveBuilder chart, string? tag = null)
    {
        byte[] config = chart.ConfigJson();
        byte[] layer = chart.Build();
        string configDigest = await PushBlobAsync(repository, config);
        string layerDigest = await PushBlobAsync(repository, layer);
        byte[] manifest = ChartManifest.Create(configDigest, config.Length, layerDigest, layer.Length, chart, "2026-02-01T12:00:00Z");
        string resolvedTag = tag ?? chart.Version.Replace('+', '_');
        string manifestDigest = await PushManifestAsync(repository, resolvedTag, manifest, "application/vnd.oci.image.manifest.v1+json");
        return new PushedChart(repository, resolvedTag, manifestDigest, manifest, layerDigest, layer, configDigest);
    }

    /// <summary>
    /// Attaches one OCI 1.1 artifact manifest per artifact type to a subject (its <c>subject</c> field names it), then the
    /// referrers tag-schema index listing them, as an OCI 1.1 client pushing to a registry without the referrers API does
    /// (<see href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#referrers-tag-schema">distribution-spec: referrers tag schema</see>).
    /// Each is tagged <c>{tagPrefix}-{n}</c> too, so docker-registry keeps it; returns their digests in order.
    /// </summary>
    public async Task<IReadOnlyList<string>> PushReferrersAsync(string repository, string subjectDigest, int subjectSize, IReadOnlyList<string> artifactTypes, string tagPrefix,
        string created = "2026-03-01T10:00:00Z")
    {
        byte[] empty = "{}"u8.ToArray();
        string emptyDigest = await PushBlobAsync(repository, empty);
        var descriptors = new List<string>();
        var digests = new List<string>();
        foreach (string artifactType in artifactTypes)
        {
            byte[] payload = System.Text.Encoding.UTF8.GetBytes($"{artifactType} for {subjectDigest}");
            string payloadDigest = await PushBlobAsync(repository, payload);
            byte[] manifest = System.Text.Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","artifactType":"{{artifactType}}","config":{"mediaType":"application/vnd.oci.empty.v1+json","digest":"{{emptyDigest}}","size":2},"layers":[{"mediaType":"{{artifactType}}","digest":"{{payloadDigest}}","size":{{payload.Length}}}],"subject":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{subjectDigest}}","size":{{subjectSize}}},"annotations":{"org.opencontainers.image.created":"{{created}}"} }""");
            string digest = await PushManifestAsync(repository, $"{tagPrefix}-{descriptors.Count}", manifest, "application/vnd.oci.image.manifest.v1+json");
            digests.Add(digest);
            descriptors.Add($$"""{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"{{digest}}","size":{{manifest.Length}},"artifactType":"{{artifactType}}","annotations":{"org.opencontainers.image.created":"{{created}}"} }""");
        }
        byte[] index = System.Text.Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{{string.Join(',', descriptors)}}]}""");
        await PushManifestAsync(repository, subjectDigest.Replace(':', '-'), index, "application/vnd.oci.image.index.v1+json");
        return digests;
    }

    /// <summary>
    /// What cosign's tag scheme leaves for a subject: a manifest tagged <c>sha256-&lt;hex&gt;.sig</c>, <c>.att</c> or
    /// <c>.sbom</c> (per suffix) whose one layer has the media type cosign writes there: a simple-signing payload, a DSSE
    /// envelope, an SPDX document (<see href="https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md">cosign signature spec</see>).
    /// </summary>
    public async Task PushCosignArtifactsAsync(string repository, string subjectDigest, params string[] suffixes)
    {
        byte[] config = "{\"architecture\":\"\",\"os\":\"\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"u8.ToArray();
        string configDigest = await PushBlobAsync(repository, config);
        foreach (string suffix in suffixes)
        {
            string layerType = suffix switch
            {
                ".sig" => "application/vnd.dev.cosign.simplesigning.v1+json",
                ".att" => "application/vnd.dsse.envelope.v1+json",
                _ => "text/spdx+json",
            };
            byte[] payload = System.Text.Encoding.UTF8.GetBytes($"{{\"subject\":\"{subjectDigest}\",\"suffix\":\"{suffix}\"}}");
            string payloadDigest = await PushBlobAsync(repository, payload);
            byte[] manifest = System.Text.Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{configDigest}}","size":{{config.Length}}},"layers":[{"mediaType":"{{layerType}}","digest":"{{payloadDigest}}","size":{{payload.Length}},"annotations":{"dev.cosignproject.cosign/signature":"MEUCIQ=="} }]}""");
            await PushManifestAsync(repository, subjectDigest.Replace(':', '-') + suffix, manifest, "application/vnd.oci.image.manifest.v1+json");
        }
    }

    /// <summary>Pushes a large pseudo-random chart layer streamed from a seeded generator (never held in memory) and a manifest for it.</summary>
    public async Task<(string ManifestDigest, string LayerDigest, long Size)> PushLargeChartAsync(string repository, string tag, long size, int seed = 42)
    {
        string layerDigest;
        using (var hashing = new DeterministicStream(size, seed))
        {
            byte[] hash = await SHA256.HashDataAsync(hashing);
            layerDigest = $"sha256:{Convert.ToHexStringLower(hash)}";
        }
        using (var upload = new DeterministicStream(size, seed))
        {
            var content = new StreamContent(upload, 1024 * 1024);
            content.Headers.ContentLength = size;
            await PushBlobAsync(repository, layerDigest, content);
        }
        var chart = new ChartArchiveBuilder(repository[(repository.LastIndexOf('/') + 1)..], tag);
        byte[] config = chart.ConfigJson();
        string configDigest = await PushBlobAsync(repository, config);
        byte[] manifest = ChartManifest.Create(configDigest, config.Length, layerDigest, size, chart, "2026-02-01T12:00:00Z");
        string manifestDigest = await PushManifestAsync(repository, tag, manifest, "application/vnd.oci.image.manifest.v1+json");
        return (manifestDigest, layerDigest, size);
    }
}

/// <summary>A read-only stream of <c>length</c> pseudo-random bytes from a seed: big test blobs without big memory.</summary>
public sealed class DeterministicStream(long length, int seed) : Stream
{
    private readonly Random _random = new(seed);
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = (int)Math.Min(count, length - _position);
        if (n <= 0) return 0;
        _random.NextBytes(buffer.AsSpan(offset, n));
        _position += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
