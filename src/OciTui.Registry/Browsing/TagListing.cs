using OciTui.Registry.Errors;

namespace OciTui.Registry.Browsing;

/// <summary>
/// A repository's tags for the version table: from the registry's listing API when it has one (Harbor: every tag with
/// its summary in a few paged requests), else from the registry API's tag list. The TUI and <c>ocitui tags</c> both
/// list through here.
/// </summary>
public static class TagListing
{
    /// <param name="onNote">Told, in one sentence, why the listing API was not used when it failed.</param>
    public static async Task<(List<string> Tags, VersionTable? Table)> ListAsync(IRegistry registry, string repository, Action<string>? onNote,
        CancellationToken cancellationToken)
    {
        VersionTable? table = null;
        try
        {
            table = await registry.ListVersionTableAsync(repository, cancellationToken).ConfigureAwait(false);
        }
        catch (OciTuiException e) when (e is not RegistryUnreachableException)
        {
            // The listing API is a convenience; the registry API stays the source of truth for tags. An unreachable
            // registry (or an untrusted certificate) is the registry's error, told once, not a note and then again.
            onNote?.Invoke($"{e.Message} Listing the tags through the registry API instead.");
        }
        if (table is { Complete: true, Tags.Count: > 0 }) return ([.. table.Tags.Keys], table);
        var tags = new List<string>();
        await foreach (IReadOnlyList<string> page in registry.ListTagsAsync(repository, cancellationToken).ConfigureAwait(false)) tags.AddRange(page);
        return (tags, table);
    }
}
