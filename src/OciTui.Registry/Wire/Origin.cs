namespace OciTui.Registry.Wire;

/// <summary>Scheme, lower-cased host and port (80/443 defaults): the unit credentials are scoped to.</summary>
internal readonly record struct Origin(string Scheme, string Host, int Port)
{
    public static Origin Of(Uri uri) => new(uri.Scheme.ToLowerInvariant(), uri.IdnHost.ToLowerInvariant(), uri.Port);

    public override string ToString() => $"{Scheme}://{Host}:{Port}";

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase);
}
