using OciTui.Registry.Errors;

namespace OciTui.Registry.Browsing;

public enum RepositorySource
{
    Catalog,
    Pinned,

    /// <summary>Harbor's API: the projects this user may see and their repositories (named <c>project/repository</c>).</summary>
    Harbor,

    /// <summary>Docker Hub's repository API for the profile's namespace.</summary>
    DockerHub,
}

/// <summary>Repositories to show for a registry: its catalog, a listing API's, or the pinned ones with a note saying why.</summary>
public sealed record RepositoryList(IReadOnlyList<string> Names, RepositorySource Source, string? Note)
{
    /// <summary>The repositories the listing API says hold Helm charts (Docker Hub's content types).</summary>
    public IReadOnlySet<string> HelmCharts { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}

/// <summary>
/// Lists a registry's repositories: through its own listing API when it has one (Harbor's projects, a Docker Hub
/// namespace), else the catalog page by page, else (GHCR, Docker Hub, ECR and a non-admin Harbor refuse it) the
/// repositories the profile pins. With nothing pinned a refused catalog stays an error.
/// </summary>
public static class RepositoryListing
{
    public static async Task<RepositoryList> ListAsync(IRegistry registry, IReadOnlyList<string> pinned,
        Action<IReadOnlyList<string>>? onPage = null, CancellationToken cancellationToken = default)
    {
        string? apiNote = null;
        try
        {
            RepositoryList? viaApi = await registry.ListRepositoriesViaApiAsync(onPage, cancellationToken).ConfigureAwait(false);
            if (viaApi is { Names.Count: > 0 }) return viaApi;
            apiNote = viaApi?.Note;
        }
        catch (OciTuiException e) when (e is not RegistryUnreachableException)
        {
            // The listing API is a convenience: its failure leaves the catalog and the pinned repositories. An
            // unreachable registry (or an untrusted certificate) is told once, as the registry's error.
            apiNote = e.Message;
        }
        RepositoryList fallback = await ListCatalogAsync(registry, pinned, onPage, cancellationToken).ConfigureAwait(false);
        return apiNote is null ? fallback : fallback with { Note = fallback.Note is null ? apiNote : $"{apiNote} {fallback.Note}" };
    }

    private static async Task<RepositoryList> ListCatalogAsync(IRegistry registry, IReadOnlyList<string> pinned,
        Action<IReadOnlyList<string>>? onPage, CancellationToken cancellationToken)
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
