namespace OciTui.Registry.Versions;

/// <summary>A tag with what sorting learned about it.</summary>
public sealed record SortedTag(string Tag, SemanticVersion? Version)
{
    public bool IsSemver => Version is not null;
    public bool IsPrerelease => Version?.IsPrerelease == true;

    /// <summary>helm lists this tag as a chart version (strict SemVer, '_' read as '+', no <c>v</c>): only these can be picked by a range or by default.</summary>
    public bool IsHelmVersion => Version is { HasVPrefix: false };
}

/// <summary>
/// Orders tags as a chart user wants them: semver newest first, then the other tags by name. Versions of equal
/// precedence (<c>2.9.8</c> and <c>v2.9.8</c>, or builds <c>1.0.0_a</c> and <c>1.0.0_b</c>) keep the first that helm
/// would pick on top: the one helm lists, then the registry's order, as helm's sort leaves equal versions
/// (https://github.com/helm/helm/blob/v4.1.4/pkg/registry/client.go, <c>Client.Tags</c>).
/// </summary>
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
        other.Sort((a, b) => string.CompareOrdinal(a.Tag, b.Tag));
        // OrderBy is a stable sort: equal versions keep the registry's order.
        return [.. semver.OrderByDescending(t => t.Version!).ThenByDescending(t => t.IsHelmVersion), .. other];
    }
}
