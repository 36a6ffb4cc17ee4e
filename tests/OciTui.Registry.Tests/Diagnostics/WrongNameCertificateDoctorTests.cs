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
}
