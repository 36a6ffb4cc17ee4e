using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Text;

namespace OciTui.Registry.Diagnostics;

/// <summary>
/// The TLS step: one handshake that accepts whatever certificate comes, so it can say what is wrong with it instead of
/// only that it was refused, judged afterwards by the same rules the registry client applies (the system's trust store,
/// or it plus the profile's CA file, through <see cref="HttpTransport"/>).
/// </summary>
internal static class TlsProbe
{
    private sealed record Seen(X509Certificate2 Leaf, IReadOnlyList<string> Chain, SslPolicyErrors Errors, bool Trusted, string ChainProblem);

    /// <param name="connect">Opens a TCP connection to the registry: the first carries the handshake; when that fails, a
    /// second asks in plain HTTP, to tell a server that does not speak TLS from one that refused.</param>
    public static async Task<DoctorStepResult> RunAsync(Func<CancellationToken, Task<Socket>> connect, string host, int port, string? caFile, bool insecure,
        DoctorOptions doctor, CancellationToken cancellationToken)
    {
        DateTimeOffset now = doctor.Time.GetUtcNow();
        TimeSpan timeout = doctor.Timeout;
        X509Certificate2Collection? roots = null;
        if (caFile is not null)
        {
            try
            {
                roots = HttpTransport.LoadCaFile(caFile);
            }
            catch (InvalidInputException e)
            {
                return Result(DoctorStatus.Failure, e.Message, "Point caFile at a readable PEM file of the CA that issued the registry's certificate.");
            }
        }

        Seen? seen = null;
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            {
                if (certificate is not null) seen = Inspect(certificate, chain, errors, roots);
                return true;
            },
        };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        SslProtocols protocol;
        try
        {
            using Socket socket = await connect(deadline.Token).ConfigureAwait(false);
            await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false));
            await tls.AuthenticateAsClientAsync(options, deadline.Token).ConfigureAwait(false);
            protocol = tls.SslProtocol;
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            bool plain = await AnswersPlainHttpAsync(connect, host, timeout, cancellationToken).ConfigureAwait(false);
            return plain
                ? Result(DoctorStatus.Failure, $"The TLS handshake with {host}:{port} failed, and the server answers plain HTTP on that port.",
                    "Set plainHttp in the profile (--plain-http), or give the address as http://host:port.")
                : Result(DoctorStatus.Failure, $"The TLS handshake with {host}:{port} failed ({(e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0} s" : "the server closed it or spoke no TLS")}).",
                    "Check that this port serves HTTPS; if the registry serves plain HTTP, set plainHttp or give an http:// address.");
        }

        if (seen is null)
            return Result(DoctorStatus.Failure, $"The server at {host}:{port} sent no certificate.", "Check the registry's TLS configuration.");

        using X509Certificate2 leaf = seen.Leaf;
        var problems = new List<(string What, string Fix)>();
        DateTimeOffset notAfter = new(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        DateTimeOffset notBefore = new(leaf.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        if (now > notAfter)
            problems.Add(($"the certificate expired on {Day(notAfter)}", "The registry's certificate must be renewed on the server (insecureSkipTlsVerify only as a stopgap)."));
        else if (now < notBefore)
            problems.Add(($"the certificate is not valid before {Day(notBefore)}", "Check this machine's clock (see the clock step), else the certificate's dates on the server."));
        if (seen.Errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            string names = Names(leaf);
            problems.Add(($"the certificate does not name {host} (it names {names})",
                $"Address the registry by a name the certificate holds ({names}), or have the certificate reissued for {host}."));
        }
        if (!seen.Trusted)
        {
            string issuer = TerminalText.Sanitize(leaf.Issuer, 120);
            problems.Add((caFile is null
                    ? $"its issuer {issuer} is not trusted by the system ({seen.ChainProblem})"
                    : $"its issuer {issuer} is not among the CAs of the caFile ({seen.ChainProblem})",
                "Set caFile in the profile (or --ca-file) to the PEM of the CA that issued it; insecureSkipTlsVerify only if you accept the risk."));
        }

        string ca = caFile is null ? "CA: the system's trust store" : $"CA: caFile {caFile} ({roots!.Count} certificate{(roots.Count == 1 ? "" : "s")})";
        string facts = $"{ProtocolName(protocol)}; chain {string.Join(" < ", seen.Chain)}; valid until {Day(notAfter)}; {ca}";
        if (insecure)
        {
            string would = problems.Count == 0 ? "the certificate would pass verification" : $"it would fail: {string.Join("; ", problems.Select(p => p.What))}";
            return Result(DoctorStatus.Warning, $"Verification is off (insecureSkipTlsVerify), {would}; {facts}.",
                problems.Count == 0 ? "Turn insecureSkipTlsVerify off: the certificate is trusted as it is." : problems[0].Fix);
        }
        if (problems.Count > 0)
            // Every problem gets its fix: a self-signed certificate for another name needs both a name and a trusted CA.
            return Result(DoctorStatus.Failure, $"{Capitalise(string.Join("; ", problems.Select(p => p.What)))}; {facts}.", string.Join(" ", problems.Select(p => p.Fix)));
        if (notAfter - now < doctor.CertificateRenewalWarning)
            return Result(DoctorStatus.Warning, $"The certificate expires on {Day(notAfter)}, in {Math.Ceiling((notAfter - now).TotalDays):0} day(s); {facts}.",
                "Renew the registry's certificate before it expires.");
        return Result(DoctorStatus.Ok, $"Trusted, and it names {host}; {facts}.");
    }

    /// <summary>Whether the server answers an HTTP request in clear on this port: the usual reason a handshake fails.</summary>
    private static async Task<bool> AnswersPlainHttpAsync(Func<CancellationToken, Task<Socket>> connect, string host, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using Socket socket = await connect(deadline.Token).ConfigureAwait(false);
            await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes($"GET /v2/ HTTP/1.0\r\nHost: {host}\r\n\r\n"), SocketFlags.None, deadline.Token).ConfigureAwait(false);
            byte[] start = new byte[5];
            int read = 0;
            while (read < start.Length)
            {
                int n = await socket.ReceiveAsync(start.AsMemory(read), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (n == 0) break;
                read += n;
            }
            return read == start.Length && System.Text.Encoding.ASCII.GetString(start) == "HTTP/";
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>Trust is judged apart from the dates, which <see cref="RunAsync"/> reports on their own, so an expired
    /// certificate from a trusted CA is "expired", not also "untrusted".</summary>
    private static Seen Inspect(X509Certificate certificate, X509Chain? chain, SslPolicyErrors errors, X509Certificate2Collection? roots)
    {
        var leaf = new X509Certificate2(certificate);
        var subjects = new List<string>();
        X509Certificate2 last = leaf;
        if (chain is not null)
        {
            foreach (X509ChainElement element in chain.ChainElements)
            {
                subjects.Add(TerminalText.Sanitize(element.Certificate.Subject, 100));
                last = element.Certificate;
            }
        }
        if (subjects.Count == 0) subjects.Add(TerminalText.Sanitize(leaf.Subject, 100));
        // A chain the system could not complete ends below its root: name the issuer it stops at.
        if (last.Subject != last.Issuer) subjects.Add(TerminalText.Sanitize(last.Issuer, 100));
        X509ChainStatusFlags[] statuses = chain is null ? [] : [.. chain.ChainStatus.Select(s => s.Status).Where(s => !IsTime(s))];
        string problem = statuses.Length == 0 ? "no chain error besides dates" : string.Join(", ", statuses.Select(Describe).Distinct());
        bool trusted = roots is null
            ? (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0 || statuses.Length == 0
            : HttpTransport.ValidateWithExtraRoots(certificate, chain, errors & ~SslPolicyErrors.RemoteCertificateNameMismatch, roots,
                X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreCtlNotTimeValid | X509VerificationFlags.IgnoreNotTimeNested);
        return new Seen(leaf, subjects, errors, trusted, problem);
    }

    private static bool IsTime(X509ChainStatusFlags flags) => flags is X509ChainStatusFlags.NotTimeValid or X509ChainStatusFlags.NotTimeNested or X509ChainStatusFlags.CtlNotTimeValid;

    private static string Describe(X509ChainStatusFlags flags) => flags switch
    {
        X509ChainStatusFlags.UntrustedRoot => "untrusted root",
        X509ChainStatusFlags.PartialChain => "no path to a trusted root: an unknown CA, or an intermediate the server does not send",
        X509ChainStatusFlags.Revoked => "revoked",
        X509ChainStatusFlags.NotSignatureValid => "bad signature",
        _ => TerminalText.Sanitize(flags.ToString(), 80),
    };

    /// <summary>The DNS names and IP addresses of the certificate's subject alternative names, else its subject.</summary>
    private static string Names(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (X509SubjectAlternativeNameExtension extension in certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            names.AddRange(extension.EnumerateDnsNames());
            names.AddRange(extension.EnumerateIPAddresses().Select(a => a.ToString()));
        }
        if (names.Count == 0) names.Add(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        return TerminalText.Sanitize(string.Join(", ", names.Distinct().Take(8)), 200);
    }

    private static string ProtocolName(SslProtocols protocol) => protocol switch
    {
#pragma warning disable SYSLIB0039 // named only to tell the user an obsolete protocol was negotiated
        SslProtocols.Tls => "TLS 1.0",
        SslProtocols.Tls11 => "TLS 1.1",
#pragma warning restore SYSLIB0039
        SslProtocols.Tls12 => "TLS 1.2",
        SslProtocols.Tls13 => "TLS 1.3",
        _ => protocol.ToString(),
    };

    private static string Day(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static DoctorStepResult Result(DoctorStatus status, string detail, string? fix = null) => new(DoctorStep.Tls, status, detail, fix);
}
