using OciTui.Registry.Errors;

namespace OciTui.Registry.Browsing;

public enum RepositorySource
{
    Catalog,
    Pinned,
}

/// <summary>Repositories to show for a registry: its catalog, or the pinned ones with a note saying why.</summary>
public sealed record RepositoryList(IReadOnlyList<string> Names, RepositorySource Source, string? Note);

/// <summary>
/// Lists a registry's repositories: the catalog page by page, else (GHCR, Docker Hub, ECR and a non-admin Harbor
/// refuse it) the repositories the profile pins. With nothing pinned a refused catalog stays an error.
/// </summary>
public static class RepositoryListing
{
    public static async Task<RepositoryList> ListAsync(IRegistry registry, IReadOnlyList<string> pinned,
        Action<IReadOnlyList<string>>? onPage = null, CancellationToken cancellationToken = default)
    {
        try
        {
            var names = new List<string>();
            await foreach (IReadOnlyList<string> page in registry.ListRepositoriesAsync(cancellationToken).ConfigureAwait(false))
            {
                names.AddRange(page);
                onPage?.Invoke(page);
            }
            return new RepositoryList(names, RepositorySource.Catalog, null);
        }
        catch (CatalogUnavailableException e) when (pinned.Count > 0)
        {
            return new RepositoryList(pinned, RepositorySource.Pinned, $"{e.Message} Showing the profile's pinned repositories.");
        }
    }
}
