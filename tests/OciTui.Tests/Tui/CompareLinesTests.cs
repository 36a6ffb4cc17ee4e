using OciTui.Tui;

namespace OciTui.Tests.Tui;

/// <summary>A compare tab's lines: a diff's lines are made when drawn, while their count, kinds and width are known at once.</summary>
public sealed class CompareLinesTests
{
    [Fact]
    public void A_run_of_lines_is_made_only_when_asked_for_and_its_kinds_and_width_come_without_making_it()
    {
        int made = 0;
        var lines = new CompareLines();
        lines.Add(CompareLineKind.Heading, "3 key paths changed:");
        lines.Add(CompareLineKind.Changed, "~ a: 1 -> 2");
        lines.AddRun(100_000, i => i % 10 == 0 ? CompareLineKind.Added : CompareLineKind.Plain, i =>
        {
            made++;
            return i % 10 == 0 ? $"+line {i}" : $" line {i}";
        }, maxLength: 12);
        lines.Add(CompareLineKind.Plain, "the end");

        Assert.Equal(100_003, lines.Count);
        Assert.Equal(20, lines.MaxLength);
        Assert.Equal(10_000, lines.ChangeStarts.Count);
        // The changed key and the first added line are one run.
        Assert.Equal([1, 12, 22], lines.ChangeStarts.Take(3));
        Assert.Equal(0, made);

        // What a screenful draws.
        string[] shown = [.. Enumerable.Range(0, 24).Select(i => lines.Texts[i])];
        Assert.Equal(22, made);
        Assert.Equal(["3 key paths changed:", "~ a: 1 -> 2", "+line 0", " line 1"], shown[..4]);
        Assert.Equal(new CompareLine(CompareLineKind.Plain, "the end"), lines[^1]);
        Assert.Equal(new CompareLine(CompareLineKind.Added, "+line 99990"), lines[99_992]);
    }
}
