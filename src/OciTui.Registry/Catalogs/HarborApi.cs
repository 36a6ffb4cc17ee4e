using OciTui.Registry.Http;

namespace OciTui.Registry.Catalogs;

/// <summary>Harbor detection for callers outside the listing: the same verdict the listing uses.</summary>
public static class HarborApi
{
    /// <summary>
    /// Whether <paramref name="registry"/> is a Harbor whose API ocitui lists through: the profile's <c>"api"</c> when
    /// set, else Harbor's anonymous <c>GET /api/v2.0/systeminfo</c> (asked once per opened registry). False for layouts.
    /// </summary>
    public static Task<bool> DetectAsync(IRegistry registry, CancellationToken cancellationToken = default) =>
        registry is RemoteRegistry remote ? remote.IsHarborAsync(cancellationToken) : Task.FromResult(false);
}
