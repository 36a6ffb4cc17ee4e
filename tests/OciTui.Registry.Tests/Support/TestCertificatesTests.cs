using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OciTui.Registry.Tests.Support;

public sealed class TestCertificatesTests
{
    [Fact]
    public async Task A_signing_certificate_issued_after_the_clock_has_moved_on_stays_inside_the_CA_window()
    {
        using var certificates = new TestCertificates();
        await Task.Delay(TimeSpan.FromSeconds(1.1));

        (X509Certificate2 certificate, ECDsa key) = certificates.IssueSigningCertificate();
        using (certificate)
        using (key)
        {
            Assert.True(certificate.NotAfter <= certificates.Ca.NotAfter);
            Assert.True(certificate.NotBefore >= certificates.Ca.NotBefore);
        }
    }
}
