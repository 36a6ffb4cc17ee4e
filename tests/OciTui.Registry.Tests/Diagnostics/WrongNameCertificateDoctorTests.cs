using OciTui.Registry.Diagnostics;
using OciTui.Registry.Profiles;

namespace OciTui.Registry.Tests.Diagnostics;

/// <summary>The doctor against docker-registry serving a certificate of a trusted CA for another name.</summary>
public sealed class WrongNameCertificateDoctorTests(WrongNameCertificateRegistryFixture registry) : IClassFixture<WrongNameCertificateRegistryFixture>
{
    [RegistryFact]
    public async Task A_certificate_for_another_name_fails_tls_and_names_what_it_holds()
    {
        DoctorReport report = await Doctor.RunAsync(new Profile { Name = "lab", Registry = registry.Host, CaFile = registry.Certificates.CaPemPath });
        Assert.Equal(["dns:ok", "connect:ok", "tls:failure", "ping:skipped", "credentials:ok", "token:skipped", "catalog:skipped", "clock:skipped", "proxy:ok"],
            Doctor.Verdicts(report));
        DoctorStepResult tls = report[DoctorStep.Tls];
        Assert.StartsWith($"The certificate does not name 127.0.0.1 (it names {TestCertificates.WrongName}); TLS 1.", tls.Detail, StringComparison.Ordinal);
        Assert.Equal($"Address the registry by a name the certificate holds ({TestCertificates.WrongName}), or have the certificate reissued for 127.0.0.1.", tls.Fix);
    }

    [RegistryFact]
    public async Task Without_the_ca_the_fix_names_both_the_name_and_the_ca_to_trust()
    {
        DoctorReport report = await Doctor.RunAsync(new Profile { Name = "lab", Registry = registry.Host });
        DoctorStepResult tls = report[DoctorStep.Tls];
        Assert.Equal("failure", tls.StatusName);
        Assert.Contains("does not name 127.0.0.1", tls.Detail, StringComparison.Ordinal);
        Assert.Contains("is not trusted by the system", tls.Detail, StringComparison.Ordinal);
        Assert.StartsWith("Address the registry by a name the certificate holds", tls.Fix, StringComparison.Ordinal);
        Assert.Contains("Set caFile in the profile", tls.Fix, StringComparison.Ordinal);
    }
}
