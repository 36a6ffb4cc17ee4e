using System.Security.Cryptography;
using System.Text;
using OciTui.Registry.Errors;
using OciTui.Registry.Inspection;
using OciTui.Registry.Models;
using OciTui.Registry.References;

namespace OciTui.Registry.Tests.Contract;

/// <summary>What one implementation holds for the contract: a Helm chart tagged 1.0.0 and a signature that refers to it.</summary>
public sealed record ContractContent(byte[] Manifest, byte[] Config, byte[] Layer, byte[] Referrer, string ReferrerTag);

/// <summary>
/// Every promise of <see cref="IRegistry"/>, run against each implementation (<see cref="RemoteRegistryContractTests"/>,
/// <see cref="LayoutRegistryContractTests"/>) holding the same content: names, tags, manifests by tag and by digest,
/// blobs verified for size and digest, ranges, referrers, the shapes of "not found", only <see cref="OciTuiException"/>
/// (or cancellation) escaping, and a cancelled token honoured by every method.
/// </summary>
/// <remarks>
/// The facts need docker-registry for the remote half; under CI=true they always run (<see cref="RegistryFactAttribute"/>).
/// </remarks>
public abstract class RegistryContractTests : IAsyncLifetime
{
    protected const string SignatureType = "application/vnd.example.signature.v1";
    protected static readonly ChartArchiveBuilder Hello = new("hello", "1.0.0") { AppVersion = "2.0.0" };
    protected static readonly byte[] EmptyJson = Encoding.UTF8.GetBytes("{}");

    private IRegistry? _registry;

    /// <summary>The repository the content lives in.</summary>
    protected abstract string Repository { get; }

    /// <summary>Stores <paramref name="content"/> (manifest tagged 1.0.0, referrer reachable as the registry's kind finds referrers) and opens the registry.</summary>
    protected abstract Task<IRegistry> OpenAsync(ContractContent content);

    /// <summary>False when the implementation cannot run here (no docker-registry outside CI): its facts skip.</summary>
    protected virtual bool Available => true;

    protected IRegistry Registry => _registry ?? throw new InvalidOperationException("not open");
    protected ContractContent Content { get; } = Build();

    public async Task InitializeAsync()
    {
        if (!Available) return;
        _registry = await OpenAsync(Content);
    }

    public virtual Task DisposeAsync()
    {
        _registry?.Dispose();
        return Task.CompletedTask;
    }

    private static ContractContent Build()
    {
        byte[] config = Hello.ConfigJson();
        byte[] layer = Hello.Build();
        byte[] manifest = ChartManifest.Create(Sha256(config), config.Length, Sha256(layer), layer.Length, Hello, "2026-02-01T12:00:00Z");
        string empty = $"{{\"mediaType\":\"{MediaTypes.OciEmpty}\",\"digest\":\"{Sha256(EmptyJson)}\",\"size\":2}}";
        byte[] referrer = Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciManifest}\",\"artifactType\":\"{SignatureType}\",\"config\":{empty},\"layers\":[{empty}]," +
            $"\"subject\":{{\"mediaType\":\"{MediaTypes.OciManifest}\",\"digest\":\"{Sha256(manifest)}\",\"size\":{manifest.Length}}}}}");
        // The referrers tag schema: https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#referrers-tag-schema
        string referrerTag = Sha256(manifest).Replace(':', '-');
        return new ContractContent(manifest, config, layer, referrer, referrerTag);
    }

    protected static string Sha256(byte[] content) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(content))}";

    private Descriptor ConfigDescriptor(long? size = null) =>
        new() { MediaType = MediaTypes.HelmConfig, Digest = Sha256(Content.Config), Size = size ?? Content.Config.Length };

    [RegistryFact]
    public async Task Ping_succeeds_and_the_repository_is_listed()
    {
        await Registry.PingAsync();
        var repositories = new List<string>();
        await foreach (IReadOnlyList<string> page in Registry.ListRepositoriesAsync()) repositories.AddRange(page);
        Assert.Contains(Repository, repositories);
    }

    [RegistryFact]
    public async Task Tags_are_listed_as_stored()
    {
        var tags = new List<string>();
        await foreach (IReadOnlyList<string> page in Registry.ListTagsAsync(Repository)) tags.AddRange(page);
        Assert.Equal(["1.0.0", Content.ReferrerTag], tags.Order(StringComparer.Ordinal));
    }

    [RegistryFact]
    public async Task A_manifest_by_tag_and_by_digest_is_the_stored_bytes_under_their_digest()
    {
        FetchedManifest byTag = await Registry.GetManifestAsync(Repository, ManifestReference.Parse("1.0.0"));
        FetchedManifest byDigest = await Registry.GetManifestAsync(Repository, ManifestReference.Parse(Sha256(Content.Manifest)));
        Assert.Equal(Content.Manifest, byTag.Bytes);
        Assert.Equal(Content.Manifest, byDigest.Bytes);
        Assert.Equal(Sha256(Content.Manifest), byTag.Digest.ToString());
        Assert.Equal(MediaTypes.OciManifest, byTag.MediaType);
    }

    [RegistryFact]
    public async Task Resolve_gives_the_manifest_descriptor()
    {
        Descriptor resolved = await Registry.ResolveAsync(Repository, ManifestReference.Parse("1.0.0"));
        Assert.Equal(Sha256(Content.Manifest), resolved.Digest);
        Assert.Equal(Content.Manifest.Length, resolved.Size);
        Assert.Equal(MediaTypes.OciManifest, resolved.MediaType);
    }

    [RegistryFact]
    public async Task A_blob_is_read_whole_and_verified_and_a_chart_inspected()
    {
        Assert.Equal(Content.Config, await Registry.GetBlobAsync(Repository, ConfigDescriptor(), 1024 * 1024));
        ArtifactDetails details = await ArtifactInspector.InspectAsync(Registry, Repository, ManifestReference.Parse("1.0.0"));
        Assert.Equal("hello", details.Chart!.Name);
        Assert.Equal("2.0.0", details.Chart.AppVersion);
    }

    [RegistryFact]
    public async Task A_blob_shorter_than_its_descriptor_says_is_refused_as_a_mismatch()
    {
        DigestMismatchException error = await Assert.ThrowsAsync<DigestMismatchException>(() =>
            Registry.GetBlobAsync(Repository, ConfigDescriptor(Content.Config.Length + 1), 1024 * 1024));
        Assert.Contains($"is {Content.Config.Length} bytes, not the {Content.Config.Length + 1} its descriptor says", error.Message);
    }

    [RegistryFact]
    public async Task A_blob_larger_than_the_limit_is_refused_before_it_is_read()
    {
        await Assert.ThrowsAsync<SizeLimitExceededException>(() => Registry.GetBlobAsync(Repository, ConfigDescriptor(), maxSize: 10));
    }

    [RegistryFact]
    public async Task A_blob_opened_at_an_offset_continues_from_where_the_response_says_it_starts()
    {
        await using BlobResponse blob = await Registry.OpenBlobAsync(Repository, Digest.Parse(Sha256(Content.Layer)), 100);
        using var read = new MemoryStream();
        await blob.Content.CopyToAsync(read);
        Assert.True(blob.Offset is 0 or 100);
        Assert.Equal(Content.Layer[(int)blob.Offset..], read.ToArray());
        Assert.Equal(Content.Layer.Length, blob.TotalLength);
    }

    [RegistryFact]
    public async Task The_signature_is_found_among_the_referrers_and_filtered_by_type()
    {
        Digest subject = Digest.Parse(Sha256(Content.Manifest));
        var all = new List<Descriptor>();
        await foreach (Descriptor d in Registry.ListReferrersAsync(Repository, subject)) all.Add(d);
        Descriptor signature = Assert.Single(all);
        Assert.Equal(Sha256(Content.Referrer), signature.Digest);
        Assert.Equal(SignatureType, signature.ArtifactType);

        var other = new List<Descriptor>();
        await foreach (Descriptor d in Registry.ListReferrersAsync(Repository, subject, "application/vnd.example.other")) other.Add(d);
        Assert.Empty(other);
    }

    [RegistryFact]
    public async Task An_unknown_repository_tag_or_blob_is_not_found()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => Registry.GetManifestAsync("contract/nothing", ManifestReference.Parse("1.0.0")));
        await Assert.ThrowsAsync<NotFoundException>(async () =>
        {
            await foreach (IReadOnlyList<string> _ in Registry.ListTagsAsync("contract/nothing")) { }
        });
        await Assert.ThrowsAsync<NotFoundException>(() => Registry.GetManifestAsync(Repository, ManifestReference.Parse("9.9.9")));
        await Assert.ThrowsAsync<NotFoundException>(() => Registry.ResolveAsync(Repository, ManifestReference.Parse("9.9.9")));
        string missing = "sha256:" + new string('0', 64);
        await Assert.ThrowsAsync<NotFoundException>(() => Registry.GetManifestAsync(Repository, ManifestReference.Parse(missing)));
        await Assert.ThrowsAsync<NotFoundException>(() => Registry.GetBlobAsync(Repository, new Descriptor { MediaType = "x/y", Digest = missing, Size = 2 }, 100));
        await Assert.ThrowsAsync<NotFoundException>(() => Registry.OpenBlobAsync(Repository, Digest.Parse(missing), 0));
    }

    [RegistryFact]
    public async Task A_name_outside_the_grammar_is_refused_before_any_lookup()
    {
        await Assert.ThrowsAsync<InvalidReferenceException>(() => Registry.GetManifestAsync("Not/Valid", ManifestReference.Parse("1.0.0")));
        await Assert.ThrowsAsync<InvalidReferenceException>(async () =>
        {
            await foreach (IReadOnlyList<string> _ in Registry.ListTagsAsync("../escape")) { }
        });
    }

    [RegistryFact]
    public async Task Every_method_honours_a_cancelled_token()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        CancellationToken token = cancelled.Token;
        Digest layer = Digest.Parse(Sha256(Content.Layer));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Registry.PingAsync(token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Registry.GetManifestAsync(Repository, ManifestReference.Parse("1.0.0"), token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Registry.ResolveAsync(Repository, ManifestReference.Parse("1.0.0"), token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Registry.GetBlobAsync(Repository, ConfigDescriptor(), 1024 * 1024, token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Registry.OpenBlobAsync(Repository, layer, 0, token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (IReadOnlyList<string> _ in Registry.ListTagsAsync(Repository, token)) { }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (IReadOnlyList<string> _ in Registry.ListRepositoriesAsync(token)) { }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (Descriptor _ in Registry.ListReferrersAsync(Repository, Digest.Parse(Sha256(Content.Manifest)), null, token)) { }
        });
    }
}
