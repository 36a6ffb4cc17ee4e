using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using OciTui.Registry.Errors;
using OciTui.Registry.Text;

namespace OciTui.Registry.Charts;

/// <summary>The files of a chart archive that people read: what <c>helm show chart|values|readme</c> prints.</summary>
public sealed record ChartFiles(string? ChartYaml, string? ValuesYaml, string? Readme);

/// <summary>
/// Reads and extracts chart archives (.tgz) with helm's limits: 100 MiB unpacked, 5 MiB per file, no absolute or
/// <c>..</c> paths, no links or devices. The limits are counted on decompressed bytes, so a gzip bomb stops early.
/// A refused archive is a <see cref="ChartArchiveException"/>: it came from a registry, not from the user.
/// </summary>
public static class ChartArchive
{
    public const long MaxUnpackedBytes = 100L * 1024 * 1024;
    public const long MaxFileBytes = 5L * 1024 * 1024;

    /// <summary>Reads Chart.yaml, values.yaml and README* from the chart's top folder, in memory, nothing written to disk.</summary>
    public static async Task<ChartFiles> ReadFilesAsync(Stream chartTgz, CancellationToken cancellationToken = default)
    {
        string? chart = null, values = null, readme = null;
        await foreach ((string path, byte[] content) in EntriesAsync(chartTgz, cancellationToken).ConfigureAwait(false))
        {
            string[] parts = path.Split('/');
            if (parts.Length != 2) continue;
            string name = parts[1];
            if (name == "Chart.yaml") chart ??= Encoding.UTF8.GetString(content);
            else if (name == "values.yaml") values ??= Encoding.UTF8.GetString(content);
            else if (name.StartsWith("README", StringComparison.OrdinalIgnoreCase)) readme ??= Encoding.UTF8.GetString(content);
        }
        if (chart is null) throw new ChartArchiveException("The archive has no Chart.yaml in its top folder: it is not a Helm chart.");
        return new ChartFiles(chart, values, readme);
    }

    /// <summary>
    /// Every regular file of the chart, in memory, by its path inside the chart's top folder (<c>templates/app.yaml</c>),
    /// with the same limits as <see cref="ReadFilesAsync"/>; for comparing two versions.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, byte[]>> ReadAllFilesAsync(Stream chartTgz, CancellationToken cancellationToken = default)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        await foreach ((string path, byte[] content) in EntriesAsync(chartTgz, cancellationToken).ConfigureAwait(false))
        {
            int slash = path.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0) files.TryAdd(path[(slash + 1)..], content);
        }
        if (!files.ContainsKey("Chart.yaml")) throw new ChartArchiveException("The archive has no Chart.yaml in its top folder: it is not a Helm chart.");
        return files;
    }

    /// <summary>helm pull --untar: extracts into <paramref name="directory"/> (the chart's own folder appears inside it), all-or-nothing.</summary>
    public static async Task<string> ExtractAsync(string chartTgzPath, string directory, CancellationToken cancellationToken = default)
    {
        string root = Path.GetFullPath(directory);
        string staging = Path.Combine(root, $".ocitui-untar-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            string? top = null;
            await using (FileStream archive = File.OpenRead(chartTgzPath))
            {
                await foreach ((string path, byte[] content) in EntriesAsync(archive, cancellationToken).ConfigureAwait(false))
                {
                    string first = path.Split('/')[0];
                    if (top is not null && first != top)
                        throw new ChartArchiveException("The chart archive holds more than one top folder; refused.");
                    top = first;
                    string target = Path.GetFullPath(Path.Combine(staging, path.Replace('/', Path.DirectorySeparatorChar)));
                    if (!target.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                        throw new ChartArchiveException($"The chart archive entry '{TerminalText.Sanitize(path, 120)}' would land outside the folder; refused.");
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    await using FileStream output = new(target, FileMode.CreateNew, FileAccess.Write);
                    await output.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                }
            }
            if (top is null) throw new ChartArchiveException("The chart archive is empty.");
            string destination = Path.Combine(root, top);
            if (Directory.Exists(destination) || File.Exists(destination))
                throw new InvalidInputException($"{destination} already exists; remove it first.");
            Directory.Move(Path.Combine(staging, top), destination);
            return destination;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>The regular files of the archive, checked: paths, types, per-file and total sizes.</summary>
    private static async IAsyncEnumerable<(string Path, byte[] Content)> EntriesAsync(Stream chartTgz,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var gzip = new GZipStream(chartTgz, CompressionMode.Decompress, leaveOpen: true);
        await using var counted = new CountingStream(gzip, MaxUnpackedBytes);
        await using var tar = new TarReader(counted);
        while (true)
        {
            TarEntry? entry;
            try
            {
                entry = await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
            {
                throw new ChartArchiveException("The chart archive is not a valid gzip'd tar file.", e);
            }
            if (entry is null) yield break;
            string path = CheckPath(entry.Name);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    continue;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    break;
                case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                    throw new ChartArchiveException($"The chart archive holds a link '{TerminalText.Sanitize(path, 120)}'; refused.");
                default:
                    throw new ChartArchiveException($"The chart archive holds a special file '{TerminalText.Sanitize(path, 120)}' ({entry.EntryType}); refused.");
            }
            if (entry.Length > MaxFileBytes)
                throw new ChartArchiveException($"The chart file '{TerminalText.Sanitize(path, 120)}' is {entry.Length} bytes, over helm's {MaxFileBytes}-byte limit; refused.");
            byte[] content = new byte[entry.Length];
            if (entry.DataStream is { } data)
            {
                try
                {
                    await data.ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
                }
                catch (EndOfStreamException e)
                {
                    throw new ChartArchiveException("The chart archive is truncated.", e);
                }
            }
            yield return (path, content);
        }
    }

    private static string CheckPath(string name)
    {
        string path = name.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal)) path = path[2..];
        path = path.TrimEnd('/');
        bool absolute = path.StartsWith('/') || (path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0]));
        if (absolute || path.Length == 0 || path.Split('/').Any(p => p == "..") || path.Any(char.IsControl))
            throw new ChartArchiveException($"The chart archive entry '{TerminalText.Sanitize(name, 120)}' has an unsafe path; refused.");
        return path;
    }

    /// <summary>Counts decompressed bytes and stops past the cap, whatever the tar headers claim.</summary>
    private sealed class CountingStream(Stream inner, long limit) : Stream
    {
        private long _total;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _total; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _total += read;
            if (_total > limit)
                throw new ChartArchiveException($"The chart archive unpacks to more than helm's {limit / (1024 * 1024)} MiB limit; refused.");
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
