namespace OciTui.Registry.Wire;

/// <summary>
/// Thrown by ocitui's certificate check when it refuses the server's certificate: the marker, carried inside the
/// request's <see cref="HttpRequestException"/>, that the handshake failed on trust and not for another reason.
/// Never shown to a person; <see cref="TransportFailure"/> turns it into a sentence.
/// </summary>
internal sealed class CertificateRejectedException() : Exception("The server's TLS certificate was not trusted.");
