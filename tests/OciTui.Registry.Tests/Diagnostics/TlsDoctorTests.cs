using OciTui.Registry.Diagnostics;
using OciTui.Registry.Profiles;

namespace OciTui.Registry.Tests.Diagnostics;

/// <summary>The doctor's TLS step against the real docker-registry on HTTPS with the test's CA: trusted through the
/// caFile, untrusted without it or with another CA's, skipped verification, and plain HTTP asked of it.</summary>
public sealed class TlsDoctorTests(TlsRegistryFixture registry) : IClassFixture<TlsRegistryFixture>
{
    [RegistryFact]
    public async Task The_profiles_ca_file_makes_the_certificate_trusted_and_is_named()
    {
        // The test CA's certificates live one day: within the default 14 days of renewal warning.
        DoctorReport report = await Doctor.RunAsync(new Profile { Name = "lab", Registry = registry.Host, CaFile = registry.Certificates.CaPemPath },
            options: new DoctorOptions { CertificateRenewalWarning = TimeSpan.FromHours(1) });
        Assert.Equal(["dns:ok", "connect:ok", "tls:ok", "ping:ok", "credentials:ok", "token:skipped", "catalog:ok", "clock:ok", "proxy:ok"], Doctor.Verdicts(report));
        string tls = report[DoctorStep.Tls].Detail;
        Assert.StartsWith("Trusted, and it names 127.0.0.1; TLS 1.", tls, StringComparison.Ordinal);
        Assert.Contains("chain CN=127.0.0.1 < CN=ocitui test CA", tls, StringComparison.Ordinal);
        Assert.Contains($"CA: caFile {registry.Certificates.CaPemPath} (1 certificate)", tls, StringComparison.Ordinal);
        Assert.Null(report[DoctorStep.Tls].Fix);
    }

    [RegistryFact]
    public async Task A_certificate_that_ends_within_the_renewal_window_is_a_warning()
    {
        DoctorReport report = await Doctor.RunAsync(new Profile { Name = "lab", Registry = registry.Host, CaFile = registry.Certificates.CaPemPath });
        DoctorStepResult tls = report[DoctorStep.Tls];
        Assert.Equal(DoctorStatus.Warning, tls.Status);
        Assert.Matches(@"^The certificate expires on \d{4}-\d\d-\d\d \d\d:\d\dZ, in 1 day\(s\); TLS 1\.", tls.Detail);
        Assert.Equal("Renew the registry's certificate before it expires.", tls.Fix);
    }

    [RegistryFact]
    public async Task Without_a_ca_file_the_untrusted_issuer_is_named_with_the_fix()
    {
        DoctorReport report = await Doctor.RunAsync(new Profile { Name = "lab", Registry = registry.Host });
        Assert.Equal(["dns:ok", "connect:ok", "tls:failure", "ping:skipped", "credentials:ok", "token:skipped", "catalog:skipped", "clock:skipped", "proxy:ok"],
            Doctor.Verdicts(report));
        DoctorStepResult tls = report[DoctorStep.Tls];
        Assert.StartsWith("Its issuer CN=ocitui test CA is not trusted by the system (", tls.Detail, StringComparison.Ordinal);
        Assert.Contains("CA: the system's trust store", tls.Detail, StringComparison.Ordinal);
        Assert.Contains("caFile", tls.Fix, StringComparison.Ordinal);
        Assert.Contains("insecureSkipTlsVerify", tls.Fix, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task A_ca_file_of_another_authority_is_said_not_to_hold_the_issuer()
    {
        using var stranger = new TestCertificates();
        DoctorReport report = await Doctor.RunAsync(new Profile { Name = "lab", Registry = registry.Host, CaFile = stranger.CaPemPath });
        DoctorStepResult tls = report[DoctorStep.Tls];
        Assert.Equal(DoctorStatus.Failure, tls.Status);
        Assert.StartsWith("Its issuer CN=ocitui test CA is not among the CAs of the caFile", tls.Detail, StringComparison.Ordinal);
        Assert.Contains($"CA: caFile {stranger.CaPemPath}", tls.Detail, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task Skipped_verification_is_a_warning_that_says_what_would_fail()
    {
        DoctorReport report = await Doctor.RunAsync(new Profile { Name = "lab", Registry = registry.Host, InsecureSkipTlsVerify = true });
        Assert.Equal(["dns:ok", "connect:ok", "tls:warning", "ping:ok", "credentials:ok", "token:skipped", "catalog:ok", "clock:ok", "proxy:ok"], Doctor.Verdicts(report));
        Assert.StartsWith("Verification is off (insecureSkipTlsVerify), it would fail: its issuer CN=ocitui test CA is not trusted", report[DoctorStep.Tls].Detail, StringComparison.Ordinal);
        Assert.False(report.HasFailure);
    }

    [RegistryFact]
    public async Task Plain_http_asked_of_an_https_registry_fails_the_ping_with_the_fix()
    {
        DoctorReport report = await Doctor.RunAsync(new Profile { Name = "lab", Registry = registry.Host, PlainHttp = true });
        DoctorStepResult ping = report[DoctorStep.Ping];
        Assert.Equal(DoctorStatus.Failure, ping.Status);
        Assert.Contains("the server speaks HTTPS on this port", ping.Detail, StringComparison.Ordinal);
        Assert.StartsWith("Drop plainHttp", ping.Fix, StringComparison.Ordinal);
    }
}
