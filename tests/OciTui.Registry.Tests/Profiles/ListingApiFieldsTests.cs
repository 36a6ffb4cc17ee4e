using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Profiles;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Tests.Profiles;

/// <summary>The profile fields that choose a listing API: <c>api</c> (harbor, distribution) and Docker Hub's <c>namespace</c>.</summary>
public sealed class ListingApiFieldsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-profiles-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string json)
    {
        string file = Path.Combine(_directory, "profiles.json");
        File.WriteAllText(file, json);
        return file;
    }

    [Fact]
    public void Api_and_namespace_are_read_and_reach_the_connection()
    {
        ProfileSet set = ProfileLoader.Load(Write("""
        { "profiles": {
            "harbor": { "registry": "harbor.example.com", "api": "harbor" },
            "plain": { "registry": "r.example.com", "api": "distribution" },
            "hub": { "registry": "docker.io", "namespace": "bitnamicharts" }
        } }
        """));

        Assert.Equal("harbor", set.Find("harbor")!.Api);
        Assert.Equal("bitnamicharts", set.Find("hub")!.Namespace);
        using var harbor = (RemoteRegistry)RegistryFactory.Open(set.Find("harbor")!);
        using var plain = (RemoteRegistry)RegistryFactory.Open(set.Find("plain")!);
        using var hub = (RemoteRegistry)RegistryFactory.Open(set.Find("hub")!);
        Assert.Equal(ListingApi.Harbor, harbor.Options.ListingApi);
        Assert.Equal(ListingApi.Distribution, plain.Options.ListingApi);
        Assert.Equal(("bitnamicharts", "https://hub.docker.com/"), (hub.Options.HubNamespace, hub.Options.HubApiAddress.AbsoluteUri));
    }

    [Theory]
    [InlineData("""{ "registry": "r.example.com", "api": "quay" }""", "api", "must be \"harbor\" or \"distribution\"")]
    [InlineData("""{ "registry": "r.example.com", "namespace": "acme" }""", "namespace", "for Docker Hub profiles")]
    [InlineData("""{ "registry": "docker.io", "namespace": "Acme/x" }""", "namespace", "not a Docker Hub namespace")]
    public void A_wrong_api_or_namespace_is_refused_naming_the_field(string profile, string field, string problem)
    {
        string file = Write($$"""{ "profiles": { "p": {{profile}} } }""");

        var error = Assert.Throws<ProfileException>(() => ProfileLoader.Load(file));

        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Saving_a_profile_keeps_its_api_and_namespace()
    {
        string file = Path.Combine(_directory, "profiles.json");

        ProfileFile.Save(file, new ProfileDraft { Name = "hub", Registry = "docker.io", Namespace = "acme" });
        ProfileFile.Save(file, new ProfileDraft { Name = "harbor", Registry = "harbor.example.com", Api = "harbor" });

        Assert.Equal("acme", ProfileFile.ReadDraft(file, "hub")!.Namespace);
        Assert.Equal("harbor", ProfileLoader.Load(file).Find("harbor")!.Api);
    }
}
