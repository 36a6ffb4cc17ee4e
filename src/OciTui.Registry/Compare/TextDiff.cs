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
public static class TextDiff
{
    public const int DefaultContext = 3;

    public static IReadOnlyList<DiffLine> Unified(string? from, string? to, int context = DefaultContext)
    {
        from ??= "";
        to ??= "";
        DiffResult result = Differ.Instance.CreateDiffs(from, to, ignoreWhiteSpace: false, ignoreCase: false, LineSplitter.Instance);
        string[] a = [.. result.PiecesOld];
        string[] b = [.. result.PiecesNew];
        bool aOpen = from.Length > 0 && !from.EndsWith('\n') && !from.EndsWith('\r');
        bool bOpen = to.Length > 0 && !to.EndsWith('\n') && !to.EndsWith('\r');
        var blocks = result.DiffBlocks.ToList();
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
