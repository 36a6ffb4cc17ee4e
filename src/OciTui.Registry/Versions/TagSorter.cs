namespace OciTui.Registry.Versions;

/// <summary>A tag with what sorting learned about it.</summary>
public sealed record SortedTag(string Tag, SemanticVersion? Version)
{
    public bool IsSemver => Version is not null;
    public bool IsPrerelease => Version?.IsPrerelease == true;
}

/// <summary>Orders tags as a chart user wants them: semver newest first (build metadata as a tie-break), then the other tags by name.</summary>
public static class TagSorter
{
    public static IReadOnlyList<SortedTag> Sort(IEnumerable<string> tags)
    {
        var semver = new List<SortedTag>();
        var other = new List<SortedTag>();
        foreach (string tag in tags.Distinct(StringComparer.Ordinal))
        {
            if (SemanticVersion.TryParse(tag, out SemanticVersion? version)) semver.Add(new SortedTag(tag, version));
            else other.Add(new SortedTag(tag, null));
        }
        semver.Sort((a, b) =>
        {
            int c = b.Version!.CompareTo(a.Version);
            return c != 0 ? c : string.CompareOrdinal(b.Tag, a.Tag);
        });
        other.Sort((a, b) => string.CompareOrdinal(a.Tag, b.Tag));
        return [.. semver, .. other];
    }

    /// <summary>The newest stable semver tag, else the newest prerelease, else null: what helm pull takes with no version.</summary>
    public static string? Newest(IEnumerable<string> tags)
    {
        IReadOnlyList<SortedTag> sorted = Sort(tags);
        return (sorted.FirstOrDefault(t => t.IsSemver && !t.IsPrerelease) ?? sorted.FirstOrDefault(t => t.IsSemver))?.Tag;
    }
}
