using OciTui.Registry.Diagnostics;
using OciTui.Registry.Profiles;

namespace OciTui.Registry.Tests.Diagnostics;

/// <summary>The doctor against docker-registry serving a certificate of a trusted CA that expired yesterday.</summary>
public sealed class ExpiredCertificateDoctorTests(ExpiredCertificateRegistryFixture registry) : IClassFixture<ExpiredCertificateRegistryFixture>
{
    [RegistryFact]
    public async Task An_expired_certificate_fails_tls_as_expired_not_as_untrusted()
    {
        DoctorReport report = await Doctor.RunAsync(new Profile { Name = "lab", Registry = registry.Host, CaFile = registry.Certificates.CaPemPath });
        Assert.Equal(["dns:ok", "connect:ok", "tls:failure", "ping:skipped", "credentials:ok", "token:skipped", "catalog:skipped", "clock:skipped", "proxy:ok"],
            Doctor.Verdicts(report));
        DoctorStepResult tls = report[DoctorStep.Tls];
        Assert.Matches(@"^The certificate expired on \d{4}-\d\d-\d\d \d\d:\d\dZ; TLS 1\.\d; chain ", tls.Detail);
        Assert.DoesNotContain("not among the CAs", tls.Detail, StringComparison.Ordinal);
        Assert.StartsWith("The registry's certificate must be renewed on the server", tls.Fix, StringComparison.Ordinal);
    }
}
