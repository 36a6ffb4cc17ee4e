using OciTui.Registry.Credentials;
using OciTui.Registry.Errors;

namespace OciTui.Registry.Tests.Credentials;

/// <summary>
/// Real helper executables that misbehave: they hang (and fork), print garbage or secrets, fail, or flood their
/// output. Each gives one clear error naming the file and the helper, never what the helper printed, and no helper
/// process outlives the lookup.
/// </summary>
public sealed class CredentialHelperProcessTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-helper-proc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Bin => Directory.CreateDirectory(Path.Combine(_directory, "bin")).FullName;

    private void Helper(string name, string script)
    {
        string path = Path.Combine(Bin, $"docker-credential-{name}");
        File.WriteAllText(path, "#!/bin/sh\n" + script);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private DockerConfigFile Config(string json, TimeSpan? timeout = null)
    {
        string file = Path.Combine(_directory, "config.json");
        File.WriteAllText(file, json);
        var environment = new CredentialEnvironment(name => name == "PATH" ? $"{Bin}:/usr/bin:/bin" : null, _directory)
        {
            HelperTimeout = timeout ?? TimeSpan.FromSeconds(5),
        };
        return new DockerConfigFile(file, environment);
    }

    private static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    [Fact]
    public async Task A_hanging_helper_and_the_child_it_forked_are_killed_after_the_timeout()
    {
        string pids = Path.Combine(_directory, "pids");
        Helper("hang", $"echo $$ >> '{pids}'\nsleep 300 &\necho $! >> '{pids}'\nwait\n");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        DockerConfigFile config = Config("{\"credsStore\":\"hang\"}", TimeSpan.FromMilliseconds(700));
        CredentialException error = await Assert.ThrowsAsync<CredentialException>(() => config.GetAsync("r.io"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal($"{config.Path} (credsStore: hang): the credential helper docker-credential-hang did not answer within 1 s and was stopped.", error.Message);
        int[] started = File.ReadAllLines(pids).Select(int.Parse).ToArray();
        Assert.Equal(2, started.Length);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (started.Any(IsRunning) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.DoesNotContain(started, IsRunning);
    }

    [Fact]
    public async Task A_failing_helper_is_named_without_what_it_printed()
    {
        Helper("broken", "echo 'Secret=hunter2-stdout'\necho 'token hunter2-stderr' >&2\nexit 3\n");
        DockerConfigFile config = Config("{\"credHelpers\":{\"r.io\":\"broken\"}}");
        CredentialException error = await Assert.ThrowsAsync<CredentialException>(() => config.GetAsync("r.io"));
        Assert.Equal($"{config.Path} (credHelpers: broken): the credential helper docker-credential-broken failed (exit code 3).", error.Message);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("echo '{\"Username\":\"u\",\"Secret\":'")]
    [InlineData("echo '[\"hunter2\"]'")]
    [InlineData("printf '\\033]0;pwned\\007 hunter2'")]
    [InlineData("head -c 2000000 /dev/zero | tr '\\0' 'x'")]
    public async Task A_helper_printing_garbage_is_a_clear_error_without_its_output(string script)
    {
        Helper("garbage", script + "\n");
        DockerConfigFile config = Config("{\"credsStore\":\"garbage\"}");
        CredentialException error = await Assert.ThrowsAsync<CredentialException>(() => config.GetAsync("r.io"));
        Assert.Equal($"{config.Path} (credsStore: garbage): the credential helper docker-credential-garbage printed something that is not credentials JSON.", error.Message);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../bin/sh")]
    [InlineData("a b")]
    [InlineData("")]
    public async Task A_helper_name_that_could_escape_path_lookup_is_refused(string name)
    {
        DockerConfigFile config = Config($"{{\"credHelpers\":{{\"r.io\":\"{name}\"}}}}");
        CredentialException error = await Assert.ThrowsAsync<CredentialException>(() => config.GetAsync("r.io"));
        Assert.Equal($"{config.Path} (credHelpers: {name}): '{name}' is not a valid credential helper name.", error.Message);
    }

    [Fact]
    public async Task A_malformed_helm_registry_config_is_named_and_stops_the_lookup()
    {
        string helm = Path.Combine(_directory, "helm.json");
        await File.WriteAllTextAsync(helm, "{\"auths\":{\"r.io\":{\"auth\":\"" + Convert.ToBase64String("helm-user-no-colon"u8) + "\"}}}");
        var environment = new CredentialEnvironment(name => name == "HELM_REGISTRY_CONFIG" ? helm : null, _directory);
        CredentialException error = await Assert.ThrowsAsync<CredentialException>(() => CredentialChain.Default(null, environment).GetAsync("r.io"));
        Assert.Equal($"{helm}: the \"auth\" of 'r.io' is not of the form user:password.", error.Message);
        Assert.DoesNotContain("helm-user-no-colon", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_lookup_kills_the_hanging_helper_and_its_child_at_once()
    {
        string pids = Path.Combine(_directory, "pids");
        Helper("stuck", $"echo $$ >> '{pids}'\nsleep 300 &\necho $! >> '{pids}'\nwait\n");
        DockerConfigFile config = Config("{\"credsStore\":\"stuck\"}", TimeSpan.FromMinutes(5));
        using var cancel = new CancellationTokenSource();
        Task<RegistryCredential?> lookup = config.GetAsync("r.io", cancel.Token);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!(File.Exists(pids) && File.ReadAllLines(pids).Length == 2) && DateTime.UtcNow < deadline) await Task.Delay(20);
        int[] started = File.ReadAllLines(pids).Select(int.Parse).ToArray();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lookup);
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        while (started.Any(IsRunning) && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.DoesNotContain(started, IsRunning);
    }
}
