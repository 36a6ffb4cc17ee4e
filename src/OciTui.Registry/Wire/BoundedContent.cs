using System.Buffers;
using OciTui.Registry.Errors;

namespace OciTui.Registry.Wire;

/// <summary>Reads a response body into memory with a hard cap enforced while reading: Content-Length may lie or be absent.</summary>
internal static class BoundedContent
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
        byte[]? exact = null;
        int filled = 0;
        if (expected is long length && length > 0 && length <= maxBytes && length <= Array.MaxLength)
        {
            // The usual case, a manifest or config of known size: read straight into an array of that size.
            exact = new byte[length];
            while (filled < exact.Length)
            {
                int read = await stream.ReadAsync(exact.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0) return exact[..filled];
                filled += read;
            }
        }
        byte[] chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int next = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (next == 0 && exact is not null) return exact;
            // Unknown size, or more than expected: gather it all, still within the cap.
            int initial = (int)Math.Min(expected is > 0 ? expected.Value : 16 * 1024, maxBytes);
            using var buffer = new MemoryStream(Math.Max(initial, 256));
            if (exact is not null) buffer.Write(exact, 0, filled);
            for (int read = next; read > 0; read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false))
            {
                if (buffer.Length + read > maxBytes)
                    throw new SizeLimitExceededException($"The {what} is larger than the {maxBytes}-byte limit; the transfer was stopped.");
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
