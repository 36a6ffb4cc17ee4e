namespace OciTui.Registry;

/// <summary>An open blob body. <see cref="Offset"/> is the byte position the content starts at: the offset asked for when
/// the range was honoured, 0 when the registry sent the whole blob.</summary>
public sealed class BlobResponse(Stream content, long offset, long? totalLength, IDisposable? owner = null) : IAsyncDisposable, IDisposable
{
    public Stream Content { get; } = content;
    public long Offset { get; } = offset;

    /// <summary>The whole blob's length when the registry said it (Content-Range total or Content-Length + offset).</summary>
    public long? TotalLength { get; } = totalLength;

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        owner?.Dispose();
    }

    public void Dispose()
    {
        Content.Dispose();
        owner?.Dispose();
    }
}
