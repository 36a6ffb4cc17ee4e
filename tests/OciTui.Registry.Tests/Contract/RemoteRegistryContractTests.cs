using OciTui.Registry.Http;
using OciTui.Registry.Models;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Tests.Contract;

/// <summary>The contract against <see cref="RemoteRegistry"/> over the real docker-registry (distribution 2.8), seeded over HTTP.</summary>
public sealed class RemoteRegistryContractTests(AnonymousRegistryFixture registry) : RegistryContractTests, IClassFixture<AnonymousRegistryFixture>
{
    protected override string Repository => "contract/charts/hello";

    protected override bool Available => registry.Started;

    protected override async Task<IRegistry> OpenAsync(ContractContent content)
    {
        RegistrySeeder seeder = registry.Seeder;
        await seeder.PushBlobAsync(Repository, content.Config);
        await seeder.PushBlobAsync(Repository, content.Layer);
        await seeder.PushBlobAsync(Repository, EmptyJson);
        await seeder.PushManifestAsync(Repository, "1.0.0", content.Manifest, MediaTypes.OciManifest);
        string referrer = await seeder.PushManifestAsync(Repository, Sha256(content.Referrer), content.Referrer, MediaTypes.OciManifest);
        // distribution 2.8 has no referrers API: the client falls back to the tag schema, an index under sha256-<hex>.
        byte[] index = System.Text.Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciIndex}\",\"manifests\":[{{\"mediaType\":\"{MediaTypes.OciManifest}\"," +
            $"\"digest\":\"{referrer}\",\"size\":{content.Referrer.Length},\"artifactType\":\"{SignatureType}\"}}]}}");
        await seeder.PushManifestAsync(Repository, content.ReferrerTag, index, MediaTypes.OciIndex);
        return new RemoteRegistry(new RegistryConnectionOptions { BaseAddress = registry.BaseAddress, CredentialHost = registry.Host });
    }
}
