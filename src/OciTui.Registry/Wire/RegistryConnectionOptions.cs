using OciTui.Registry.Credentials;

namespace OciTui.Registry.Wire;

/// <summary>How to reach one remote registry: its base URL (scheme, host, port, optional path prefix), TLS and auth policy.</summary>
internal sealed record RegistryConnectionOptions
{
    /// <summary><c>https://host[:port][/prefix]</c>, or <c>http://</c> for a plain-HTTP registry. The API is under <c>{BaseAddress}/v2/</c>.</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>The registry host as credentials are keyed (<c>host[:port]</c>; Docker Hub: <c>docker.io</c>).</summary>
    public required string CredentialHost { get; init; }

    public ICredentialProvider? Credentials { get; init; }

    /// <summary>Skip TLS certificate verification. Per profile only, and always shown to the user as such.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>A PEM file of CA certificates to trust for this registry, in addition to the system's.</summary>
    public string? CaFile { get; init; }

    /// <summary>Allow Basic credentials over plain HTTP to a non-loopback host (off: only loopback may).</summary>
    public bool AllowBasicOverPlainHttp { get; init; }

    /// <summary>Time allowed for the response headers of one request (a body is bounded by <see cref="StallTimeout"/>).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for the next bytes of a streaming body before the transfer is called stalled.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Retries of a request answered 429, 502, 503 or 504, with backoff honouring Retry-After. Connection failures (refused,
    /// reset, DNS, TLS, timeouts) are not retried: they are reported at once, so a registry that is down fails fast.
    /// (.NET's handler on its own resends, at once and a few times, a request whose connection closed before any byte
    /// of the answer; that is outside this budget.)
    /// </summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Longest single Retry-After wait honoured; longer asks fail with the registry's message.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Pages followed at most for one listing: a registry that pages forever is stopped here.</summary>
    public int MaxPages { get; init; } = 10_000;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Called with each distinct, sanitised <c>Warning</c> header the registry sends (shown, never acted on).</summary>
    public Action<string>? OnWarning { get; init; }

    /// <summary>Which listing API to use beside the registry API: detect Harbor, Harbor without asking, or none.</summary>
    public ListingApi ListingApi { get; init; } = ListingApi.Detect;

    /// <summary>The Docker Hub namespace whose repositories Hub's API lists; null: no Hub listing.</summary>
    public string? HubNamespace { get; init; }

    /// <summary>Where Hub's own API is (<c>https://hub.docker.com/</c>); tests point it at a fake.</summary>
    public Uri HubApiAddress { get; init; } = new("https://hub.docker.com/");
}

/// <summary>The profile's <c>api</c>: detect Harbor (absent), <c>harbor</c>, or <c>distribution</c> (the registry API only).</summary>
internal enum ListingApi
{
    Detect,
    Harbor,
    Distribution,
}
