using OciTui.Registry.Errors;

namespace OciTui.Registry.Http;

/// <summary>Reads a response body into memory with a hard cap enforced while reading: Content-Length may lie or be absent.</summary>
public static class BoundedContent
{
    public static async Task<byte[]> ReadAsync(HttpContent content, long maxBytes, string what, CancellationToken cancellationToken)
    {
        long? declared = content.Headers.ContentLength;
        if (declared > maxBytes)
            throw new SizeLimitExceededException($"The {what} is {declared} bytes, more than the {maxBytes}-byte limit.");
        await using Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(stream, maxBytes, what, declared, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<byte[]> ReadAsync(Stream stream, long maxBytes, string what, long? expected, CancellationToken cancellationToken)
    {
        int initial = (int)Math.Min(expected is > 0 ? expected.Value : 16 * 1024, maxBytes);
        using var buffer = new MemoryStream(Math.Max(initial, 256));
        byte[] chunk = new byte[81920];
        while (true)
        {
            int read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            if (buffer.Length + read > maxBytes)
                throw new SizeLimitExceededException($"The {what} is larger than the {maxBytes}-byte limit; the transfer was stopped.");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
