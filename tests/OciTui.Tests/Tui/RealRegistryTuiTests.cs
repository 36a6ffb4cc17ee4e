using System.Security.Cryptography;
using OciTui.Registry.Profiles;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui;

/// <summary>The TUI headless at 80x24 on the real docker-registry: browse with the keyboard, download, pin.</summary>
public sealed class RealRegistryTuiTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>, IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-tui-registry-").FullName;
    private PushedChart _stable = null!;

    public async Task InitializeAsync()
    {
        if (!registry.Started) return;
        await registry.Seeder.PushChartAsync("tui/charts/other", new ChartArchiveBuilder("other", "0.1.0"));
        foreach ((string version, string app) in new[] { ("1.0.0", "6.0.0"), ("1.1.0-rc.1", "6.1.0-rc.1"), ("2.0.0", "6.5.1") })
        {
            PushedChart pushed = await registry.Seeder.PushChartAsync("tui/charts/podinfo", new ChartArchiveBuilder("podinfo", version) { AppVersion = app });
            if (version == "2.0.0") _stable = pushed;
        }
        await registry.Seeder.PushChartAsync("tui/charts/podinfo", new ChartArchiveBuilder("podinfo", "2.0.0") { AppVersion = "6.5.1" }, tag: "latest");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private string ProfilesFile()
    {
        string file = Path.Combine(_directory, "profiles.json");
        File.WriteAllText(file, $$"""{ "profiles": { "reg": { "registry": "{{registry.Host}}", "plainHttp": true } } }""");
        return file;
    }

    [RegistryFact]
    public async Task Profile_repository_tag_details_and_a_verified_download_with_the_keyboard_alone()
    {
        string file = ProfilesFile();
        using var tui = new TuiHarness(ProfileLoader.Load(file), file, workingDirectory: _directory);
        string tags = "";
        await tui
            .WaitFor("reg").Keys(Key.Enter).WaitFor("tui/charts/podinfo")
            .Keys(Key.J, Key.Enter).WaitFor("(4, 3 semver)")
            // The version table fills in from each tag's manifest and config.
            .WaitUntil(s => s.Contains(" 2.0.0", StringComparison.Ordinal) && s.Contains("6.5.1", StringComparison.Ordinal) && s.Contains("2026-02-01", StringComparison.Ordinal), "version table row")
            .WaitFor("App version   6.5.1")
            .Do(() => tags = tui.Screen, "capture")
            .Keys(Key.D).WaitFor("podinfo-2.0.0.tgz")
            .Keys(Key.Enter).WaitFor("verified sha256:")
            .Keys(Key.Esc).WaitFor("App version   6.5.1")
            .RunAsync();

        string[] rows = tags.Split('\n');
        int stable = Array.FindIndex(rows, r => r.Contains(" 2.0.0 ", StringComparison.Ordinal));
        int prerelease = Array.FindIndex(rows, r => r.Contains("~1.1.0-rc.1", StringComparison.Ordinal));
        int older = Array.FindIndex(rows, r => r.Contains(" 1.0.0 ", StringComparison.Ordinal));
        int other = Array.FindIndex(rows, r => r.Contains("?latest", StringComparison.Ordinal));
        Assert.True(stable >= 0 && stable < prerelease && prerelease < older && older < other, $"semver newest first, prerelease and other tags marked:\n{tags}");

        string saved = Path.Combine(_directory, "podinfo-2.0.0.tgz");
        Assert.Equal(_stable.LayerDigest, $"sha256:{Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(saved)))}");
        Assert.Empty(Directory.GetFiles(_directory, "*.partial", SearchOption.AllDirectories).Concat(Directory.GetFiles(_directory, ".*")));
    }

    [RegistryFact]
    public async Task Y_shows_the_helm_pull_command_and_the_immutable_reference_of_the_tag()
    {
        string file = ProfilesFile();
        using var tui = new TuiHarness(ProfileLoader.Load(file), file, workingDirectory: _directory, columns: 132, rows: 30);
        await tui
            .Keys(Key.Enter).WaitFor("tui/charts/podinfo")
            .Keys(Key.J, Key.Enter).WaitFor("App version   6.5.1")
            .Keys(Key.Y).WaitFor($"helm pull oci://{registry.Host}/tui/charts/podinfo --version 2.0.0 --plain-http")
            .WaitFor($"oci://{registry.Host}/tui/charts/podinfo@{_stable.ManifestDigest[..30]}")
            .Keys(Key.Enter).WaitFor("App version   6.5.1")
            .RunAsync();
    }

    [RegistryFact]
    public async Task Pinning_a_repository_saves_it_in_the_profile_file()
    {
        string file = ProfilesFile();
        using var tui = new TuiHarness(ProfileLoader.Load(file), file, workingDirectory: _directory);
        await tui
            .Keys(Key.Enter).WaitFor("tui/charts/podinfo")
            .Keys(Key.J, Key.P).WaitFor("* tui/charts/podinfo")
            .WaitFor("pinned tui/charts/podinfo to reg")
            .RunAsync();
        Assert.Equal(["tui/charts/podinfo"], ProfileLoader.Load(file).Find("reg")!.Repositories);
    }

    [RegistryFact]
    public async Task A_repository_typed_by_hand_opens_its_tags()
    {
        string file = ProfilesFile();
        using var tui = new TuiHarness(ProfileLoader.Load(file), file, workingDirectory: _directory);
        await tui
            .Keys(Key.Enter).WaitFor("tui/charts/other")
            .Keys(Key.A).WaitFor("Repository path")
            .Type("oci://" + registry.Host + "/tui/charts/podinfo").Keys(Key.Enter)
            .WaitFor("(4, 3 semver)")
            .RunAsync();
    }
}
