using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OciTui.Testing;

/// <summary>One request to a <see cref="RawHttpServer"/>: its head, and the connection to write the raw response to.</summary>
public sealed class RawRequest(string head, TcpClient client)
{
    public string Head { get; } = head;
    public string RequestLine => Head.Split("\r\n")[0];
    public NetworkStream Stream { get; } = client.GetStream();

    /// <summary>A request header's value, or null.</summary>
    public string? Header(string name) => HeaderIn(Head, name);

    /// <summary>A header's value in a recorded request head, or null.</summary>
    public static string? HeaderIn(string head, string name) =>
        head.Split("\r\n").Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim()).FirstOrDefault();

    /// <summary>Drops the connection with a TCP reset, as a crashing proxy does.</summary>
    public void Reset()
    {
        client.Client.LingerState = new LingerOption(true, 0);
        client.Close();
    }
}

/// <summary>
/// An HTTP/1.1 server on a bare socket, for faults Kestrel will not commit: a Content-Length that lies, a body that
/// never ends. Kestrel also turns writes after a client hang-up into silent no-ops, so only a bare socket shows how
/// many bytes a client really took before it stopped reading. The test writes the raw response itself.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _requestLines = new();
    private readonly Func<RawRequest, Task> _respond;
    private readonly Task _accepting;
    private long _bodyBytesWritten;

    /// <param name="respond">Writes the whole response for a request.</param>
    public RawHttpServer(Func<RawRequest, Task> respond)
    {
        _respond = respond;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
    public string HostAndPort => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
    public IReadOnlyList<string> RequestHeads => [.. _requestLines];

    /// <summary>Cancelled when the server stops: what a response that "hangs" waits on.</summary>
    public CancellationToken Stopping => _stop.Token;

    /// <summary>Bytes the test's <see cref="WriteUntilRefusedAsync"/> got into the socket before the client hung up.</summary>
    public long BodyBytesWritten => Interlocked.Read(ref _bodyBytesWritten);

    /// <summary>Writes <paramref name="fill"/> bytes, 64 KiB at a time, up to <paramref name="limit"/> bytes, until the client stops taking them.</summary>
    public async Task WriteUntilRefusedAsync(NetworkStream stream, byte fill, long limit)
    {
        byte[] chunk = new byte[64 * 1024];
        Array.Fill(chunk, fill);
        try
        {
            while (Interlocked.Read(ref _bodyBytesWritten) < limit)
            {
                await stream.WriteAsync(chunk, _stop.Token);
                Interlocked.Add(ref _bodyBytesWritten, chunk.Length);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public static Task WriteHeadAsync(NetworkStream stream, string head) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(head.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n")).AsTask();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                string head = await ReadHeadAsync(client.GetStream());
                _requestLines.Enqueue(head);
                await _respond(new RawRequest(head, client));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        byte[] one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0) break;
            head.Append((char)one[0]);
        }
        return head.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
