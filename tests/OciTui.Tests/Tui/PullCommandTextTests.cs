using OciTui.Registry.Profiles;
using OciTui.Tui;

namespace OciTui.Tests.Tui;

/// <summary>What y shows: the helm pull command for the tag and the reference that cannot move.</summary>
public sealed class PullCommandTextTests
{
    private const string Digest = "sha256:6666666666666666666666666666666666666666666666666666666666666666";

    [Theory]
    [InlineData("ghcr.io", false, "helm pull oci://ghcr.io/org/charts/app --version 1.2.3")]
    [InlineData("docker.io", false, "helm pull oci://registry-1.docker.io/org/charts/app --version 1.2.3")]
    [InlineData("127.0.0.1:5000", true, "helm pull oci://127.0.0.1:5000/org/charts/app --version 1.2.3 --plain-http")]
    [InlineData("http://127.0.0.1:5081", false, "helm pull oci://127.0.0.1:5081/org/charts/app --version 1.2.3 --plain-http")]
    [InlineData("https://r.example.com/artifactory/api/oci/repo", false, "helm pull oci://r.example.com/artifactory/api/oci/repo/org/charts/app --version 1.2.3")]
    public void A_registry_tag_gives_helm_pull_and_the_digest_reference(string registry, bool plainHttp, string command)
    {
        var profile = new Profile { Name = "p", Registry = registry, PlainHttp = plainHttp };
        string[] lines = PullCommandText.For(profile, "org/charts/app", "1.2.3", Digest).Split('\n');
        Assert.Equal(command, lines[0]);
        Assert.Equal($"oci://{command["helm pull oci://".Length..command.IndexOf(" --version", StringComparison.Ordinal)]}@{Digest}", lines[1]);
    }

    [Fact]
    public void A_build_metadata_tag_becomes_helms_version_and_an_insecure_profile_says_so()
    {
        var profile = new Profile { Name = "p", Registry = "r.example.com", InsecureSkipTlsVerify = true };
        Assert.Equal("helm pull oci://r.example.com/app --version 1.0.0+build.5 --insecure-skip-tls-verify", PullCommandText.For(profile, "app", "1.0.0_build.5", null));
    }

    [Fact]
    public void A_layout_profile_gives_the_ocitui_command_since_helm_cannot_read_it()
    {
        var profile = new Profile { Name = "demo", Layout = "/srv/layouts" };
        Assert.StartsWith("ocitui pull demo/charts/app:1.0.0\n", PullCommandText.For(profile, "charts/app", "1.0.0", Digest), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tag_that_is_not_a_version_gives_helm_pull_by_digest_which_helm_accepts()
    {
        var profile = new Profile { Name = "p", Registry = "127.0.0.1:5000", PlainHttp = true };
        Assert.Equal(
            $"helm pull oci://127.0.0.1:5000/charts/app@{Digest} --plain-http",
            PullCommandText.For(profile, "charts/app", "latest", Digest).Split('\n')[0]);
    }

    [Fact]
    public void A_tag_that_is_not_a_version_without_its_digest_yet_gives_the_ocitui_command()
    {
        var profile = new Profile { Name = "p", Registry = "ghcr.io" };
        Assert.StartsWith("ocitui pull p/charts/app:latest\n", PullCommandText.For(profile, "charts/app", "latest", null), StringComparison.Ordinal);
    }
}
