using OciTui.Registry.Compare;

namespace OciTui.Registry.Tests.Compare;

public sealed class TextDiffTests
{
    private static readonly string Twenty = string.Concat(Enumerable.Range(1, 20).Select(i => $"line{i}\n"));

    [Fact]
    public void Unified_diff_has_three_lines_of_context_by_default_as_diff_u()
    {
        string changed = Twenty.Replace("line10\n", "ten\n", StringComparison.Ordinal);
        Assert.Equal(["@@ -7,7 +7,7 @@", " line7", " line8", " line9", "-line10", "+ten", " line11", " line12", " line13"],
            TextDiff.Unified(Twenty, changed).Select(l => l.ToString()));
    }

    [Fact]
    public void Context_of_zero_shows_only_the_changed_lines_and_far_changes_get_their_own_hunks()
    {
        string changed = Twenty.Replace("line2\n", "two\n", StringComparison.Ordinal).Replace("line18\n", "", StringComparison.Ordinal);
        Assert.Equal(["@@ -2 +2 @@", "-line2", "+two", "@@ -18 +17,0 @@", "-line18"],
            TextDiff.Unified(Twenty, changed, context: 0).Select(l => l.ToString()));
    }

    [Fact]
    public void Same_texts_give_no_lines()
    {
        Assert.Empty(TextDiff.Unified(Twenty, Twenty));
        Assert.Equal("", TextDiff.Format([], "a", "b"));
    }

    [Fact]
    public void A_new_file_is_all_additions_from_line_zero()
    {
        Assert.Equal(["@@ -0,0 +1,2 @@", "+a", "+b"], TextDiff.Unified(null, "a\nb\n").Select(l => l.ToString()));
    }
}
