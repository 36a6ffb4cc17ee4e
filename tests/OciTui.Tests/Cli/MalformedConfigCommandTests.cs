using System.Text;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Tests.Cli;

/// <summary>
/// A broken profiles.json, Docker config.json or Helm registry config stops a command with exit 2 and one line that
/// names the file and never shows a secret; the registry is not asked for anything it should not be.
/// </summary>
public sealed class MalformedConfigCommandTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-badconfig-").FullName;
    private FakeRegistry _registry = null!;

    /// <summary>A registry that asks for Basic credentials, so the credential files are read.</summary>
    public async Task InitializeAsync() => _registry = await StartAsync(async context =>
    {
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"fake\"";
        await WriteAsync(context, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
    });

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(_directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private Task<CliRun> TagsAsync(Dictionary<string, string> environment, params string[] extra) =>
        CliRun.RunAsync(["tags", $"{_registry.Server.HostAndPort}/charts/chart", "--plain-http", .. extra], _directory, environment: environment);

    [Theory]
    [InlineData("{\"auths\":{\"HOST\":{\"auth\":\"B64\"}}}", "the \"auth\" of 'HOST' is not of the form user:password.")]
    [InlineData("{\"auths\":{\"HOST\":{\"auth\":\"%%%not-base64-hunter2\"}}}", "the \"auth\" of 'HOST' is not valid base64.")]
    [InlineData("{\"auths\":{\"HOST\":{\"auth\":42}}}", "\"auths.HOST\" entry 'auth' has the wrong type.")]
    [InlineData("{\"auths\":[\"hunter2\"]}", "\"auths\" has the wrong type.")]
    [InlineData("{\"credHelpers\":{\"HOST\":[\"x\"]}}", "\"credHelpers\" entry 'HOST' has the wrong type.")]
    [InlineData("{\"auths\":{\"HOST\":{\"auth\":\"hunter2\"", "is not valid JSON (line 1).")]
    public async Task A_broken_docker_config_is_named_without_the_secret(string json, string problem)
    {
        string host = _registry.Server.HostAndPort;
        string file = Write("docker/config.json", json.Replace("HOST", host, StringComparison.Ordinal).Replace("B64", Base64("hunter2-no-colon"), StringComparison.Ordinal));
        CliRun run = await TagsAsync(new() { ["DOCKER_CONFIG"] = Path.GetDirectoryName(file)! });
        Assert.Equal(2, run.ExitCode);
        run.AssertOneCleanErrorLine();
        Assert.Equal($"ocitui: {file}: {problem.Replace("HOST", host, StringComparison.Ordinal)}\n".Replace($"{file}: is not", $"{file} is not", StringComparison.Ordinal), run.Error);
        Assert.DoesNotContain("hunter2", run.Error + run.Out, StringComparison.Ordinal);
        Assert.All(_registry.Requests, r => Assert.Null(r.Header("Authorization")));
    }

    [Fact]
    public async Task A_broken_helm_registry_config_is_named_before_dockers_is_read()
    {
        string helm = Write("helm/registry/config.json", "{\"auths\":{\"" + _registry.Server.HostAndPort + "\":{\"username\":[\"hunter2\"]}}}");
        string docker = Write("docker/config.json", "{\"auths\":{\"" + _registry.Server.HostAndPort + "\":{\"auth\":\"" + Base64("user:pass") + "\"}}}");
        CliRun run = await TagsAsync(new() { ["HELM_REGISTRY_CONFIG"] = helm, ["DOCKER_CONFIG"] = Path.GetDirectoryName(docker)! });
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"ocitui: {helm}: \"auths.{_registry.Server.HostAndPort}\" entry 'username' has the wrong type.\n", run.Error);
    }

    [Fact]
    public async Task A_helper_printing_garbage_is_named_without_its_output()
    {
        string bin = Path.Combine(_directory, "bin");
        Directory.CreateDirectory(bin);
        string helper = Path.Combine(bin, "docker-credential-noisy");
        File.WriteAllText(helper, "#!/bin/sh\necho 'Secret: hunter2 (not JSON)'\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string docker = Write("docker/config.json", "{\"credsStore\":\"noisy\"}");
        CliRun run = await TagsAsync(new() { ["DOCKER_CONFIG"] = Path.GetDirectoryName(docker)!, ["PATH"] = $"{bin}:/usr/bin:/bin" });
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"ocitui: {docker} (credsStore: noisy): the credential helper docker-credential-noisy printed something that is not credentials JSON.\n", run.Error);
    }

    [Theory]
    [InlineData("{\"profiles\":{\"lab\":{\"registry\":\"r.io\",}", null, "not valid JSON (line 1).")]
    [InlineData("{\"profiles\":{\"lab\":{\"registry\":\"r.io\",\"plainHttp\":\"yes\"}}}", "plainHttp", "must be true or false.")]
    [InlineData("{\"profiles\":{\"lab\":{\"registry\":[\"r.io\"]}}}", "registry", "must be a string.")]
    [InlineData("{\"profiles\":{\"lab\":{\"registry\":\"r.io\",\"username\":\"u\",\"password\":\"hunter2\",\"passwordEnv\":\"PW\"}}}", "password", "give only one of password, passwordEnv and passwordFile.")]
    public async Task A_broken_profiles_file_is_named_with_the_profile_and_field(string json, string? field, string problem)
    {
        string file = Write("profiles.json", json);
        CliRun run = await CliRun.RunAsync(["repos", "lab", "--profiles", file], _directory);
        Assert.Equal(2, run.ExitCode);
        run.AssertOneCleanErrorLine();
        string where = field is null ? file : $"{file}: profile 'lab', field '{field}'";
        Assert.Equal($"ocitui: {where}: {problem}\n", run.Error);
        Assert.DoesNotContain("hunter2", run.Error, StringComparison.Ordinal);
        Assert.Empty(_registry.Requests);
    }
}
