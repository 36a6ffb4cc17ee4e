namespace OciTui.Registry.Errors;

/// <summary>No tag of the repository satisfies the version range asked for (exit code 1, as helm fails then too).</summary>
public sealed class NoMatchingVersionException(string message) : RegistryException(message);
