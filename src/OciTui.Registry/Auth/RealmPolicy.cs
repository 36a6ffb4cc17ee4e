using System.Net;
using System.Net.Sockets;
using OciTui.Registry.Errors;
using OciTui.Registry.Text;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Auth;

/// <summary>
/// Decides whether a token realm (or a redirect of the token endpoint) may be contacted (GHSA-xf85-363p-868w):
/// http(s) only, no plain-HTTP realm for an HTTPS registry, no private, loopback or link-local address literal
/// unless the registry itself lives there.
/// </summary>
internal static class RealmPolicy
{
    public static Uri Check(string? realm, Uri registry)
    {
        if (string.IsNullOrWhiteSpace(realm))
            throw new RegistryProtocolException("The registry asked for a Bearer token but named no realm to get it from.");
        if (!Uri.TryCreate(realm, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
            throw new RegistryProtocolException($"The registry's token realm '{TerminalText.Sanitize(realm, 100)}' is not an http(s) URL; refused.");
        Check(uri, registry);
        return uri;
    }

    public static void Check(Uri realm, Uri registry)
    {
        if (registry.Scheme == "https" && realm.Scheme != "https")
            throw new RegistryProtocolException($"The registry is HTTPS but its token realm {TerminalText.Sanitize(realm.GetLeftPart(UriPartial.Authority), 100)} is plain HTTP; refused.");
        if (realm.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(realm.Host.Trim('[', ']'), out IPAddress? address)
            && IsInternal(address)
            && !SameHost(realm, registry))
        {
            throw new RegistryProtocolException($"The registry's token realm points at an internal address ({TerminalText.Sanitize(realm.Host, 60)}); refused.");
        }
    }

    private static bool SameHost(Uri a, Uri b) =>
        string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) || (Origin.IsLoopback(a) && Origin.IsLoopback(b));

    public static bool IsInternal(IPAddress address)
    {
        if (IPAddress.IsLoopback(address)) return true;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.Equals(IPAddress.IPv6Any);
        byte[] b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
    }
}
