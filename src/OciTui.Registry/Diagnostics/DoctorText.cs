using OciTui.Registry.Text;

namespace OciTui.Registry.Diagnostics;

/// <summary>
/// The report as text, shared by <c>ocitui doctor</c> and the TUI's dialog: per step a first line with the status word
/// and the step's name, then the detail and the fix wrapped under it, within the given width (80 columns by default).
/// Every string passes <see cref="TerminalText.Sanitize"/> once more on its way out.
/// </summary>
public static class DoctorText
{
    private const int StatusWidth = 9;
    private const int StepWidth = 13;
    private const int Indent = StatusWidth + StepWidth;

    public static string StatusWord(DoctorStatus status) => status switch
    {
        DoctorStatus.Ok => "ok",
        DoctorStatus.Warning => "WARNING",
        DoctorStatus.Failure => "FAILED",
        _ => "skipped",
    };

    public static IEnumerable<string> Lines(DoctorStepResult step, int width = 80)
    {
        int room = Math.Max(20, width - Indent);
        List<string> detail = Wrap(TerminalText.Sanitize(step.Detail, 2000), room);
        yield return $"{StatusWord(step.Status),-StatusWidth}{step.Name,-StepWidth}{detail[0]}";
        foreach (string line in detail.Skip(1)) yield return new string(' ', Indent) + line;
        if (step.Fix is { Length: > 0 } fix)
        {
            foreach (string line in Wrap("fix: " + TerminalText.Sanitize(fix, 1000), room)) yield return new string(' ', Indent) + line;
        }
    }

    public static IEnumerable<string> Lines(DoctorReport report, int width = 80)
    {
        yield return Heading(report.Target);
        foreach (DoctorStepResult step in report.Steps)
        {
            foreach (string line in Lines(step, width)) yield return line;
        }
        yield return Summary(report.Steps);
    }

    public static string Heading(string target) => $"Connection check of {TerminalText.Sanitize(target, 200)}";

    public static string Summary(IReadOnlyCollection<DoctorStepResult> steps)
    {
        int failed = steps.Count(s => s.Status == DoctorStatus.Failure);
        int warned = steps.Count(s => s.Status == DoctorStatus.Warning);
        if (failed == 0 && warned == 0) return "Nothing failed.";
        var parts = new List<string>();
        if (failed > 0) parts.Add($"{failed} failed");
        if (warned > 0) parts.Add($"{warned} warning{(warned == 1 ? "" : "s")}");
        return $"{string.Join(", ", parts)}: see the fix under each.";
    }

    /// <summary>Greedy word wrap; a word longer than the width (a URL, a path) is cut.</summary>
    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string rest = word;
            while (rest.Length > 0)
            {
                int free = width - line.Length - (line.Length > 0 ? 1 : 0);
                if (rest.Length <= free)
                {
                    if (line.Length > 0) line.Append(' ');
                    line.Append(rest);
                    rest = "";
                }
                else if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                else
                {
                    lines.Add(rest[..width]);
                    rest = rest[width..];
                }
            }
        }
        if (line.Length > 0 || lines.Count == 0) lines.Add(line.ToString());
        return lines;
    }
}
