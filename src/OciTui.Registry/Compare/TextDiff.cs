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
        string[] a = [.. LineSplitter.Instance.Chunk(from)];
        string[] b = [.. LineSplitter.Instance.Chunk(to)];
        bool aOpen = from.Length > 0 && !from.EndsWith('\n') && !from.EndsWith('\r');
        bool bOpen = to.Length > 0 && !to.EndsWith('\n') && !to.EndsWith('\r');
        List<DiffBlock> blocks = Blocks(a, b);
        // A change of only the final newline: diff -u shows the last line removed and added again.
        if (blocks.Count == 0 && aOpen != bOpen && a.Length > 0 && b.Length > 0)
            blocks.Add(new DiffBlock(a.Length - 1, 1, b.Length - 1, 1));
        else if (aOpen != bOpen && blocks.Count > 0 && !TouchesEnd(blocks[^1], a.Length, b.Length) && a.Length > 0 && b.Length > 0)
            blocks.Add(new DiffBlock(a.Length - 1, 1, b.Length - 1, 1));

        var lines = new List<DiffLine>();
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
            lines.Add(new DiffLine(DiffLineKind.HunkHeader, $"@@ -{Range(startA, endA - startA)} +{Range(startB, endB - startB)} @@"));
            int posA = startA;
            for (int k = i; k <= j; k++)
            {
                DiffBlock block = blocks[k];
                for (; posA < block.DeleteStartA; posA++) Emit(lines, DiffLineKind.Context, a, posA, aOpen && bOpen);
                for (int d = 0; d < block.DeleteCountA; d++) Emit(lines, DiffLineKind.Removed, a, block.DeleteStartA + d, aOpen);
                for (int n = 0; n < block.InsertCountB; n++) Emit(lines, DiffLineKind.Added, b, block.InsertStartB + n, bOpen);
                posA = block.DeleteStartA + block.DeleteCountA;
            }
            for (; posA < endA; posA++) Emit(lines, DiffLineKind.Context, a, posA, aOpen && bOpen);
            i = j + 1;
        }
        return lines;
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

    private static List<DiffBlock> Blocks(string[] a, string[] b)
    {
        var blocks = new List<DiffBlock>();
        Stretch(a, 0, a.Length, b, 0, b.Length, blocks);
        return blocks;
    }

    /// <summary>The differences of <c>a[startA..endA]</c> and <c>b[startB..endB]</c>, appended to <paramref name="blocks"/> in order.</summary>
    private static void Stretch(string[] a, int startA, int endA, string[] b, int startB, int endB, List<DiffBlock> blocks)
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
            Searched(a, startA, endA, b, startB, endB, blocks);
            return;
        }
        List<(int A, int B)> anchors = Anchors(a, startA, endA, b, startB, endB);
        if (anchors.Count == 0)
        {
            if (countA + countB <= MaxSearchedLines) Searched(a, startA, endA, b, startB, endB, blocks);
            else blocks.Add(new DiffBlock(startA, countA, startB, countB));
            return;
        }
        int fromA = startA, fromB = startB;
        foreach ((int anchorA, int anchorB) in anchors)
        {
            Stretch(a, fromA, anchorA, b, fromB, anchorB, blocks);
            fromA = anchorA + 1;
            fromB = anchorB + 1;
        }
        Stretch(a, fromA, endA, b, fromB, endB, blocks);
    }

    /// <summary>DiffPlex's Myers diff of a stretch, its blocks moved to the stretch's place.</summary>
    private static void Searched(string[] a, int startA, int endA, string[] b, int startB, int endB, List<DiffBlock> blocks)
    {
        // The stretch's lines hold no line break (they were split at them), so joined they split back the same.
        string textA = string.Join('\n', a, startA, endA - startA) + "\n";
        string textB = string.Join('\n', b, startB, endB - startB) + "\n";
        DiffResult result = Differ.Instance.CreateDiffs(textA, textB, ignoreWhiteSpace: false, ignoreCase: false, LineSplitter.Instance);
        foreach (DiffBlock block in result.DiffBlocks)
            blocks.Add(new DiffBlock(startA + block.DeleteStartA, block.DeleteCountA, startB + block.InsertStartB, block.InsertCountB));
    }

    /// <summary>
    /// Lines found exactly once in each stretch, as pairs of positions, reduced to the longest run in the same order
    /// on both sides (a longest increasing subsequence, by patience sorting).
    /// </summary>
    private static List<(int A, int B)> Anchors(string[] a, int startA, int endA, string[] b, int startB, int endB)
    {
        // Per line: how often in a, where in a, how often in b, where in b.
        var seen = new Dictionary<string, (int CountA, int A, int CountB, int B)>(StringComparer.Ordinal);
        for (int i = startA; i < endA; i++)
        {
            seen.TryGetValue(a[i], out var entry);
            seen[a[i]] = (entry.CountA + 1, i, entry.CountB, entry.B);
        }
        for (int j = startB; j < endB; j++)
        {
            if (!seen.TryGetValue(b[j], out var entry)) continue;
            seen[b[j]] = (entry.CountA, entry.A, entry.CountB + 1, j);
        }
        var pairs = new List<(int A, int B)>();
        for (int i = startA; i < endA; i++)
        {
            var entry = seen[a[i]];
            if (entry.CountA == 1 && entry.CountB == 1) pairs.Add((i, entry.B));
        }
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

    private static void Emit(List<DiffLine> lines, DiffLineKind kind, string[] source, int index, bool openEnded)
    {
        lines.Add(new DiffLine(kind, source[index]));
        if (openEnded && index == source.Length - 1) lines.Add(new DiffLine(DiffLineKind.NoFinalNewline, "\\ No newline at end of file"));
    }

    /// <summary>
    /// Lines as diff counts them: DiffPlex's own <see cref="LineChunker"/> gives a last empty piece after a final
    /// newline, which would make "no final newline" a line of its own; here the final newline only ends the last line.
    /// </summary>
    private sealed class LineSplitter : IChunker
    {
        public static readonly LineSplitter Instance = new();

        public IReadOnlyList<string> Chunk(string text)
        {
            if (text.Length == 0) return [];
            string[] lines = text.Split(["\r\n", "\r", "\n"], StringSplitOptions.None);
            return lines[^1].Length == 0 ? lines[..^1] : lines;
        }
    }

    private static string Range(int start, int count) => count switch
    {
        0 => $"{start},0",
        1 => $"{start + 1}",
        _ => $"{start + 1},{count}",
    };
}
