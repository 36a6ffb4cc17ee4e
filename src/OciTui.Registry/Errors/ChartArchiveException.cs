namespace OciTui.Registry.Errors;

/// <summary>
/// A chart archive ocitui refuses to read or unpack: not a gzip'd tar, no Chart.yaml, an unsafe path, a link or
/// special file, more than helm's limits. The archive comes from the registry, so this is a registry failure (exit 1),
/// not bad input from the user.
/// </summary>
public sealed class ChartArchiveException(string message, Exception? inner = null) : RegistryException(message, inner);
