using System.Text.RegularExpressions;
using OciTui.Registry.Compare;

namespace OciTui.Registry.Tests.Compare;

/// <summary>
/// Large texts are cut at lines found once on each side before DiffPlex diffs the stretches between them: the diff
/// must still turn the old text into the new one, and stay the shortest where the lines allow it.
/// </summary>
public sealed partial class LargeTextDiffTests
{
    private static string Components(int count, int version) => string.Concat(Enumerable.Range(0, count).Select(i =>
        $"component{i}:\n  enabled: true\n  image:\n    tag: v{(i % 3 == 0 ? version : 1)}.0.0\n  env:\n    - name: A\n      value: \"1\"\n"));

    [Fact]
    public void A_large_diff_that_changes_every_third_component_turns_the_old_text_into_the_new_with_only_those_lines()
    {
        string from = Components(6000, 1), to = Components(6000, 2);
        IReadOnlyList<DiffLine> diff = TextDiff.Unified(from, to);

        Assert.Equal(to, Apply(from, diff));
        Assert.Equal(2000, diff.Count(l => l.Kind == DiffLineKind.Removed));
        Assert.All(diff.Where(l => l.Kind == DiffLineKind.Added), l => Assert.Equal("    tag: v2.0.0", l.Text));
    }

    [Fact]
    public void Lines_moved_and_repeated_in_a_large_text_still_give_a_diff_that_applies()
    {
        string from = Components(3000, 1);
        string to = Components(1500, 1).Replace("enabled: true", "enabled: false", StringComparison.Ordinal) + "moved:\n" + Components(3000, 1)[..50_000];

        Assert.Equal(to, Apply(from, TextDiff.Unified(from, to)));
    }

    [Fact]
    public void A_huge_stretch_with_no_line_found_once_is_removed_and_added_whole()
    {
        string from = string.Concat(Enumerable.Repeat("- a\n- b\n", 15_000)), to = string.Concat(Enumerable.Repeat("- b\n- a\n- a\n", 10_000));
        IReadOnlyList<DiffLine> diff = TextDiff.Unified(from, to);

        Assert.Equal(to, Apply(from, diff));
    }

    /// <summary>Applies a unified diff as patch does, checking every context and removed line against the old text.</summary>
    private static string Apply(string from, IReadOnlyList<DiffLine> diff)
    {
        string[] old = from.Split('\n')[..^1];
        var result = new List<string>();
        int at = 0;
        foreach (DiffLine line in diff)
        {
            switch (line.Kind)
            {
                case DiffLineKind.HunkHeader:
                    Match header = HunkHeader().Match(line.Text);
                    int start = int.Parse(header.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    int count = header.Groups[2].Success ? int.Parse(header.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
                    int first = count == 0 ? start : start - 1;
                    while (at < first) result.Add(old[at++]);
                    break;
                case DiffLineKind.Context:
                    Assert.Equal(old[at], line.Text);
                    result.Add(old[at++]);
                    break;
                case DiffLineKind.Removed:
                    Assert.Equal(old[at], line.Text);
                    at++;
                    break;
                case DiffLineKind.Added:
                    result.Add(line.Text);
                    break;
            }
        }
        while (at < old.Length) result.Add(old[at++]);
        return string.Concat(result.Select(l => l + "\n"));
    }

    [GeneratedRegex(@"^@@ -(\d+)(?:,(\d+))? \+")]
    private static partial Regex HunkHeader();
}
