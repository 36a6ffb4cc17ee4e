using OciTui.Registry.Errors;
using OciTui.Registry.Inspection;
using OciTui.Registry.Layout;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Transfers;

namespace OciTui.Registry.Tests.Contract;

/// <summary>
/// The contract against <see cref="LayoutRegistry"/> over a layout the test writes, and what only a folder on disk can
/// do wrong: a folder, a link loop or a short file where a blob should be, index.json missing or malformed. Each is one
/// <see cref="OciTuiException"/> sentence, never .NET's exception.
/// </summary>
public sealed class LayoutRegistryContractTests : RegistryContractTests
{
    private readonly string _root = Directory.CreateTempSubdirectory("ocitui-contract-layout-").FullName;

    protected override string Repository => "contract/charts/hello";

    private string LayoutPath => Path.Combine(_root, "contract", "charts", "hello");

    private string BlobPath(byte[] content) => Path.Combine(LayoutPath, "blobs", "sha256", Sha256(content)["sha256:".Length..]);

    protected override Task<IRegistry> OpenAsync(ContractContent content)
    {
        var layout = new OciLayoutWriter(LayoutPath);
        layout.AddBlob(content.Config);
        layout.AddBlob(content.Layer);
        layout.AddBlob(EmptyJson);
        layout.AddBlob(content.Manifest);
        layout.Tag("1.0.0", content.Manifest);
        // A layout lists its referrers in index.json; tagged as the remote registry's fallback tag, the tag lists agree.
        layout.AddBlob(content.Referrer);
        layout.Tag(content.ReferrerTag, content.Referrer);
        layout.Save();
        return Task.FromResult<IRegistry>(new LayoutRegistry(_root));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task A_folder_where_the_config_blob_should_be_is_one_sentence()
    {
        File.Delete(BlobPath(Content.Config));
        Directory.CreateDirectory(BlobPath(Content.Config));
        RegistryException error = await Assert.ThrowsAsync<RegistryException>(() => ArtifactInspector.InspectAsync(Registry, Repository, ManifestReference.Parse("1.0.0")));
        Assert.Equal($"Cannot read blob {Digest.Parse(Sha256(Content.Config)).Short} of '{Repository}' in {Registry.Address}: it is a folder, not a file.", error.Message);
    }

    [Fact]
    public async Task A_blob_that_cannot_be_opened_is_one_sentence()
    {
        // The tests run as root, which reads any file whatever its mode: a link to itself is what root cannot open (ELOOP).
        string layer = BlobPath(Content.Layer);
        File.Delete(layer);
        File.CreateSymbolicLink(layer, Path.GetFileName(layer));
        Digest digest = Digest.Parse(Sha256(Content.Layer));
        RegistryException open = await Assert.ThrowsAsync<RegistryException>(() => Registry.OpenBlobAsync(Repository, digest, 0));
        Assert.StartsWith($"Cannot read blob {digest.Short} of '{Repository}' in {Registry.Address}: ", open.Message);
        var descriptor = new Descriptor { MediaType = MediaTypes.HelmChart, Digest = digest.ToString(), Size = Content.Layer.Length };
        await Assert.ThrowsAsync<RegistryException>(() => Registry.GetBlobAsync(Repository, descriptor, 1024 * 1024));
    }

    [Fact]
    public async Task A_truncated_layer_is_refused_and_a_pull_keeps_nothing()
    {
        File.WriteAllBytes(BlobPath(Content.Layer), Content.Layer[..(Content.Layer.Length / 2)]);
        string destination = Directory.CreateTempSubdirectory("ocitui-contract-pull-").FullName;
        try
        {
            DigestMismatchException error = await Assert.ThrowsAsync<DigestMismatchException>(() =>
                ChartPuller.PullAsync(Registry, new PullRequest(Repository, ManifestReference.Parse("1.0.0"), destination)));
            Assert.Contains($"is {Content.Layer.Length / 2} bytes, not the {Content.Layer.Length} its descriptor says; nothing was kept", error.Message);
            Assert.Empty(Directory.GetFiles(destination));
        }
        finally
        {
            Directory.Delete(destination, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_index_is_a_repository_not_found()
    {
        File.Delete(Path.Combine(LayoutPath, "index.json"));
        NotFoundException error = await Assert.ThrowsAsync<NotFoundException>(() => Registry.GetManifestAsync(Repository, ManifestReference.Parse("1.0.0")));
        Assert.Equal($"Repository '{Repository}' not found in {Registry.Address}.", error.Message);
    }

    [Fact]
    public async Task A_malformed_index_is_a_protocol_error_naming_the_line()
    {
        File.WriteAllText(Path.Combine(LayoutPath, "index.json"), "{\"schemaVersion\":2,\n\"manifests\": [ nope ]}");
        RegistryProtocolException error = await Assert.ThrowsAsync<RegistryProtocolException>(async () =>
        {
            await foreach (IReadOnlyList<string> _ in Registry.ListTagsAsync(Repository)) { }
        });
        Assert.Equal($"{Path.Combine(LayoutPath, "index.json")} is not a valid OCI index (line 2).", error.Message);
    }
}
