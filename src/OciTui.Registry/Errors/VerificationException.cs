namespace OciTui.Registry.Errors;

/// <summary>Content whose digest or size is not what was asked for or announced.</summary>
public sealed class DigestMismatchException(string message) : RegistryException(message);

/// <summary>A response larger than ocitui accepts for its kind (manifest, token, error body, chart file).</summary>
public sealed class SizeLimitExceededException(string message) : RegistryException(message);

/// <summary>A manifest ocitui cannot use: schema1, an unknown media type, or a body that contradicts its Content-Type.</summary>
public sealed class UnsupportedManifestException(string message) : RegistryException(message);

/// <summary>A registry response that breaks the protocol: bad JSON, a hostile Link or redirect, a bad descriptor.</summary>
public sealed class RegistryProtocolException(string message, Exception? inner = null) : RegistryException(message, inner);

/// <summary>The registry could not be reached: DNS, connection refused, TLS, timeout.</summary>
public sealed class RegistryUnreachableException(string message, Exception? inner = null) : RegistryException(message, inner);
