namespace OciTui.Registry.Diagnostics;

/// <summary>
/// The proxy the environment sets for one registry address, read as .NET's HTTP stack reads it on Linux (the proxy the
/// registry client really uses): <c>https_proxy</c>/<c>HTTPS_PROXY</c> for https, <c>http_proxy</c>/<c>HTTP_PROXY</c>
/// for http (the upper-case HTTP_PROXY is ignored under CGI, where <c>GATEWAY_INTERFACE</c> is set, since a request
/// header could set it), <c>all_proxy</c>/<c>ALL_PROXY</c> for either when those are unset, the lower-case name first;
/// <c>no_proxy</c>/<c>NO_PROXY</c> lists hosts reached directly: an entry names a host, or with a leading dot a domain
/// and every name under it. The variables are passed in, so a check never reads or changes the process's own.
/// </summary>
public sealed record EnvironmentProxy(Uri? Proxy, string? Variable, string? BypassedBy)
{
    /// <summary>The proxy's address without any user or password it carries: safe to show.</summary>
    public string? DisplayProxy => Proxy is null ? null : $"{Proxy.Scheme}://{Proxy.Authority}";

    public bool InEffect => Proxy is not null && BypassedBy is null;

    public static EnvironmentProxy For(Uri target, Func<string, string?> getVariable)
    {
        bool https = target.Scheme == Uri.UriSchemeHttps;
        string[] names = https
            ? ["https_proxy", "HTTPS_PROXY"]
            : getVariable("GATEWAY_INTERFACE") is null ? ["http_proxy", "HTTP_PROXY"] : ["http_proxy"];
        (Uri? proxy, string? variable) = First(names, getVariable);
        if (proxy is null) (proxy, variable) = First(["all_proxy", "ALL_PROXY"], getVariable);
        if (proxy is null) return new EnvironmentProxy(null, null, null);
        string? noProxy = NonEmpty(getVariable("no_proxy")) ?? NonEmpty(getVariable("NO_PROXY"));
        string? bypass = noProxy?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(entry => Matches(entry, target.IdnHost));
        return new EnvironmentProxy(proxy, variable, bypass);
    }

    private static (Uri?, string?) First(string[] names, Func<string, string?> getVariable)
    {
        foreach (string name in names)
        {
            if (NonEmpty(getVariable(name)) is { } value && Parse(value) is { } uri) return (uri, name);
        }
        return (null, null);
    }

    /// <summary>A value without a scheme is an http proxy, as .NET reads it; only http and https proxies are used.</summary>
    private static Uri? Parse(string value)
    {
        string text = value.Contains("://", StringComparison.Ordinal) ? value : "http://" + value;
        return Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https" ? uri : null;
    }

    private static bool Matches(string entry, string host) =>
        entry.StartsWith('.')
            ? host.Equals(entry[1..], StringComparison.OrdinalIgnoreCase) || host.EndsWith(entry, StringComparison.OrdinalIgnoreCase)
            : host.Equals(entry, StringComparison.OrdinalIgnoreCase);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
