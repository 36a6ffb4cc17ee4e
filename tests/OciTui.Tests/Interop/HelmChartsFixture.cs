using System.Security.Cryptography;

namespace OciTui.Tests.Interop;

/// <summary>
/// One real registry with Basic auth and charts that helm itself made and pushed, shared by the tests that compare
/// ocitui with helm (about 25 helm runs in all). <c>helm/podinfo</c> holds versions chosen to tell the range rules
/// apart, a tie of <c>2.9.8</c> and <c>v2.9.8</c> (different charts, so the pick shows) and a tie of builds
/// <c>1.5.0+a</c> and <c>1.5.0+b</c>; <c>helm/bare</c> is a chart without values.yaml or README.
/// </summary>
public sealed class HelmChartsFixture : IAsyncLifetime
{
    /// <summary>The versions pushed with <c>helm push</c>; each tag is its chart's version with '+' as '_'.</summary>
    private static readonly string[] Versions = ["0.9.0", "1.0.0", "1.0.8", "1.0.10", "1.1.0-rc.1", "1.1.0", "1.5.0+a", "1.5.0+b", "3.0.0-rc.1"];

    private readonly Dictionary<string, string> _sha256ByTag = new(StringComparer.Ordinal);
    private string _work = "";
    private int _packages;

    public HtpasswdRegistryFixture Registry { get; } = new();

    public string Podinfo => $"oci://{Registry.Host}/helm/podinfo";
    public string Bare => $"oci://{Registry.Host}/helm/bare";

    /// <summary>Which tag holds a chart archive, by the archive's sha256 (hex).</summary>
    public string TagOf(string sha256) => _sha256ByTag.FirstOrDefault(p => p.Value == sha256).Key ?? $"(no tag holds {sha256})";

    public async Task InitializeAsync()
    {
        await Registry.InitializeAsync();
        if (!Registry.Started || HelmClient.SkipReason is not null) return;
        _work = Directory.CreateTempSubdirectory("ocitui-helm-charts-").FullName;
        using HelmClient helm = await HelmClient.CreateAsync();
        await helm.LoginAsync(Registry);
        (await helm.RunAsync(["create", "podinfo"], _work)).EnsureSuccess();
        foreach (string version in Versions) await PushAsync(helm, "podinfo", version, $"app-{version}");

        // The tie: v2.9.8 holds one chart, then 2.9.8 is pushed again with another, so which tag was taken shows.
        await PushAsync(helm, "podinfo", "2.9.8", "app-v2.9.8");
        await Registry.Seeder.RetagAsync("helm/podinfo", "2.9.8", "v2.9.8");
        _sha256ByTag["v2.9.8"] = _sha256ByTag["2.9.8"];
        await PushAsync(helm, "podinfo", "2.9.8", "app-2.9.8");

        (await helm.RunAsync(["create", "bare"], _work)).EnsureSuccess();
        File.Delete(Path.Combine(_work, "bare", "values.yaml"));
        Assert.False(File.Exists(Path.Combine(_work, "bare", "README.md")));
        await PushAsync(helm, "bare", "1.0.0", "1.0.0");
    }

    private async Task PushAsync(HelmClient helm, string chart, string version, string appVersion)
    {
        string output = Directory.CreateDirectory(Path.Combine(_work, $"package-{++_packages}")).FullName;
        (await helm.RunAsync(["package", chart, "--version", version, "--app-version", appVersion, "-d", output], _work)).EnsureSuccess();
        string archive = Directory.GetFiles(output).Single();
        (await helm.RunAsync(["push", archive, $"oci://{Registry.Host}/helm", "--plain-http"], _work)).EnsureSuccess();
        if (chart == "podinfo") _sha256ByTag[version.Replace('+', '_')] = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(archive)));
    }

    public async Task DisposeAsync()
    {
        await Registry.DisposeAsync();
        if (_work.Length > 0 && Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class HelmChartsCollection : ICollectionFixture<HelmChartsFixture>
{
    public const string Name = "charts pushed by helm";
}
