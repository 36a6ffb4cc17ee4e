using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace OciTui.Testing;

/// <summary>One request as ocitui sent it, whatever host it was meant for.</summary>
public sealed record SentRequest(HttpMethod Method, Uri Uri, string? Authorization);

/// <summary>
/// ocitui's transport with a recorder in front: every request the client sends (to the registry, a token realm or a
/// redirect target) is logged before it leaves, so a test proves that nothing went to a host that must not be
/// contacted, even one the test cannot listen on (169.254.169.254). Host names in <paramref name="loopbackNames"/> are
/// connected to 127.0.0.1 on the same port, so a non-loopback name can point at a local fake registry.
/// </summary>
public sealed class RecordingHandler(params string[] loopbackNames) : DelegatingHandler(CreateInner(loopbackNames))
{
    private readonly ConcurrentQueue<SentRequest> _sent = new();

    public IReadOnlyList<SentRequest> Sent => [.. _sent];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _sent.Enqueue(new SentRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString()));
        return base.SendAsync(request, cancellationToken);
    }

    private static SocketsHttpHandler CreateInner(string[] loopbackNames)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(5) };
        if (loopbackNames.Length > 0)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                string host = loopbackNames.Contains(context.DnsEndPoint.Host, StringComparer.OrdinalIgnoreCase) ? "127.0.0.1" : context.DnsEndPoint.Host;
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new DnsEndPoint(host, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        return handler;
    }
}
