using System.Diagnostics;
using OciTui.Registry.Content;
using OciTui.Registry.Errors;
using OciTui.Registry.Models;
using OciTui.Registry.References;

namespace OciTui.Registry.Transfers;

/// <summary>
/// Streams one blob to disk the safe way: into a partial file beside the destination, hashed while it streams,
/// resumed with Range after a broken connection or from an earlier partial file, verified for size and digest,
/// then renamed into place. Nothing ever stands under the final name unless it was verified.
/// </summary>
/// <remarks>
/// Range resume: <see href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#pulling-blobs">distribution-spec:
/// pulling blobs</see>; verification: <see href="https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md#digests">image-spec: digests</see>.
/// </remarks>
public sealed class BlobDownloader(IRegistry registry)
{
    public const int BufferSize = 1024 * 1024;

    /// <summary>Resumes within one call after the connection breaks, before giving up with a resumable partial file.</summary>
    public int MaxResumeAttempts { get; init; } = 8;

    public TimeSpan ResumeDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public static string PartialPathFor(string destination) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(destination))!, $".{Path.GetFileName(destination)}.partial");

    /// <summary>True when the file at <paramref name="path"/> has the descriptor's size and digest (read, never trusted by name).</summary>
    public static async Task<bool> HoldsAsync(string path, Descriptor descriptor, CancellationToken cancellationToken)
    {
        Digest digest = DescriptorRules.Validate(descriptor, "layer");
        if (new FileInfo(path).Length != descriptor.Size) return false;
        using var verifier = new ContentVerifier(digest, descriptor.Size, $"file {Path.GetFileName(path)}", "it is another file");
        await using (FileStream file = File.OpenRead(path))
        {
            byte[] buffer = new byte[BufferSize];
            int read;
            while ((read = await file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0) verifier.Append(buffer.AsSpan(0, read));
        }
        try
        {
            verifier.Verify();
            return true;
        }
        catch (DigestMismatchException)
        {
            return false;
        }
    }

    public async Task<Digest> DownloadAsync(string repository, Descriptor descriptor, string destination, bool overwrite,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        Digest digest = DescriptorRules.Validate(descriptor, "layer");
        if (Directory.Exists(destination))
            throw new InvalidInputException($"{destination} is a folder; nothing was downloaded.") { Hint = "Choose another file name or directory." };
        if (!overwrite && File.Exists(destination))
            throw new DestinationExistsException(destination);
        string partial = PartialPathFor(destination);

        using var verifier = new ContentVerifier(digest, descriptor.Size, $"blob {digest.Short}", ContentVerifier.RegistryServedDifferentContent);
        try
        {
            await WritePartialAsync(repository, descriptor, digest, partial, verifier, progress, cancellationToken).ConfigureAwait(false);
            verifier.Verify("; nothing was kept");
        }
        catch (DigestMismatchException)
        {
            File.Delete(partial);
            throw;
        }
        catch (IOException e) when (DiskFullException.IsOutOfSpace(e))
        {
            // A partial file on a full disk is not worth resuming: it holds the space the user needs to free.
            File.Delete(partial);
            throw new DiskFullException(Path.GetDirectoryName(Path.GetFullPath(destination))!, Path.GetFileName(destination), descriptor.Size, e);
        }
        catch (Exception)
        {
            // Keep a partial file worth resuming; an empty one is only litter.
            if (File.Exists(partial) && new FileInfo(partial).Length == 0) File.Delete(partial);
            throw;
        }
        File.Move(partial, destination, overwrite);
        return digest;
    }

    /// <summary>Writes the blob into the partial file, every byte of it through <paramref name="verifier"/>.</summary>
    private async Task WritePartialAsync(string repository, Descriptor descriptor, Digest digest, string partial, ContentVerifier verifier,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        long written;
        // Synchronous writes: Linux has no asynchronous page-cache I/O, so FileOptions.Asynchronous only hands every write
        // to another thread-pool thread. Measured on 1 GiB: 1.05 s instead of 1.17 s, a third less system time.
        await using (FileStream file = new(partial, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None))
        {
            written = await HashExistingAsync(file, verifier, descriptor.Size, cancellationToken).ConfigureAwait(false);
            var meter = new ProgressMeter(progress, descriptor.Size, written);
            int failures = 0;
            while (written < descriptor.Size || descriptor.Size == 0)
            {
                try
                {
                    written = await CopyFromAsync(repository, digest, file, verifier, written, meter, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (RegistryUnreachableException) when (++failures <= MaxResumeAttempts)
                {
                    written = file.Length;
                    await Task.Delay(ResumeDelay * failures, cancellationToken).ConfigureAwait(false);
                    // The hash covers what was written so far only if every written byte went through it: start over from the file.
                    verifier.Restart();
                    file.Position = 0;
                    written = await HashExistingAsync(file, verifier, descriptor.Size, cancellationToken).ConfigureAwait(false);
                }
            }
            meter.Report(written);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Hashes the bytes an earlier attempt left in the partial file; a partial file larger than the blob is discarded.</summary>
    private static async Task<long> HashExistingAsync(FileStream file, ContentVerifier verifier, long size, CancellationToken cancellationToken)
    {
        if (file.Length > size)
        {
            file.SetLength(0);
            return 0;
        }
        file.Position = 0;
        byte[] buffer = new byte[BufferSize];
        long total = 0;
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            verifier.Append(buffer.AsSpan(0, read));
            total += read;
        }
        return total;
    }

    private async Task<long> CopyFromAsync(string repository, Digest digest, FileStream file, ContentVerifier verifier, long offset,
        ProgressMeter meter, CancellationToken cancellationToken)
    {
        await using BlobResponse response = await registry.OpenBlobAsync(repository, digest, offset, cancellationToken).ConfigureAwait(false);
        if (response.Offset != offset)
        {
            // The registry ignored the range: start again from byte 0.
            verifier.Restart();
            file.SetLength(0);
            offset = 0;
        }
        file.Position = offset;
        long written = offset;
        byte[] buffer = new byte[BufferSize];
        int read;
        while ((read = await response.Content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            verifier.Append(buffer.AsSpan(0, read));
            file.Write(buffer, 0, read);
            written += read;
            meter.Report(written);
        }
        return written;
    }

    /// <summary>
    /// Reports after every read, so the figure is right even when the stream then stalls. A consumer that draws
    /// keeps the latest report and renders it at its own pace (the TUI polls ten times a second).
    /// </summary>
    private sealed class ProgressMeter(IProgress<TransferProgress>? progress, long total, long startBytes)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public void Report(long done)
        {
            if (progress is null) return;
            TimeSpan now = _clock.Elapsed;
            progress.Report(new TransferProgress(done, total, (done - startBytes) / Math.Max(now.TotalSeconds, 0.001), now));
        }
    }
}
