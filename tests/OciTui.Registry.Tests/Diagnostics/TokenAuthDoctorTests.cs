using OciTui.Registry.Diagnostics;
using OciTui.Registry.Profiles;

namespace OciTui.Registry.Tests.Diagnostics;

/// <summary>
/// The doctor against docker-registry with token auth and the test's token server (pull granted under <c>granted/</c>
/// only, the catalog not granted): the scopes granted are read from the JWT, a refusal is a warning, a token server that
/// refuses the password fails the step. Tests set the token server's policy and put it back, one at a time.
/// </summary>
public sealed class TokenAuthDoctorTests(TokenAuthRegistryFixture registry) : IClassFixture<TokenAuthRegistryFixture>
{
    private Profile Lab => new() { Name = "lab", Registry = registry.Host, PlainHttp = true };

    private static void AssertNoToken(DoctorReport report) =>
        Assert.DoesNotContain(report.Steps, s => $"{s.Detail} {s.Fix}".Contains("eyJ", StringComparison.Ordinal));

    [RegistryFact]
    public async Task The_scopes_granted_are_read_from_the_jwt()
    {
        DoctorReport report = await Doctor.RunAsync(Lab, options: new DoctorOptions { Repository = "granted/app" });
        Assert.Equal(["dns:ok", "connect:ok", "tls:skipped", "ping:ok", "credentials:ok", "token:ok", "catalog:warning", "clock:ok", "proxy:ok"], Doctor.Verdicts(report));
        Assert.Equal($"GET http://{registry.Host}/v2/ answered 401, asking for Bearer (realm {registry.Tokens.Realm}, service {TokenServer.Service}).",
            report[DoctorStep.Ping].Detail);
        Assert.Matches(@"^Got a token for repository:granted/app:pull; granted \(read from the JWT, unverified\): repository:granted/app:pull, expiring in (29\d|300) s; GET /v2/ with it answered 200\.$",
            report[DoctorStep.Token].Detail);
        Assert.Equal("GET /v2/_catalog is refused (401) to this user, and the profile pins no repository, so the Repositories pane has nothing to list.",
            report[DoctorStep.Catalog].Detail);
        AssertNoToken(report);
    }

    [RegistryFact]
    public async Task A_repository_outside_the_grant_is_a_warning_naming_it()
    {
        DoctorReport report = await Doctor.RunAsync(Lab with { Repositories = ["secret/app"] });
        DoctorStepResult token = report[DoctorStep.Token];
        Assert.Equal(DoctorStatus.Warning, token.Status);
        Assert.StartsWith("Got a token for repository:secret/app:pull; granted (read from the JWT, unverified): nothing", token.Detail, StringComparison.Ordinal);
        Assert.EndsWith("it does not grant pull on secret/app.", token.Detail, StringComparison.Ordinal);
        Assert.StartsWith("Anonymous users may not pull it", token.Fix, StringComparison.Ordinal);
        // A pinned repository stands in for the refused catalog.
        Assert.Equal(DoctorStatus.Ok, report[DoctorStep.Catalog].Status);
    }

    [RegistryFact]
    public async Task Without_a_repository_the_token_is_asked_without_a_scope_and_a_granted_catalog_is_allowed()
    {
        registry.Tokens.GrantsCatalog = true;
        try
        {
            DoctorReport report = await Doctor.RunAsync(Lab);
            Assert.StartsWith("Got a token without a scope (as docker login asks; --repository REPO asks for its pull); granted (read from the JWT, unverified): nothing",
                report[DoctorStep.Token].Detail, StringComparison.Ordinal);
            Assert.Equal(DoctorStatus.Ok, report[DoctorStep.Token].Status);
            Assert.Equal(DoctorStatus.Ok, report[DoctorStep.Catalog].Status);
            Assert.StartsWith("GET /v2/_catalog is allowed", report[DoctorStep.Catalog].Detail, StringComparison.Ordinal);
        }
        finally
        {
            registry.Tokens.GrantsCatalog = false;
        }
    }

    [RegistryFact]
    public async Task A_token_server_refusing_the_password_fails_the_token_step()
    {
        registry.Tokens.RequiredBasic = (DockerRegistryFixture.Username, DockerRegistryFixture.Password);
        try
        {
            Profile profile = Lab with { Username = DockerRegistryFixture.Username, Password = "Wr0ng-Passw0rd" };
            DoctorReport report = await Doctor.RunAsync(profile, options: new DoctorOptions { Repository = "granted/app" });
            Assert.Equal(DoctorStatus.Failure, report[DoctorStep.Token].Status);
            Assert.Contains("refused the credentials", report[DoctorStep.Token].Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(report.Steps, s => $"{s.Detail} {s.Fix}".Contains("Wr0ng-Passw0rd", StringComparison.Ordinal));

            DoctorReport right = await Doctor.RunAsync(profile with { Password = DockerRegistryFixture.Password }, options: new DoctorOptions { Repository = "granted/app" });
            Assert.Equal(DoctorStatus.Ok, right[DoctorStep.Token].Status);
            Assert.Equal($"User '{DockerRegistryFixture.Username}' with a password from profile 'lab' (password in the profile, or --password-stdin); the secret is not shown.",
                right[DoctorStep.Credentials].Detail);
            AssertNoToken(right);
        }
        finally
        {
            registry.Tokens.RequiredBasic = null;
        }
    }
}
