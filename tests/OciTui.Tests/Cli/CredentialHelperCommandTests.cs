using System.Text.Json;

namespace OciTui.Tests.Cli;

/// <summary>
/// Credentials from a real <c>docker-credential-*</c> executable the test writes and puts on PATH for the ocitui
/// process, chosen by <c>credHelpers</c> and by <c>credsStore</c>, against the real docker-registry with htpasswd.
/// </summary>
public sealed class CredentialHelperCommandTests(HtpasswdRegistryFixture registry) : IClassFixture<HtpasswdRegistryFixture>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ocitui-helper-cli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

    /// <summary>A helper speaking the get protocol: it logs its argument and the server URL, and knows only the test registry.</summary>
    private string WriteHelper(string name, string username, string secret)
    {
        string bin = Folder("bin");
        string path = Path.Combine(bin, $"docker-credential-{name}");
        File.WriteAllText(path,
            "#!/bin/sh\n" +
            "read url\n" +
            $"echo \"$1 $url\" >> '{Path.Combine(_root, $"{name}.log")}'\n" +
            "case \"$url\" in\n" +
            $"  *{registry.Host}*) printf '{{\"ServerURL\":\"%s\",\"Username\":\"{username}\",\"Secret\":\"{secret}\"}}' \"$url\" ;;\n" +
            "  *) echo 'credentials not found in native keychain'; exit 1 ;;\n" +
            "esac\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return bin;
    }

    private Dictionary<string, string> Environment(string bin, object dockerConfig)
    {
        string docker = Folder("docker");
        File.WriteAllText(Path.Combine(docker, "config.json"), JsonSerializer.Serialize(dockerConfig));
        return new Dictionary<string, string>
        {
            ["PATH"] = $"{bin}:{System.Environment.GetEnvironmentVariable("PATH")}",
            ["DOCKER_CONFIG"] = docker,
        };
    }

    private Task<CliRun> TagsAsync(string repository, Dictionary<string, string> environment) =>
        OcituiProcess.RunAsync(["tags", $"{registry.Host}/{repository}", "--plain-http"], Folder("work"), Folder("home"), environment);

    [RegistryFact]
    public async Task Cred_helpers_names_the_helper_for_the_registry_host()
    {
        await registry.Seeder.PushChartAsync("helper/cred/chart", new ChartArchiveBuilder("chart", "1.0.0"));
        string bin = WriteHelper("ocitui-test", DockerRegistryFixture.Username, DockerRegistryFixture.Password);
        CliRun run = await TagsAsync("helper/cred/chart", Environment(bin, new { credHelpers = new Dictionary<string, string> { [registry.Host] = "ocitui-test" } }));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("1.0.0\n", run.Out);
        Assert.Equal($"get {registry.Host}\n", File.ReadAllText(Path.Combine(_root, "ocitui-test.log")));
        Assert.DoesNotContain(DockerRegistryFixture.Password, run.Out + run.Error, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task Creds_store_is_asked_when_no_helper_is_named_for_the_host()
    {
        await registry.Seeder.PushChartAsync("helper/store/chart", new ChartArchiveBuilder("chart", "2.0.0"));
        string bin = WriteHelper("teststore", DockerRegistryFixture.Username, DockerRegistryFixture.Password);
        CliRun run = await TagsAsync("helper/store/chart", Environment(bin, new
        {
            credsStore = "teststore",
            credHelpers = new Dictionary<string, string> { ["other.example.com"] = "missing-helper" },
        }));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("2.0.0\n", run.Out);
        Assert.Equal($"get {registry.Host}\n", File.ReadAllText(Path.Combine(_root, "teststore.log")));
    }

    [RegistryFact]
    public async Task A_helper_with_the_wrong_secret_fails_cleanly_without_showing_it()
    {
        string bin = WriteHelper("wrong", DockerRegistryFixture.Username, "helper-secret-that-is-wrong");
        CliRun run = await TagsAsync("helper/wrong/chart", Environment(bin, new { credsStore = "wrong" }));
        Assert.Equal(1, run.ExitCode);
        run.AssertOneCleanErrorLine();
        Assert.StartsWith($"ocitui: http://{registry.Host} refused the credentials for repository 'helper/wrong/chart' (401 Unauthorized)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("helper-secret-that-is-wrong", run.Out + run.Error, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task A_helper_that_is_not_on_path_is_named_in_the_error()
    {
        CliRun run = await TagsAsync("helper/none/chart", Environment(Folder("empty-bin"), new { credsStore = "not-installed" }));
        Assert.Equal(2, run.ExitCode);
        run.AssertOneCleanErrorLine();
        Assert.Equal($"ocitui: {Path.Combine(_root, "docker", "config.json")} (credsStore: not-installed): the credential helper docker-credential-not-installed is not on PATH.\n", run.Error);
    }
}
