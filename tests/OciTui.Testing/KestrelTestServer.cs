using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OciTui.Testing;

/// <summary>One request as a <see cref="KestrelTestServer"/> saw it: for asserting what reached a server and with which headers.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out string? v) ? v : null;
}

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 and a free port, answering with a test's handler: the base of the
/// fault-injecting fake registry, token servers and recording servers. It records every request it receives.
/// </summary>
public sealed class KestrelTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private KestrelTestServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary><c>127.0.0.1:port</c>, as a registry host.</summary>
    public string HostAndPort => $"{BaseAddress.Host}:{BaseAddress.Port}";

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <param name="handler">Answers every request.</param>
    /// <param name="kestrel">Extra Kestrel settings.</param>
    /// <param name="https">When given, the server speaks HTTPS with this certificate (it must hold its private key).</param>
    public static async Task<KestrelTestServer> StartAsync(RequestDelegate handler, Action<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>? kestrel = null,
        System.Security.Cryptography.X509Certificates.X509Certificate2? https = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(System.Net.IPAddress.Loopback, 0, listen =>
            {
                if (https is not null) listen.UseHttps(https);
            });
            kestrel?.Invoke(options);
        });
        WebApplication app = builder.Build();
        var server = new KestrelTestServer(app);
        app.Run(async context =>
        {
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            server._requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers));
            await handler(context);
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
