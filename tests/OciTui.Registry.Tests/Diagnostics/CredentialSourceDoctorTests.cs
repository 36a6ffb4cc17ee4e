using System.Text;
using System.Text.Json;
using OciTui.Registry.Diagnostics;
using OciTui.Registry.Profiles;

namespace OciTui.Registry.Tests.Diagnostics;

/// <summary>The credentials step names the source that won (Helm's registry config, Docker's config and its credential
/// helper) and never the secret, against the real docker-registry with htpasswd, which the login step then checks.</summary>
public sealed class CredentialSourceDoctorTests(HtpasswdRegistryFixture registry) : IClassFixture<HtpasswdRegistryFixture>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ocitui-doctor-creds-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Profile Lab => new() { Name = "lab", Registry = registry.Host, PlainHttp = true };

    private string WriteJson(string name, object content)
    {
        string path = Path.Combine(_root, name);
        File.WriteAllText(path, JsonSerializer.Serialize(content));
        return path;
    }

    [RegistryFact]
    public async Task Helms_registry_config_is_named_when_it_wins()
    {
        string auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{DockerRegistryFixture.Username}:{DockerRegistryFixture.Password}"));
        string helm = WriteJson("helm.json", new { auths = new Dictionary<string, object> { [registry.Host] = new { auth } } });
        DoctorReport report = await Doctor.RunAsync(Lab, new Dictionary<string, string> { ["HELM_REGISTRY_CONFIG"] = helm });
        Assert.Equal($"User '{DockerRegistryFixture.Username}' with a password from Helm's registry config {helm}; the secret is not shown.", report[DoctorStep.Credentials].Detail);
        Assert.Equal(DoctorStatus.Ok, report[DoctorStep.Token].Status);
        Assert.DoesNotContain(report.Steps, s => $"{s.Detail} {s.Fix}".Contains(DockerRegistryFixture.Password, StringComparison.Ordinal) || $"{s.Detail}".Contains(auth, StringComparison.Ordinal));
    }

    [RegistryFact]
    public async Task A_credential_helper_in_dockers_config_is_named()
    {
        string bin = Directory.CreateDirectory(Path.Combine(_root, "bin")).FullName;
        string helper = Path.Combine(bin, "docker-credential-doctortest");
        File.WriteAllText(helper, "#!/bin/sh\nread url\n" +
            $"printf '{{\"ServerURL\":\"%s\",\"Username\":\"{DockerRegistryFixture.Username}\",\"Secret\":\"{DockerRegistryFixture.Password}\"}}' \"$url\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string docker = Directory.CreateDirectory(Path.Combine(_root, "docker")).FullName;
        File.WriteAllText(Path.Combine(docker, "config.json"), JsonSerializer.Serialize(new { credHelpers = new Dictionary<string, string> { [registry.Host] = "doctortest" } }));

        DoctorReport report = await Doctor.RunAsync(Lab, new Dictionary<string, string>
        {
            ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}",
            ["DOCKER_CONFIG"] = docker,
        });
        Assert.Equal($"User '{DockerRegistryFixture.Username}' with a password from Docker's config {Path.Combine(docker, "config.json")}, through the credential helper docker-credential-doctortest; the secret is not shown.",
            report[DoctorStep.Credentials].Detail);
        Assert.Equal(DoctorStatus.Ok, report[DoctorStep.Token].Status);
        Assert.DoesNotContain(report.Steps, s => $"{s.Detail} {s.Fix}".Contains(DockerRegistryFixture.Password, StringComparison.Ordinal));
    }
}
