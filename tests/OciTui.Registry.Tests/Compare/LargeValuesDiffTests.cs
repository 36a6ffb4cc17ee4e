using System.Text;
using OciTui.Registry.Compare;

namespace OciTui.Registry.Tests.Compare;

/// <summary>Two top-level maps with thousands of keys are walked in parts at once: the changes are those, in the order, of one walk.</summary>
public sealed class LargeValuesDiffTests
{
    [Fact]
    public void A_large_map_walked_in_parts_gives_the_changes_of_one_walk_in_its_order()
    {
        YamlValue from = Read(Components(0, 3_000, removed: 1_234, version: 1));
        YamlValue to = Read(Components(0, 3_000, removed: 2_345, version: 2) + "extra:\n  added: true\n");

        IReadOnlyList<ValueChange> inParts = ValuesDiff.Compare(from, to);
        // Under one key, the same maps are walked by one walker.
        IReadOnlyList<ValueChange> oneWalk = ValuesDiff.Compare(new YamlMap([new("all", from)]), new YamlMap([new("all", to)]));

        Assert.Equal(oneWalk.Select(c => (c.Path[4..], c.Change, ValuesDiff.Format(c.From), ValuesDiff.Format(c.To))),
            inParts.Select(c => (c.Path, c.Change, ValuesDiff.Format(c.From), ValuesDiff.Format(c.To))));
        Assert.Contains(inParts, c => c.Path == "component1234.image.tag" && c.Change == ChangeKind.Added);
        Assert.Contains(inParts, c => c.Path == "component2345.image.tag" && c.Change == ChangeKind.Removed);
        Assert.Equal("extra.added", inParts[^1].Path);
    }

    private static YamlValue Read(string text) => YamlReader.Read(text).Value!;

    /// <summary>Components whose every seventh image tag follows the version, without the one numbered <paramref name="removed"/>.</summary>
    private static string Components(int first, int count, int removed, int version)
    {
        var text = new StringBuilder();
        for (int i = first; i < first + count; i++)
        {
            text.Append(FormattableString.Invariant($"component{i}:\n  image:\n    repository: org/c{i}\n"));
            if (i != removed) text.Append(FormattableString.Invariant($"    tag: v{(i % 7 == 0 ? version : 1)}.0\n"));
        }
        return text.ToString();
    }
}
