using OciTui.Registry.Diagnostics;
using OciTui.Registry.Profiles;

namespace OciTui.Registry.Tests.Diagnostics;

/// <summary>The doctor against docker-registry with htpasswd (Basic auth): the right password, a wrong one, none.</summary>
public sealed class BasicAuthDoctorTests(HtpasswdRegistryFixture registry) : IClassFixture<HtpasswdRegistryFixture>
{
    private Profile Lab =>
        new() { Name = "lab", Registry = registry.Host, PlainHttp = true, Username = DockerRegistryFixture.Username, PasswordEnv = "LAB_PASSWORD" };

    [RegistryFact]
    public async Task The_right_password_is_accepted_and_its_source_named_without_the_secret()
    {
        DoctorReport report = await Doctor.RunAsync(Lab, new Dictionary<string, string> { ["LAB_PASSWORD"] = DockerRegistryFixture.Password });
        Assert.Equal(["dns:ok", "connect:ok", "tls:skipped", "ping:ok", "credentials:ok", "token:ok", "catalog:ok", "clock:ok", "proxy:ok"], Doctor.Verdicts(report));
        Assert.Equal($"GET http://{registry.Host}/v2/ answered 401, asking for Basic (realm ocitui-test).", report[DoctorStep.Ping].Detail);
        Assert.Equal($"User '{DockerRegistryFixture.Username}' with a password from profile 'lab' (passwordEnv: $LAB_PASSWORD); the secret is not shown.",
            report[DoctorStep.Credentials].Detail);
        Assert.Equal($"Basic auth, no tokens: GET /v2/ as user '{DockerRegistryFixture.Username}' answered 200.", report[DoctorStep.Token].Detail);
        Assert.DoesNotContain(report.Steps, s => $"{s.Detail} {s.Fix}".Contains(DockerRegistryFixture.Password, StringComparison.Ordinal));
    }

    [RegistryFact]
    public async Task A_wrong_password_fails_the_login_step()
    {
        DoctorReport report = await Doctor.RunAsync(Lab, new Dictionary<string, string> { ["LAB_PASSWORD"] = "not-the-Password-42" });
        Assert.Equal(["dns:ok", "connect:ok", "tls:skipped", "ping:ok", "credentials:ok", "token:failure", "catalog:warning", "clock:ok", "proxy:ok"], Doctor.Verdicts(report));
        Assert.Equal($"Basic auth, no tokens: the registry refused user '{DockerRegistryFixture.Username}' (401).", report[DoctorStep.Token].Detail);
        Assert.DoesNotContain(report.Steps, s => $"{s.Detail} {s.Fix}".Contains("not-the-Password-42", StringComparison.Ordinal));
    }

    [RegistryFact]
    public async Task A_password_variable_that_is_not_set_fails_the_credentials_step()
    {
        DoctorReport report = await Doctor.RunAsync(Lab);
        Assert.Equal(DoctorStatus.Failure, report[DoctorStep.Credentials].Status);
        Assert.Equal("Profile 'lab' takes its password from $LAB_PASSWORD, which is not set.", report[DoctorStep.Credentials].Detail);
        Assert.Equal(DoctorStatus.Skipped, report[DoctorStep.Token].Status);
    }
}
