using System.Net;

namespace OciTui.Registry.Errors;

/// <summary>One entry of a registry's <c>{"errors":[{"code","message","detail"}]}</c> body, already sanitised.</summary>
public sealed record RegistryError(string? Code, string? Message);

/// <summary>
/// The registry answered with an HTTP error. <see cref="Exception.Message"/> is built from the status and the
/// sanitised registry error codes and messages.
/// </summary>
public class RegistryResponseException : RegistryException
{
    public RegistryResponseException(string message, HttpStatusCode status, IReadOnlyList<RegistryError> errors, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = status;
        Errors = errors;
    }

    public HttpStatusCode StatusCode { get; }
    public IReadOnlyList<RegistryError> Errors { get; }

    public bool HasCode(string code) => Errors.Any(e => string.Equals(e.Code, code, StringComparison.OrdinalIgnoreCase));
}

/// <summary>401 after authentication was attempted, or no usable credentials for a registry that demands them.</summary>
public sealed class AuthenticationFailedException(string message, HttpStatusCode status, IReadOnlyList<RegistryError> errors)
    : RegistryResponseException(message, status, errors);

/// <summary>403, or a token without the scope asked for.</summary>
public sealed class AccessDeniedException(string message, HttpStatusCode status, IReadOnlyList<RegistryError> errors)
    : RegistryResponseException(message, status, errors);

/// <summary>404: repository, manifest or blob unknown.</summary>
public sealed class NotFoundException(string message, HttpStatusCode status, IReadOnlyList<RegistryError> errors)
    : RegistryResponseException(message, status, errors);

/// <summary>The registry does not let this user list its catalog (Docker Hub, GHCR, a non-admin Harbor).</summary>
public sealed class CatalogUnavailableException(string message, HttpStatusCode status, IReadOnlyList<RegistryError> errors)
    : RegistryResponseException(message, status, errors);
