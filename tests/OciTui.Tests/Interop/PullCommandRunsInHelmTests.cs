using System.Security.Cryptography;
using OciTui.Registry;
using OciTui.Registry.Models;
using OciTui.Registry.Profiles;
using OciTui.Registry.References;
using OciTui.Tui;

namespace OciTui.Tests.Interop;

/// <summary>The helm command y shows is run as it is by the real helm, and pulls the chart whose digest it names (issue 11 #2, #12).</summary>
[Collection(HelmChartsCollection.Name)]
public sealed class PullCommandRunsInHelmTests(HelmChartsFixture charts) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-helm-y-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// Defect: for an http:// profile without the plain-HTTP box ticked, y gave a command without --plain-http, which
    /// helm refused ("server gave HTTP response to HTTPS client").
    /// </summary>
    [HelmTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_command_y_shows_pulls_the_chart_in_helm(bool addressSaysHttp)
    {
        using HelmClient helm = await HelmClient.CreateAsync();
        await helm.LoginAsync(charts.Registry);
        var profile = addressSaysHttp
            ? new Profile { Name = "lab", Registry = $"http://{charts.Registry.Host}" }
            : new Profile { Name = "lab", Registry = charts.Registry.Host, PlainHttp = true };

        string command = PullCommandText.For(profile, "helm/podinfo", "2.9.8", digest: null);
        string[] words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("helm", words[0]);
        (await helm.RunAsync([.. words[1..], "-d", _directory])).EnsureSuccess();

        string pulled = Assert.Single(Directory.GetFiles(_directory));
        Assert.Equal("2.9.8", charts.TagOf(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(pulled)))));
    }

    /// <summary>
    /// Defect: for a tag that is not a version ("latest"), y gave <c>--version latest</c>, which helm refuses
    /// ("improper constraint: latest"); the digest form is what helm takes.
    /// </summary>
    [HelmFact]
    public async Task For_a_tag_that_is_not_a_version_the_command_y_shows_pulls_by_digest_in_helm()
    {
        using HelmClient helm = await HelmClient.CreateAsync();
        await helm.LoginAsync(charts.Registry);
        var profile = new Profile
        {
            Name = "lab",
            Registry = charts.Registry.Host,
            PlainHttp = true,
            Username = HtpasswdRegistryFixture.Username,
            Password = HtpasswdRegistryFixture.Password,
        };
        using IRegistry registry = RegistryFactory.Open(profile);
        Descriptor manifest = await registry.ResolveAsync("helm/podinfo", ManifestReference.ForTag("2.9.8"));

        string command = PullCommandText.For(profile, "helm/podinfo", "latest", manifest.Digest).Split('\n')[0];
        string[] words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        (await helm.RunAsync([.. words[1..], "-d", _directory])).EnsureSuccess();

        string pulled = Assert.Single(Directory.GetFiles(_directory));
        Assert.Equal("2.9.8", charts.TagOf(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(pulled)))));
    }
}
