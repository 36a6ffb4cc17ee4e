using OciTui.Registry.Errors;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Http;

/// <summary>
/// Wraps a blob body: a read that brings no byte within the stall timeout, or a connection that breaks mid-body,
/// becomes a <see cref="RegistryUnreachableException"/> saying how far it got, so a download can resume from there.
/// </summary>
internal sealed class StallGuardStream(Stream inner, TimeSpan stallTimeout, string address, IDisposable? response) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(stallTimeout);
        try
        {
            int read = await inner.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
            _position += read;
            return read;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RegistryUnreachableException($"The transfer from {address} stalled: no data for {stallTimeout.TotalSeconds:0} s after {_position} bytes.");
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new RegistryUnreachableException($"The connection to {address} was lost after {_position} bytes.", e);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            response?.Dispose();
        }
        base.Dispose(disposing);
    }
}
