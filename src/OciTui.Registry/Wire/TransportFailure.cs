using System.Net.Sockets;
using System.Security.Authentication;
using OciTui.Registry.Errors;

namespace OciTui.Registry.Wire;

/// <summary>
/// A request that never got an answer (DNS, refused, TLS), as one sentence: shared by the registry's requests and the
/// token server's, which fail the same ways.
/// </summary>
internal static class TransportFailure
{
    public static RegistryUnreachableException Unreachable(string target, HttpRequestException e)
    {
        if (IsCertificateRejected(e))
        {
            return new RegistryUnreachableException($"The TLS certificate of {target} is not trusted.", e)
            {
                Hint = "Give the profile a caFile with the registry's CA, or (only if you accept the risk) insecureSkipTlsVerify.",
            };
        }
        if (e.HttpRequestError == HttpRequestError.SecureConnectionError || e.InnerException is AuthenticationException)
        {
            // The certificate check never refused anything: most often the server does not speak TLS at all.
            return new RegistryUnreachableException($"The TLS handshake with {target} failed.", e)
            {
                Hint = "If the registry serves plain HTTP, set plainHttp in the profile or give an http:// address.",
                HintTopic = HintTopic.PlainHttp,
            };
        }
        string reason = e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "the host name does not resolve",
            HttpRequestError.ConnectionError when e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
            HttpRequestError.ConnectionError => "the connection failed",
            HttpRequestError.ResponseEnded => "the connection closed before a response",
            HttpRequestError.InvalidResponse => "the response is not valid HTTP",
            _ => "a network error",
        };
        return new RegistryUnreachableException($"Cannot reach {target}: {reason}.", e)
        {
            Hint = "Check the registry address, that it is running, and whether it needs plainHttp.",
        };
    }

    private static bool IsCertificateRejected(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is CertificateRejectedException) return true;
        }
        return false;
    }
}
