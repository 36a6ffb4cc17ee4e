namespace OciTui.Registry.Errors;

/// <summary>A credential source (profile, docker or helm config, credential helper) that cannot be used. Never carries the secret.</summary>
public sealed class CredentialException(string message, Exception? inner = null) : InvalidInputException(message, inner);
