using System.Text;
using DiffPlex;
using DiffPlex.Model;

namespace OciTui.Registry.Compare;

public enum DiffLineKind
{
    Context,
    Removed,
    Added,
    HunkHeader,
    NoFinalNewline,
}

/// <summary>One line of a unified diff, without its <c>+</c>/<c>-</c>/space prefix: the front end draws that (and colours it).</summary>
public sealed record DiffLine(DiffLineKind Kind, string Text)
{
    /// <summary>The line as <c>diff -u</c> writes it.</summary>
    public override string ToString() => Kind switch
    {
        DiffLineKind.Context => $" {Text}",
        DiffLineKind.Removed => $"-{Text}",
        DiffLineKind.Added => $"+{Text}",
        _ => Text,
    };
}

/// <summary>
/// A unified diff (<c>diff -u</c>, <c>-U N</c> context lines) of two texts, lines found by DiffPlex's Myers diff.
/// <c>\r\n</c>, <c>\r</c> and <c>\n</c> all end a line, so a file that only changed its line endings shows no hunk.
/// </summary>
/// <remarks>
/// Myers' diff takes time in proportion to the lines times the number of differences: two 5 MiB values files that
/// differ in every component (150,000 lines, 50,000 changes) took 20 s and more. Large inputs are therefore first cut
/// at the lines that occur exactly once in each text and in the same order (patience diff's anchors, as
/// <c>git diff --patience</c> does), and DiffPlex diffs the small stretches between them; a stretch still too large
/// and without such a line is shown removed and added whole, a correct diff, if not the shortest.
/// </remarks>
public static class TextDiff
{
    public const int DefaultContext = 3;

    public static IReadOnlyList<DiffLine> Unified(string? from, string? to, int context = DefaultContext)
    {
        from ??= "";
        to ??= "";
        var lines = new LineTable();
        int[] a = lines.Add(from), b = lines.Add(to);
        bool aOpen = from.Length > 0 && !from.EndsWith('\n') && !from.EndsWith('\r');
        bool bOpen = to.Length > 0 && !to.EndsWith('\n') && !to.EndsWith('\r');
        List<DiffBlock> blocks = Blocks(a, b, lines);
        // A change of only the final newline: diff -u shows the last line removed and added again.
        if (blocks.Count == 0 && aOpen != bOpen && a.Length > 0 && b.Length > 0)
            blocks.Add(new DiffBlock(a.Length - 1, 1, b.Length - 1, 1));
        else if (aOpen != bOpen && blocks.Count > 0 && !TouchesEnd(blocks[^1], a.Length, b.Length) && a.Length > 0 && b.Length > 0)
            blocks.Add(new DiffBlock(a.Length - 1, 1, b.Length - 1, 1));

        var diff = new List<DiffLine>();
        context = Math.Max(0, context);
        int i = 0;
        while (i < blocks.Count)
        {
            // Blocks closer than two contexts apart share a hunk.
            int j = i;
            while (j + 1 < blocks.Count && blocks[j + 1].DeleteStartA - (blocks[j].DeleteStartA + blocks[j].DeleteCountA) <= 2 * context) j++;
            int startA = Math.Max(0, blocks[i].DeleteStartA - context);
            int startB = Math.Max(0, blocks[i].InsertStartB - (blocks[i].DeleteStartA - startA));
            int endA = Math.Min(a.Length, blocks[j].DeleteStartA + blocks[j].DeleteCountA + context);
            int endB = Math.Min(b.Length, blocks[j].InsertStartB + blocks[j].InsertCountB + (endA - (blocks[j].DeleteStartA + blocks[j].DeleteCountA)));
            diff.Add(new DiffLine(DiffLineKind.HunkHeader, $"@@ -{Range(startA, endA - startA)} +{Range(startB, endB - startB)} @@"));
            int posA = startA;
            for (int k = i; k <= j; k++)
            {
                DiffBlock block = blocks[k];
                for (; posA < block.DeleteStartA; posA++) Emit(diff, DiffLineKind.Context, lines, a, posA, aOpen && bOpen);
                for (int d = 0; d < block.DeleteCountA; d++) Emit(diff, DiffLineKind.Removed, lines, a, block.DeleteStartA + d, aOpen);
                for (int n = 0; n < block.InsertCountB; n++) Emit(diff, DiffLineKind.Added, lines, b, block.InsertStartB + n, bOpen);
                posA = block.DeleteStartA + block.DeleteCountA;
            }
            for (; posA < endA; posA++) Emit(diff, DiffLineKind.Context, lines, a, posA, aOpen && bOpen);
            i = j + 1;
        }
        return diff;
    }

    /// <summary>The diff as <c>diff -u</c> prints it, with its <c>---</c>/<c>+++</c> header; empty when the texts are the same.</summary>
    public static string Format(IReadOnlyList<DiffLine> lines, string fromLabel, string toLabel)
    {
        if (lines.Count == 0) return "";
        var text = new StringBuilder().Append("--- ").Append(fromLabel).Append('\n').Append("+++ ").Append(toLabel).Append('\n');
        foreach (DiffLine line in lines) text.Append(line.ToString()).Append('\n');
        return text.ToString();
    }

    /// <summary>Inputs up to this many lines (both sides, after their common start and end) go to DiffPlex whole.</summary>
    private const int DirectLines = 2_000;

    /// <summary>A stretch without anchors larger than this (both sides) is removed and added whole rather than searched.</summary>
    private const int MaxSearchedLines = 20_000;

    private static List<DiffBlock> Blocks(int[] a, int[] b, LineTable lines)
    {
        var blocks = new List<DiffBlock>();
        Stretch(a, 0, a.Length, b, 0, b.Length, lines, blocks);
        return blocks;
    }

    /// <summary>The differences of <c>a[startA..endA]</c> and <c>b[startB..endB]</c>, appended to <paramref name="blocks"/> in order.</summary>
    private static void Stretch(int[] a, int startA, int endA, int[] b, int startB, int endB, LineTable lines, List<DiffBlock> blocks)
    {
        while (startA < endA && startB < endB && a[startA] == b[startB])
        {
            startA++;
            startB++;
        }
        while (endA > startA && endB > startB && a[endA - 1] == b[endB - 1])
        {
            endA--;
            endB--;
        }
        int countA = endA - startA, countB = endB - startB;
        if (countA == 0 && countB == 0) return;
        // One side empty, or one line against one (different, or it would have been trimmed): no search can do better
        // than removing and adding. Most changes in values are a single line, and a DiffPlex call each cost more.
        if (countA == 0 || countB == 0 || (countA == 1 && countB == 1))
        {
            blocks.Add(new DiffBlock(startA, countA, startB, countB));
            return;
        }
        if (countA + countB <= DirectLines)
        {
            Searched(a, startA, endA, b, startB, endB, lines, blocks);
            return;
        }
        List<(int A, int B)> anchors = Anchors(a, startA, endA, b, startB, endB, lines.Count);
        if (anchors.Count == 0)
        {
            if (countA + countB <= MaxSearchedLines) Searched(a, startA, endA, b, startB, endB, lines, blocks);
            else blocks.Add(new DiffBlock(startA, countA, startB, countB));
            return;
        }
        int fromA = startA, fromB = startB;
        foreach ((int anchorA, int anchorB) in anchors)
        {
            Stretch(a, fromA, anchorA, b, fromB, anchorB, lines, blocks);
            fromA = anchorA + 1;
            fromB = anchorB + 1;
        }
        Stretch(a, fromA, endA, b, fromB, endB, lines, blocks);
    }

    /// <summary>DiffPlex's Myers diff of a stretch, its blocks moved to the stretch's place.</summary>
    private static void Searched(int[] a, int startA, int endA, int[] b, int startB, int endB, LineTable lines, List<DiffBlock> blocks)
    {
        // The stretch's lines hold no line break (they were split at them), so joined they split back the same.
        string textA = lines.Join(a, startA, endA);
        string textB = lines.Join(b, startB, endB);
        DiffResult result = Differ.Instance.CreateDiffs(textA, textB, ignoreWhiteSpace: false, ignoreCase: false, LineSplitter.Instance);
        foreach (DiffBlock block in result.DiffBlocks)
            blocks.Add(new DiffBlock(startA + block.DeleteStartA, block.DeleteCountA, startB + block.InsertStartB, block.InsertCountB));
    }

    /// <summary>
    /// Lines found exactly once in each stretch, as pairs of positions, reduced to the longest run in the same order
    /// on both sides (a longest increasing subsequence, by patience sorting).
    /// </summary>
    private static List<(int A, int B)> Anchors(int[] a, int startA, int endA, int[] b, int startB, int endB, int distinctLines)
    {
        // Per line: how often in a, where in a, how often in b, where in b (a line is its number in the table).
        var countA = new int[distinctLines];
        var atA = new int[distinctLines];
        var countB = new int[distinctLines];
        var atB = new int[distinctLines];
        for (int i = startA; i < endA; i++)
        {
            countA[a[i]]++;
            atA[a[i]] = i;
        }
        for (int j = startB; j < endB; j++)
        {
            countB[b[j]]++;
            atB[b[j]] = j;
        }
        var pairs = new List<(int A, int B)>();
        for (int i = startA; i < endA; i++)
            if (countA[a[i]] == 1 && countB[a[i]] == 1) pairs.Add((i, atB[a[i]]));
        if (pairs.Count == 0) return pairs;
        // Patience sorting: tails[k] is the pair ending the best run of length k+1; back links rebuild the run.
        var tails = new List<int>();
        var previous = new int[pairs.Count];
        for (int p = 0; p < pairs.Count; p++)
        {
            int low = 0, high = tails.Count;
            while (low < high)
            {
                int middle = (low + high) / 2;
                if (pairs[tails[middle]].B < pairs[p].B) low = middle + 1;
                else high = middle;
            }
            previous[p] = low > 0 ? tails[low - 1] : -1;
            if (low == tails.Count) tails.Add(p);
            else tails[low] = p;
        }
        var run = new List<(int A, int B)>(tails.Count);
        for (int p = tails[^1]; p >= 0; p = previous[p]) run.Add(pairs[p]);
        run.Reverse();
        return run;
    }

    private static bool TouchesEnd(DiffBlock block, int countA, int countB) =>
        block.DeleteStartA + block.DeleteCountA == countA || block.InsertStartB + block.InsertCountB == countB;

    private static void Emit(List<DiffLine> diff, DiffLineKind kind, LineTable lines, int[] source, int index, bool openEnded)
    {
        diff.Add(new DiffLine(kind, lines[source[index]]));
        if (openEnded && index == source.Length - 1) diff.Add(new DiffLine(DiffLineKind.NoFinalNewline, "\\ No newline at end of file"));
    }

    /// <summary>
    /// The distinct lines of both texts, each a number: texts become arrays of numbers, compared and counted without
    /// hashing a line again, and a line repeated throughout a values file (<c>registry: docker.io</c>) is one string.
    /// </summary>
    private sealed class LineTable
    {
        private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
        private readonly List<string> _texts = [];

        public int Count => _texts.Count;

        public string this[int number] => _texts[number];

        /// <summary>
        /// The text's lines as numbers. <c>\r\n</c>, <c>\r</c> and <c>\n</c> each end a line, and a final line break
        /// only ends the last line (DiffPlex's own chunker would make the empty rest a line of its own).
        /// </summary>
        public int[] Add(string text)
        {
            var numbers = new List<int>(text.Length / 32);
            var lookup = _numbers.GetAlternateLookup<ReadOnlySpan<char>>();
            ReadOnlySpan<char> rest = text;
            while (!rest.IsEmpty)
            {
                int end = rest.IndexOfAny('\r', '\n');
                ReadOnlySpan<char> line = end < 0 ? rest : rest[..end];
                if (!lookup.TryGetValue(line, out int number))
                {
                    number = _texts.Count;
                    string added = line.ToString();
                    _texts.Add(added);
                    _numbers.Add(added, number);
                }
                numbers.Add(number);
                if (end < 0) break;
                rest = rest[(end + (rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1))..];
            }
            return [.. numbers];
        }

        /// <summary>Lines <c>[start, end)</c> of a text as one string, each ended by <c>\n</c>.</summary>
        public string Join(int[] text, int start, int end)
        {
            var joined = new StringBuilder();
            for (int i = start; i < end; i++) joined.Append(_texts[text[i]]).Append('\n');
            return joined.ToString();
        }
    }

    /// <summary>
    /// Lines as diff counts them: DiffPlex's own <see cref="LineChunker"/> gives a last empty piece after a final
    /// newline, which would make "no final newline" a line of its own; here the final newline only ends the last line.
    /// </summary>
    private sealed class LineSplitter : IChunker
    {
        public static readonly LineSplitter Instance = new();

        /// <summary>The lines where <see cref="LineTable"/> ends them: one rule for where a line ends.</summary>
        public IReadOnlyList<string> Chunk(string text)
        {
            var table = new LineTable();
            return [.. table.Add(text).Select(number => table[number])];
        }
    }

    private static string Range(int start, int count) => count switch
    {
        0 => $"{start},0",
        1 => $"{start + 1}",
        _ => $"{start + 1},{count}",
    };
}
