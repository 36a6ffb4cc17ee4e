using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using OciTui.Registry.Errors;
using OciTui.Registry.Text;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Http;

/// <summary>
/// Builds the one <see cref="SocketsHttpHandler"/> a registry uses: no automatic redirects (we follow them ourselves
/// so Authorization never leaks cross-origin), no decompression (hashed bytes are wire bytes), keep-alive pooling,
/// and the profile's TLS policy.
/// </summary>
/// <remarks>
/// Certificate checks always go through ocitui's own callback (the system's policy, or it plus the profile's CA file),
/// which throws <see cref="CertificateRejectedException"/> on a refused certificate. That exception travels inside the
/// request's <see cref="HttpRequestException"/>, so an untrusted certificate is told apart from any other TLS failure
/// (a plain-HTTP server answering a handshake) by type, never by the text of a platform message.
/// </remarks>
internal static class HttpTransport
{
    public static SocketsHttpHandler CreateHandler(RegistryConnectionOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 16,
            UseProxy = true,
        };
        if (options.InsecureSkipTlsVerify)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (options.CaFile is { } caFile)
        {
            X509Certificate2Collection roots = LoadCaFile(caFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                Trusted(ValidateWithExtraRoots(certificate, chain, errors, roots));
        }
        else
        {
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, errors) => Trusted(errors == SslPolicyErrors.None);
        }
        return handler;
    }

    /// <summary>A refused certificate throws rather than returning false, so the failure says why (see the remarks above).</summary>
    private static bool Trusted(bool trusted) => trusted ? true : throw new CertificateRejectedException();

    internal static X509Certificate2Collection LoadCaFile(string caFile)
    {
        try
        {
            var collection = new X509Certificate2Collection();
            collection.ImportFromPemFile(caFile);
            if (collection.Count == 0) throw new InvalidInputException($"The CA file '{caFile}' holds no PEM certificate.");
            return collection;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"Cannot read the CA file '{caFile}' ({FileProblem.Describe(e, caFile)}).", e);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidInputException($"The CA file '{caFile}' is not valid PEM: {TerminalText.Sanitize(e.Message, 200)}", e);
        }
    }

    /// <param name="flags">What to overlook: the connection doctor asks about trust apart from the dates, which it judges itself.</param>
    internal static bool ValidateWithExtraRoots(X509Certificate? certificate, X509Chain? systemChain, SslPolicyErrors errors, X509Certificate2Collection roots,
        X509VerificationFlags flags = X509VerificationFlags.NoFlag)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = flags;
        if (systemChain is not null)
        {
            foreach (X509ChainElement element in systemChain.ChainElements) chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
