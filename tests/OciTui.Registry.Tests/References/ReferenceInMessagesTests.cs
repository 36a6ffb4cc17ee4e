using System.Text;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Inspection;
using OciTui.Registry.Layout;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Transfers;
using OciTui.Registry.Wire;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.References;

/// <summary>
/// A repository and its manifest reference read in a message as a person would type them: <c>repo:tag</c>, and
/// <c>repo@sha256:…</c> for a digest (never <c>repo:sha256:…</c>, which is no reference at all).
/// </summary>
public sealed class ReferenceInMessagesTests : IDisposable
{
    private static readonly string Missing = "sha256:" + new string('a', 64);
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-reference-messages-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("charts/web", "1.0.0", "charts/web:1.0.0")]
    [InlineData("charts/web", "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "charts/web@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void A_tag_follows_a_colon_and_a_digest_an_at_sign(string repository, string reference, string expected) =>
        Assert.Equal(expected, Reference.Join(repository, ManifestReference.Parse(reference)));

    [Fact]
    public async Task A_registry_names_a_missing_manifest_by_digest_with_an_at_sign()
    {
        await using FakeRegistry fake = await StartAsync(context => WriteAsync(context, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\"}]}"));
        using RemoteRegistry client = fake.Client();
        NotFoundException get = await Assert.ThrowsAsync<NotFoundException>(() => client.GetManifestAsync("charts/web", ManifestReference.Parse(Missing)));
        Assert.Equal($"Manifest 'charts/web@{Missing}' not found on http://{fake.Server.HostAndPort} (MANIFEST_UNKNOWN).", get.Message);
        NotFoundException head = await Assert.ThrowsAsync<NotFoundException>(() => client.ResolveAsync("charts/web", ManifestReference.Parse(Missing)));
        Assert.Equal($"Manifest 'charts/web@{Missing}' not found on http://{fake.Server.HostAndPort}.", head.Message);
        NotFoundException tag = await Assert.ThrowsAsync<NotFoundException>(() => client.GetManifestAsync("charts/web", ManifestReference.Parse("1.0.0")));
        Assert.Equal($"Manifest 'charts/web:1.0.0' not found on http://{fake.Server.HostAndPort} (MANIFEST_UNKNOWN).", tag.Message);
    }

    [Fact]
    public async Task A_layout_names_a_missing_manifest_by_digest_with_an_at_sign()
    {
        var layout = new OciLayoutWriter(Path.Combine(_directory, "charts", "web"));
        layout.AddChart(new ChartArchiveBuilder("web", "1.0.0"));
        layout.Save();
        using var registry = new LayoutRegistry(_directory);
        NotFoundException error = await Assert.ThrowsAsync<NotFoundException>(() => registry.GetManifestAsync("charts/web", ManifestReference.Parse(Missing)));
        Assert.Equal($"Manifest 'charts/web@{Missing}' not found in layout {_directory}.", error.Message);
    }

    [Fact]
    public void A_pull_of_an_index_by_digest_names_it_with_an_at_sign()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}");
        Digest digest = Digest.ComputeSha256(bytes);
        FetchedManifest index = ManifestParser.Parse(bytes, MediaTypes.OciIndex, digest);
        var details = new ArtifactDetails("charts/web", ManifestReference.ForDigest(digest), index, null, null, null);
        RegistryException error = Assert.Throws<RegistryException>(() => ChartPuller.ChartLayerOf(details));
        Assert.Equal($"'charts/web@{digest}' is an image index, not a Helm chart.", error.Message);
    }
}
