using System.Text;

namespace OciTui.Registry.Compare;

/// <summary>
/// A large values file read by its top-level keys. Each key starts a block at a line that begins, in column 0, with a
/// letter, a digit, <c>_</c> or a quote, and the block runs to the next such line. Runs of blocks are read on every
/// core, and a block whose bytes the other version's file has too (between two versions, most of them) takes that
/// version's value as it is: comparing two 5 MiB files that differ in ten lines reads ten blocks twice, not the file.
/// </summary>
/// <remarks>
/// Why this reads what the whole file reads. In a document whose top level is a block map, a line that starts in
/// column 0 ends every value above it (a plain or block scalar must be indented more than its key, as must a block
/// collection's items: YAML 1.2, 6.1 and 8.2), unless a quoted scalar or a flow collection is still open across it,
/// and then that line starts no key of the top-level map. So a run's reading is taken only when its map has one key
/// per block, each key starting at its block's first character, and nothing a value could take from outside its own
/// block: no anchor or alias, no merge key, no key given twice, no second document, no directive. Anything else, and
/// any error, sends the whole file to <see cref="YamlReader.Read(string?)"/>, which alone then decides, errors and
/// their line numbers included. A block's value is therefore a function of its bytes, whichever file holds them.
/// </remarks>
internal sealed class YamlBlocks
{
    /// <summary>Smaller files are read whole: 64 KiB of values read in a few milliseconds.</summary>
    internal const int SplitFrom = 64 * 1024;

    /// <summary>About this many bytes of blocks are read at once: enough runs to keep every core busy, few enough that each run's parser setup is nothing.</summary>
    private const int RunBytes = 256 * 1024;

    private readonly byte[] _source;
    private readonly int[] _starts;
    private readonly KeyValuePair<string, YamlValue>[] _entries;
    private readonly long[] _sizes;

    // A block's bytes by their hash, for the next version's read; a second block with the same hash is not found (and is read again).
    private readonly Dictionary<int, int> _byHash;

    private YamlBlocks(byte[] source, int[] starts, int[] hashes, KeyValuePair<string, YamlValue>[] entries, long[] sizes)
    {
        (_source, _starts, _entries, _sizes) = (source, starts, entries, sizes);
        _byHash = new Dictionary<int, int>(starts.Length);
        for (int i = 0; i < hashes.Length; i++) _byHash.TryAdd(hashes[i], i);
    }

    /// <summary>
    /// The file read by its blocks, reusing <paramref name="alike"/>'s where the bytes are the same; null when the file
    /// is small, does not split into blocks, or a run of them does not read cleanly: the caller then reads it whole.
    /// </summary>
    public static YamlReadResult? TryRead(byte[] source, YamlBlocks? alike, int splitFrom = SplitFrom)
    {
        if (source.Length < splitFrom || Split(source) is not { } starts) return null;
        int count = starts.Length;
        var hashes = new int[count];
        var entries = new KeyValuePair<string, YamlValue>[count];
        var sizes = new long[count];
        var unread = new List<int>(count);
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> block = Block(source, starts, i);
            hashes[i] = HashOf(block);
            // The first block is always read: its run begins with the text before it, which must hold no value.
            if (i > 0 && alike?.Find(block, hashes[i]) is int known)
            {
                entries[i] = alike._entries[known];
                sizes[i] = alike._sizes[known];
            }
            else unread.Add(i);
        }
        if (!ReadRuns(source, starts, unread, entries, sizes)) return null;
        // The top-level map as a whole: a key given twice, or more nodes than allowed, is for the whole read to report.
        var keys = new HashSet<string>(count, StringComparer.Ordinal);
        long size = 1;
        for (int i = 0; i < count; i++)
        {
            if (!keys.Add(entries[i].Key)) return null;
            size += sizes[i];
        }
        if (size > YamlReader.MaxExpandedNodes) return null;
        return new YamlReadResult(new YamlMap(entries), null, 1) { Blocks = new YamlBlocks(source, starts, hashes, entries, sizes) };
    }

    /// <summary>Where each block starts; null when the file has directives or document markers, or fewer than two blocks.</summary>
    private static int[]? Split(byte[] source)
    {
        var starts = new List<int>();
        int line = source.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        while (line < source.Length)
        {
            ReadOnlySpan<byte> rest = source.AsSpan(line);
            // Directives and document markers (YAML 1.2, 9.1 and 9.2) are for the whole read to interpret.
            if (rest[0] == (byte)'%' || rest.StartsWith("---"u8) || rest.StartsWith("..."u8)) return null;
            if (StartsKey(rest[0])) starts.Add(line);
            int end = rest.IndexOf((byte)'\n');
            if (end < 0) break;
            line += end + 1;
        }
        return starts.Count >= 2 ? [.. starts] : null;
    }

    /// <summary>A line starting with one of these, in column 0, can only start a key of the top-level map (or be inside a quoted scalar or a flow collection).</summary>
    private static bool StartsKey(byte first) => char.IsAsciiLetterOrDigit((char)first) || first is (byte)'_' or (byte)'"' or (byte)'\'';

    private static ReadOnlySpan<byte> Block(byte[] source, int[] starts, int i) =>
        source.AsSpan(starts[i], (i + 1 < starts.Length ? starts[i + 1] : source.Length) - starts[i]);

    private static int HashOf(ReadOnlySpan<byte> block)
    {
        var hash = new HashCode();
        hash.AddBytes(block);
        return hash.ToHashCode();
    }

    private int? Find(ReadOnlySpan<byte> block, int hash) =>
        _byHash.TryGetValue(hash, out int i) && Block(_source, _starts, i).SequenceEqual(block) ? i : null;

    /// <summary>Reads the blocks not taken from the other version, in runs of consecutive ones (in file order), on every core.</summary>
    private static bool ReadRuns(byte[] source, int[] starts, List<int> unread, KeyValuePair<string, YamlValue>[] entries, long[] sizes)
    {
        var runs = new List<ArraySegment<int>>();
        int[] order = [.. unread];
        int first = 0, bytes = 0;
        for (int k = 0; k < order.Length; k++)
        {
            bytes += Block(source, starts, order[k]).Length;
            if (bytes < RunBytes && k < order.Length - 1) continue;
            runs.Add(new ArraySegment<int>(order, first, k + 1 - first));
            (first, bytes) = (k + 1, 0);
        }
        int failed = 0;
        Parallel.For(0, runs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (r, loop) =>
        {
            if (ReadRun(source, starts, runs[r], entries, sizes)) return;
            Interlocked.Exchange(ref failed, 1);
            loop.Stop();
        });
        return failed == 0;
    }

    /// <summary>
    /// One run of blocks read as one document (the first run with the text before the first block), each block's key
    /// checked to start where the block does.
    /// </summary>
    private static bool ReadRun(byte[] source, int[] starts, ArraySegment<int> run, KeyValuePair<string, YamlValue>[] entries, long[] sizes)
    {
        // The pieces of the run's text: the text before the first block, when the run has that block, then each block.
        var pieces = new (int Start, int Length)[run.Count + 1];
        // Without a byte order mark, as the whole read reads it (YamlReader.Read).
        int content = source.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        pieces[0] = (content, run[0] == 0 ? starts[0] - content : 0);
        for (int k = 0; k < run.Count; k++)
        {
            int i = run[k];
            pieces[k + 1] = (starts[i], Block(source, starts, i).Length);
        }
        // Each piece decoded on its own: they are cut after a line feed, which no UTF-8 sequence spans.
        var keyAt = new int[run.Count];
        int chars = 0;
        for (int p = 0; p < pieces.Length; p++)
        {
            if (p > 0) keyAt[p - 1] = chars;
            chars += Encoding.UTF8.GetCharCount(source.AsSpan(pieces[p].Start, pieces[p].Length));
        }
        string text = string.Create(chars, (source, pieces), static (span, state) =>
        {
            foreach ((int start, int length) in state.pieces)
                span = span[Encoding.UTF8.GetChars(state.source.AsSpan(start, length), span)..];
        });
        if (YamlReader.ReadTopLevel(text) is not { } read || read.KeyOffsets.Count != run.Count) return false;
        for (int k = 0; k < run.Count; k++)
        {
            // A quoted key's scalar starts inside its quote.
            if (read.KeyOffsets[k] != keyAt[k] + (source[starts[run[k]]] is (byte)'"' or (byte)'\'' ? 1 : 0)) return false;
            entries[run[k]] = read.Map.Entries[k];
            sizes[run[k]] = read.ValueSizes[k];
        }
        return true;
    }
}
