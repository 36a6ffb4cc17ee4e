using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OciTui.Testing;

/// <summary>
/// A throw-away certificate authority made by the test: a CA, a server certificate for 127.0.0.1 and localhost signed
/// by it, and on demand a token-signing certificate. The PEM files (private keys included) live in a temp folder that
/// is deleted on dispose; nothing is ever committed.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    // Every certificate shares the CA's window: a leaf may not outlive its issuer, and a second reading of the clock
    // (a token server started later in the run) would ask for a notAfter past the CA's.
    private readonly DateTimeOffset _notBefore;
    private readonly DateTimeOffset _notAfter;

    public TestCertificates()
        : this(ServerCertificateFlaw.None) { }

    /// <param name="flaw">What is wrong with the server certificate: nothing, its dates (it expired yesterday), or its
    /// name (it names only wrong-name.test, not 127.0.0.1 or localhost).</param>
    public TestCertificates(ServerCertificateFlaw flaw)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("ocitui-certs-").FullName;
        // Whole seconds: a certificate stores no fraction, and the issuer check compares against the stored value.
        DateTimeOffset now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        // An expired server certificate still lies within its CA's window, which then starts days earlier.
        _notBefore = flaw == ServerCertificateFlaw.Expired ? now.AddDays(-3) : now.AddMinutes(-5);
        _notAfter = now.AddDays(1);

        var caRequest = new CertificateRequest("CN=ocitui test CA", _caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        Ca = caRequest.CreateSelfSigned(_notBefore, _notAfter);
        CaPemPath = Write("ca.pem", Ca.ExportCertificatePem());

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest(flaw == ServerCertificateFlaw.WrongName ? $"CN={WrongName}" : "CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (flaw == ServerCertificateFlaw.WrongName)
        {
            names.AddDnsName(WrongName);
        }
        else
        {
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            names.AddDnsName("localhost");
        }
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using X509Certificate2 server = flaw == ServerCertificateFlaw.Expired
            ? serverRequest.Create(Ca, _notBefore, now.AddDays(-1), SerialNumber())
            : serverRequest.Create(Ca, _notBefore, _notAfter, SerialNumber());
        ServerCertificatePemPath = Write("server.crt", server.ExportCertificatePem());
        ServerKeyPemPath = Write("server.key", serverKey.ExportPkcs8PrivateKeyPem());
        // Kestrel needs the key attached; a PKCS#12 round trip gives a certificate SslStream can use on every platform.
        using X509Certificate2 withKey = server.CopyWithPrivateKey(serverKey);
        ServerWithKey = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The one name a <see cref="ServerCertificateFlaw.WrongName"/> certificate holds.</summary>
    public const string WrongName = "wrong-name.test";

    /// <summary>The temp folder holding the PEM files.</summary>
    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    /// <summary>The CA certificate as PEM: what a profile's <c>caFile</c> and the registry's <c>rootcertbundle</c> name.</summary>
    public string CaPemPath { get; }

    public string ServerCertificatePemPath { get; }
    public string ServerKeyPemPath { get; }

    /// <summary>The server certificate with its private key, for a Kestrel HTTPS listener.</summary>
    public X509Certificate2 ServerWithKey { get; }

    /// <summary>A certificate for signing tokens, issued by the CA, and its key: what a token server puts in a JWT's <c>x5c</c>.</summary>
    public (X509Certificate2 Certificate, ECDsa Key) IssueSigningCertificate()
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ocitui test token issuer", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        return (request.Create(Ca, _notBefore, _notAfter, SerialNumber()), key);
    }

    private string Write(string name, string pem)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllText(path, pem);
        return path;
    }

    private static byte[] SerialNumber() => RandomNumberGenerator.GetBytes(12);

    public void Dispose()
    {
        ServerWithKey.Dispose();
        Ca.Dispose();
        _caKey.Dispose();
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }
}

/// <summary>What is wrong with a test server certificate.</summary>
public enum ServerCertificateFlaw
{
    None,
    Expired,
    WrongName,
}
