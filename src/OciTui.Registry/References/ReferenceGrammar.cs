using System.Text.RegularExpressions;

namespace OciTui.Registry.References;

/// <summary>
/// The distribution-spec grammar for repository names and tags, checked before any URL is built
/// (<see href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#pulling-manifests">distribution-spec: pulling manifests</see>, the <c>&lt;name&gt;</c> and tag expressions).
/// </summary>
public static partial class ReferenceGrammar
{
    public const int MaxNameLength = 255;

    [GeneratedRegex(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    /// <summary>host, host:port, IPv4, or [IPv6]:port; the registry part of a reference.</summary>
    [GeneratedRegex(@"^(localhost|\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(:[0-9]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();

    public static bool IsValidRepository(string? name) =>
        name is { Length: > 0 and <= MaxNameLength } && RepositoryPattern().IsMatch(name);

    public static bool IsValidTag(string? tag) => tag is not null && TagPattern().IsMatch(tag);

    public static bool IsValidHost(string? host) => host is { Length: > 0 and <= 260 } && HostPattern().IsMatch(host);
}
