using System.Text;
using OciTui.Registry.Credentials;
using OciTui.Registry.Errors;

namespace OciTui.Registry.Tests.Credentials;

public sealed class DockerConfigFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-docker-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private CredentialEnvironment Environment(string? path = null) =>
        new(name => name == "PATH" ? $"{path ?? _directory}:/usr/bin:/bin" : null, _directory) { HelperTimeout = TimeSpan.FromSeconds(1) };

    private DockerConfigFile Config(string json, string? path = null)
    {
        string file = Path.Combine(_directory, "config.json");
        File.WriteAllText(file, json);
        return new DockerConfigFile(file, Environment(path));
    }

    private static string Auth(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("https://index.docker.io/v1/", "docker.io")]
    [InlineData("registry.example.com:5000", "registry.example.com:5000")]
    [InlineData("https://registry.example.com:5000/", "registry.example.com:5000")]
    [InlineData("https://Registry.Example.com/v1/", "registry.example.com")]
    public async Task Auths_keys_match_by_host(string key, string host)
    {
        DockerConfigFile config = Config($"{{\"auths\":{{\"{key}\":{{\"auth\":\"{Auth("alice:pa:ss")}\"}}}}}}");
        RegistryCredential? credential = await config.GetAsync(host);
        Assert.Equal("alice", credential?.Username);
        Assert.Equal("pa:ss", credential?.Password);
        Assert.Null(await config.GetAsync("other.example.com"));
    }

    [Fact]
    public async Task Identity_and_registry_tokens_are_read()
    {
        DockerConfigFile config = Config("{\"auths\":{\"a.io\":{\"identitytoken\":\"refresh\"},\"b.io\":{\"registrytoken\":\"bearer\"}}}");
        Assert.Equal("refresh", (await config.GetAsync("a.io"))?.IdentityToken);
        Assert.Equal("bearer", (await config.GetAsync("b.io"))?.RegistryToken);
    }

    [Theory]
    [InlineData("{\"auths\":{\"r.io\":{\"auth\":\"%%%notbase64\"}}}", "not valid base64")]
    [InlineData("{\"auths\":{\"r.io\":{\"auth\":\"c2VjcmV0LXdpdGhvdXQtY29sb24=\"}}}", "user:password")]
    [InlineData("{\"auths\":[1,2]}", "wrong type")]
    [InlineData("{\"auths\":{\"r.io\":{\"auth\":42}}}", "wrong type")]
    [InlineData("{\"credHelpers\":{\"r.io\":7}}", "wrong type")]
    [InlineData("{not json", "not valid JSON")]
    public async Task Broken_files_give_a_clear_error_naming_the_file_and_never_the_secret(string json, string problem)
    {
        DockerConfigFile config = Config(json);
        CredentialException error = await Assert.ThrowsAsync<CredentialException>(() => config.GetAsync("r.io"));
        Assert.Contains(config.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-without-colon", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_means_no_credentials() =>
        Assert.Null(await new DockerConfigFile(Path.Combine(_directory, "nope.json"), Environment()).GetAsync("r.io"));

    private string Helper(string name, string script)
    {
        string bin = Path.Combine(_directory, "bin");
        Directory.CreateDirectory(bin);
        string path = Path.Combine(bin, $"docker-credential-{name}");
        File.WriteAllText(path, "#!/bin/sh\n" + script);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return bin;
    }

    [Fact]
    public async Task Cred_helpers_come_before_creds_store_before_auths()
    {
        string bin = Helper("good", "read url; echo \"{\\\"ServerURL\\\":\\\"$url\\\",\\\"Username\\\":\\\"helper-user\\\",\\\"Secret\\\":\\\"s3cret\\\"}\"\n");
        Helper("store", "echo '{\"Username\":\"store-user\",\"Secret\":\"x\"}'\n");
        DockerConfigFile config = Config($"{{\"credHelpers\":{{\"r.io\":\"good\"}},\"credsStore\":\"store\",\"auths\":{{\"r.io\":{{\"auth\":\"{Auth("auths:x")}\"}},\"s.io\":{{\"auth\":\"{Auth("auths:x")}\"}}}}}}", bin);
        RegistryCredential? helper = await config.GetAsync("r.io");
        Assert.Equal("helper-user", helper?.Username);
        Assert.Equal("s3cret", helper?.Password);
        Assert.Contains("credHelpers: good", helper?.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", helper!.ToString(), StringComparison.Ordinal);
        Assert.Equal("store-user", (await config.GetAsync("s.io"))?.Username);
    }

    [Fact]
    public async Task A_helper_without_an_entry_means_no_credentials()
    {
        string bin = Helper("empty", "echo 'credentials not found in native keychain'; exit 1\n");
        Assert.Null(await Config("{\"credHelpers\":{\"r.io\":\"empty\"}}", bin).GetAsync("r.io"));
    }

    [Fact]
    public async Task A_helper_printing_garbage_is_a_clear_error_without_its_output()
    {
        string bin = Helper("garbage", "echo 'password=hunter2 oops'\n");
        CredentialException error = await Assert.ThrowsAsync<CredentialException>(() => Config("{\"credHelpers\":{\"r.io\":\"garbage\"}}", bin).GetAsync("r.io"));
        Assert.Contains("docker-credential-garbage", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hanging_helper_is_killed_after_the_timeout()
    {
        string bin = Helper("hang", "sleep 60\n");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        CredentialException error = await Assert.ThrowsAsync<CredentialException>(() => Config("{\"credsStore\":\"hang\"}", bin).GetAsync("r.io"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.True(error.Message.Contains("did not answer", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public async Task An_unknown_helper_is_named()
    {
        CredentialException error = await Assert.ThrowsAsync<CredentialException>(() => Config("{\"credsStore\":\"nosuch\"}").GetAsync("r.io"));
        Assert.Contains("docker-credential-nosuch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chain_takes_the_profile_then_helm_then_docker()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "helm"));
        Directory.CreateDirectory(Path.Combine(_directory, "docker"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "helm", "config.json"), $"{{\"auths\":{{\"r.io\":{{\"auth\":\"{Auth("helm:1")}\"}}}}}}");
        await File.WriteAllTextAsync(Path.Combine(_directory, "docker", "config.json"), $"{{\"auths\":{{\"r.io\":{{\"auth\":\"{Auth("docker:1")}\"}},\"d.io\":{{\"auth\":\"{Auth("docker:2")}\"}}}}}}");
        var variables = new Dictionary<string, string>
        {
            ["HELM_REGISTRY_CONFIG"] = Path.Combine(_directory, "helm", "config.json"),
            ["DOCKER_CONFIG"] = Path.Combine(_directory, "docker"),
            ["MY_PW"] = "from-env",
        };
        var environment = new CredentialEnvironment(n => variables.GetValueOrDefault(n), _directory);

        Assert.Equal("helm", (await CredentialChain.Default(null, environment).GetAsync("r.io"))?.Username);
        Assert.Equal("docker", (await CredentialChain.Default(null, environment).GetAsync("d.io"))?.Username);
        RegistryCredential? profile = await CredentialChain.Default(new ProfileCredentials("p", "me", PasswordEnv: "MY_PW"), environment).GetAsync("r.io");
        Assert.Equal(("me", "from-env"), (profile?.Username, profile?.Password));
        Assert.Null(await CredentialChain.Default(null, environment).GetAsync("nobody.io"));

        CredentialException missing = await Assert.ThrowsAsync<CredentialException>(
            () => CredentialChain.Default(new ProfileCredentials("p", "me", PasswordEnv: "UNSET_PW"), environment).GetAsync("r.io"));
        Assert.Contains("UNSET_PW", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credential_files_are_located_as_helm_and_docker_do()
    {
        var none = new CredentialEnvironment(_ => null, "/home/u");
        Assert.Equal("/home/u/.config/helm/registry/config.json", CredentialFileLocator.HelmRegistryConfig(none));
        Assert.Equal("/home/u/.docker/config.json", CredentialFileLocator.DockerConfig(none));
        var helmHome = new CredentialEnvironment(n => n == "HELM_CONFIG_HOME" ? "/h" : n == "XDG_CONFIG_HOME" ? "/x" : null, "/home/u");
        Assert.Equal("/h/registry/config.json", CredentialFileLocator.HelmRegistryConfig(helmHome));
        var xdg = new CredentialEnvironment(n => n == "XDG_CONFIG_HOME" ? "/x" : null, "/home/u");
        Assert.Equal("/x/helm/registry/config.json", CredentialFileLocator.HelmRegistryConfig(xdg));
    }
}
