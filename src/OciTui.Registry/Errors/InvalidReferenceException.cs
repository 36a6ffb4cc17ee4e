namespace OciTui.Registry.Errors;

/// <summary>A reference, repository name, tag or digest that does not follow the OCI grammar.</summary>
public sealed class InvalidReferenceException(string message) : InvalidInputException(message);
