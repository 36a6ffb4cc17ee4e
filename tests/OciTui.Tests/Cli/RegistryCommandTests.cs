using System.Security.Cryptography;
using System.Text.Json;
using OciTui.Registry.Models;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Tests.Cli;

/// <summary>The commands against the real docker-registry: exit codes, output and JSON as scripts rely on them.</summary>
public sealed class RegistryCommandTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>, IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-cli-").FullName;
    private PushedChart _latest = null!;

    public async Task InitializeAsync()
    {
        if (!registry.Started) return;
        foreach (string version in new[] { "0.9.0", "1.0.0", "1.1.0-rc.1", "1.10.0", "1.2.0" })
            _latest = await registry.Seeder.PushChartAsync("cli/charts/podinfo", new ChartArchiveBuilder("podinfo", version) { AppVersion = $"app-{version}" });
        await registry.Seeder.PushChartAsync("cli/charts/podinfo", new ChartArchiveBuilder("podinfo", "9.9.9"), tag: "latest");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private Task<CliRun> Run(params string[] args) => CliRun.RunAsync(args, _directory);

    [RegistryFact]
    public async Task Tags_prints_semver_tags_newest_first_and_hides_the_rest()
    {
        CliRun run = await Run("tags", $"oci://{registry.Host}/cli/charts/podinfo", "--plain-http");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("1.10.0\n1.2.0\n1.1.0-rc.1\n1.0.0\n0.9.0\n", run.Out);
        Assert.Contains("--all", run.Error, StringComparison.Ordinal);

        CliRun json = await Run("tags", $"{registry.Host}/cli/charts/podinfo", "--plain-http", "--json", "--all");
        using JsonDocument document = JsonDocument.Parse(json.Out);
        Assert.Equal($"{registry.Host}/cli/charts/podinfo", document.RootElement.GetProperty("repository").GetString());
        Assert.Equal("latest", document.RootElement.GetProperty("tags").EnumerateArray().Last().GetString());
    }

    [RegistryFact]
    public async Task Show_json_describes_the_chart()
    {
        CliRun run = await Run("show", $"{registry.Host}/cli/charts/podinfo:1.2.0", "--plain-http", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal(_latest.ManifestDigest, json.RootElement.GetProperty("digest").GetString());
        Assert.Equal("app-1.2.0", json.RootElement.GetProperty("chart").GetProperty("appVersion").GetString());
        Assert.Equal(MediaTypes.HelmChart, json.RootElement.GetProperty("layers")[0].GetProperty("mediaType").GetString());
    }

    [RegistryFact]
    public async Task Pull_without_a_version_takes_the_newest_stable_one_and_verifies_it()
    {
        CliRun run = await Run("pull", $"{registry.Host}/cli/charts/podinfo", "--plain-http", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        string path = json.RootElement.GetProperty("path").GetString()!;
        Assert.Equal(Path.Combine(_directory, "podinfo-1.10.0.tgz"), path);
        string digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path)));
        Assert.Equal(digest, json.RootElement.GetProperty("digest").GetString());
    }

    [RegistryFact]
    public async Task Repos_lists_the_catalog()
    {
        CliRun run = await Run("repos", registry.Host, "--plain-http", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal("catalog", json.RootElement.GetProperty("source").GetString());
        Assert.Contains("cli/charts/podinfo", json.RootElement.GetProperty("repositories").EnumerateArray().Select(r => r.GetString()));
    }

    [RegistryFact]
    public async Task A_registry_that_is_down_exits_1_naming_it()
    {
        CliRun run = await Run("tags", "127.0.0.1:1/x/y", "--plain-http");
        Assert.Equal(1, run.ExitCode);
        run.AssertOneCleanErrorLine();
        Assert.Contains("127.0.0.1:1", run.Error, StringComparison.Ordinal);
    }
}

/// <summary>The commands against the real docker-registry with htpasswd: credentials from stdin, a profile's passwordEnv.</summary>
public sealed class RegistryAuthCommandTests(HtpasswdRegistryFixture registry) : IClassFixture<HtpasswdRegistryFixture>
{
    [RegistryFact]
    public async Task Password_stdin_authenticates_and_a_wrong_one_exits_1_without_echoing_it()
    {
        await registry.Seeder.PushChartAsync("auth/cli/chart", new ChartArchiveBuilder("chart", "1.0.0"));
        CliRun ok = await CliRun.RunAsync(["tags", $"{registry.Host}/auth/cli/chart", "--plain-http", "-u", DockerRegistryFixture.Username, "--password-stdin"],
            stdin: DockerRegistryFixture.Password + "\n");
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal("1.0.0\n", ok.Out);

        CliRun bad = await CliRun.RunAsync(["tags", $"{registry.Host}/auth/cli/chart", "--plain-http", "-u", DockerRegistryFixture.Username, "--password-stdin", "--verbose"],
            stdin: "not-the-password-42\n");
        Assert.Equal(1, bad.ExitCode);
        Assert.DoesNotContain("not-the-password-42", bad.Error + bad.Out, StringComparison.Ordinal);
        Assert.Contains("401", bad.Error, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task Without_credentials_it_exits_1_saying_none_were_found_and_how_to_give_some()
    {
        CliRun run = await CliRun.RunAsync(["tags", $"{registry.Host}/auth/none/chart", "--plain-http"]);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"ocitui: http://{registry.Host} requires credentials for repository 'auth/none/chart', and none were found for {registry.Host}.\n" +
            $"hint: Give the profile a username and passwordEnv, or log in with helm registry login {registry.Host} or docker login {registry.Host}.\n",
            run.Error);
    }

    [RegistryFact]
    public async Task A_profile_takes_its_password_from_the_environment()
    {
        await registry.Seeder.PushChartAsync("auth/env/chart", new ChartArchiveBuilder("chart", "2.0.0"));
        string directory = Directory.CreateTempSubdirectory("ocitui-authprofile-").FullName;
        try
        {
            string profiles = Path.Combine(directory, "profiles.json");
            await File.WriteAllTextAsync(profiles, JsonSerializer.Serialize(new
            {
                profiles = new Dictionary<string, object>
                {
                    ["lab"] = new { registry = registry.Host, plainHttp = true, username = DockerRegistryFixture.Username, passwordEnv = "LAB_PASSWORD" },
                },
            }));
            CliRun run = await CliRun.RunAsync(["show", "lab/auth/env/chart:2.0.0", "--profiles", profiles, "--json"],
                environment: new Dictionary<string, string> { ["LAB_PASSWORD"] = DockerRegistryFixture.Password });
            Assert.Equal(0, run.ExitCode);
            using JsonDocument json = JsonDocument.Parse(run.Out);
            Assert.Equal("lab/auth/env/chart:2.0.0", json.RootElement.GetProperty("reference").GetString());

            CliRun unset = await CliRun.RunAsync(["show", "lab/auth/env/chart:2.0.0", "--profiles", profiles]);
            Assert.Equal(2, unset.ExitCode);
            Assert.Contains("LAB_PASSWORD", unset.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

/// <summary>The commands against a registry that lies: pull exits 1 and leaves nothing under the final name.</summary>
public sealed class HostileRegistryCommandTests
{
    [Fact]
    public async Task Pull_of_a_blob_with_the_wrong_digest_exits_1_and_leaves_no_file()
    {
        var chart = new ChartArchiveBuilder("chart", "1.0.0");
        byte[] config = chart.ConfigJson();
        byte[] layer = chart.Build();
        byte[] manifest = ChartManifestFor(config, layer);
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            string path = context.Request.Path.Value!;
            if (path.Contains("/manifests/", StringComparison.Ordinal)) await WriteBytesAsync(context, manifest, MediaTypes.OciManifest);
            else if (path.EndsWith(Sha256(config), StringComparison.Ordinal)) await WriteBytesAsync(context, config, "application/octet-stream");
            else await WriteBytesAsync(context, [.. layer[..^1], (byte)(layer[^1] ^ 1)], "application/octet-stream");
        });
        string directory = Directory.CreateTempSubdirectory("ocitui-hostile-").FullName;
        try
        {
            CliRun run = await CliRun.RunAsync(["pull", $"{fake.Server.HostAndPort}/charts/chart:1.0.0", "--plain-http"], directory);
            Assert.Equal(1, run.ExitCode);
            run.AssertOneCleanErrorLine();
            Assert.Contains("does not match", run.Error, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFileSystemEntries(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Escape_sequences_in_registry_strings_never_reach_the_terminal()
    {
        string evil = "1.0.0\u001b]0;pwned\u0007\r\u202e";
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            if (context.Request.Path.Value!.EndsWith("/tags/list", StringComparison.Ordinal))
                await WriteAsync(context, 200, JsonSerializer.Serialize(new { tags = new[] { "1.0.0", evil } }));
            else
                await WriteAsync(context, 404, JsonSerializer.Serialize(new { errors = new[] { new { code = "MANIFEST_UNKNOWN", message = "gone \u001b[2J\u001b]52;c;ZXZpbA==\u0007" } } }));
        });
        CliRun tags = await CliRun.RunAsync(["tags", $"{fake.Server.HostAndPort}/charts/chart", "--plain-http", "--all"]);
        Assert.Equal(0, tags.ExitCode);
        CliRun show = await CliRun.RunAsync(["show", $"{fake.Server.HostAndPort}/charts/chart:1.0.0", "--plain-http"]);
        Assert.Equal(1, show.ExitCode);
        foreach (string text in new[] { tags.Out, tags.Error, show.Out, show.Error })
        {
            Assert.DoesNotContain('\u001b', text);
            Assert.DoesNotContain('\u0007', text);
            Assert.DoesNotContain('\r', text);
        }
        Assert.Contains("\\e[2J", show.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_catalog_falls_back_to_the_pinned_repositories()
    {
        await using FakeRegistry fake = await StartAsync(context => context.Request.Path == "/v2/"
            ? WriteAsync(context, 200, "{}")
            : WriteAsync(context, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}"));
        string directory = Directory.CreateTempSubdirectory("ocitui-pinned-").FullName;
        try
        {
            string profiles = Path.Combine(directory, "profiles.json");
            await File.WriteAllTextAsync(profiles, JsonSerializer.Serialize(new
            {
                profiles = new Dictionary<string, object>
                {
                    ["hub"] = new { registry = fake.Server.HostAndPort, plainHttp = true, repositories = new[] { "team/charts/api", "team/charts/web" } },
                },
            }));
            CliRun run = await CliRun.RunAsync(["repos", "hub", "--profiles", profiles, "--json"]);
            Assert.Equal(0, run.ExitCode);
            using JsonDocument json = JsonDocument.Parse(run.Out);
            Assert.Equal("pinned", json.RootElement.GetProperty("source").GetString());
            Assert.Equal(["team/charts/api", "team/charts/web"], json.RootElement.GetProperty("repositories").EnumerateArray().Select(r => r.GetString()));
            Assert.Contains("pinned", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
