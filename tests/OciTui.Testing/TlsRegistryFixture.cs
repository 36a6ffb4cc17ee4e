using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace OciTui.Testing;

/// <summary>The real docker-registry serving HTTPS with a server certificate from a CA the test made.</summary>
public class TlsRegistryFixture : DockerRegistryFixture
{
    /// <summary>What is wrong with the server certificate (the subclasses below serve a flawed one).</summary>
    protected virtual ServerCertificateFlaw Flaw => ServerCertificateFlaw.None;

    private TestCertificates? _certificates;

    public TestCertificates Certificates => _certificates ?? throw new InvalidOperationException("the fixture did not start");

    public override string Scheme => "https";

    protected override Task PrepareAsync()
    {
        _certificates = new TestCertificates(Flaw);
        return Task.CompletedTask;
    }

    protected override string HttpSection() =>
        $"  tls:\n    certificate: {Certificates.ServerCertificatePemPath}\n    key: {Certificates.ServerKeyPemPath}\n";

    /// <summary>The fixture's own probes and seeder trust exactly the test CA (and overlook the flaw it was made with).</summary>
    public override HttpMessageHandler CreateProbeHandler()
    {
        X509Certificate2 ca = Certificates.Ca;
        var handler = new SocketsHttpHandler();
        if (Flaw != ServerCertificateFlaw.None)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
            return handler;
        }
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(certificate));
        };
        return handler;
    }

    public override RegistrySeeder Seeder => new(BaseAddress, null, CreateProbeHandler);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _certificates?.Dispose();
    }
}

/// <summary>docker-registry on HTTPS with a server certificate from the test CA that expired yesterday.</summary>
public sealed class ExpiredCertificateRegistryFixture : TlsRegistryFixture
{
    protected override ServerCertificateFlaw Flaw => ServerCertificateFlaw.Expired;
}

/// <summary>docker-registry on HTTPS with a certificate from the test CA for another name than 127.0.0.1.</summary>
public sealed class WrongNameCertificateRegistryFixture : TlsRegistryFixture
{
    protected override ServerCertificateFlaw Flaw => ServerCertificateFlaw.WrongName;
}
