using OciTui.Registry.Browsing;
using OciTui.Registry.References;

namespace OciTui.Registry.Catalogs;

/// <summary>
/// Lists a Docker Hub namespace through Hub's repository API (Docker Hub has no catalog): its repositories, marked as
/// Helm charts where Hub's content types say so, and a repository's tags with their last push. Anonymous: what Hub
/// shows anyone (public repositories).
/// </summary>
/// <remarks>
/// Shapes: https://docs.docker.com/reference/api/hub/latest/ (listNamespaceRepositories: <c>content_types</c> and
/// <c>media_types</c>; ListRepositoryTags: <c>tag_last_pushed</c>), paged by the body's <c>next</c>.
/// </remarks>
internal sealed class DockerHubClient(ApiPages pages, Uri hubApi, string hubNamespace)
{
    public const string HelmConfigMediaType = "application/vnd.cncf.helm.config.v1+json";

    public async Task<RepositoryList> ListRepositoriesAsync(Action<IReadOnlyList<string>>? onPage, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var charts = new HashSet<string>(StringComparer.Ordinal);
        Uri first = new(hubApi, $"v2/namespaces/{hubNamespace}/repositories?page_size={ApiPages.PageSize}");
        await foreach (ApiPage<HubPage<HubRepository>> page in pages.ReadAsync(first, $"Docker Hub's repositories of '{hubNamespace}'",
            CatalogJsonContext.Default.HubPageHubRepository, p => p.Next, cancellationToken).ConfigureAwait(false))
        {
            if (page.Body.Results is not { Count: > 0 } results) break;
            var found = new List<string>();
            foreach (HubRepository repository in results)
            {
                string full = $"{hubNamespace}/{repository.Name}";
                if (repository.Name is null || repository.Name.Contains('/', StringComparison.Ordinal) || !ReferenceGrammar.IsValidRepository(full)) continue;
                found.Add(full);
                if (IsHelm(repository)) charts.Add(full);
            }
            names.AddRange(found);
            onPage?.Invoke(found);
        }
        string? note = names.Count == 0 ? $"Docker Hub lists no public repositories in '{hubNamespace}'." : null;
        return new RepositoryList(names, RepositorySource.DockerHub, note) { HelmCharts = charts };
    }

    private static bool IsHelm(HubRepository repository) =>
        repository.ContentTypes?.Any(t => string.Equals(t, "helm", StringComparison.OrdinalIgnoreCase)) == true
        || repository.MediaTypes?.Any(t => string.Equals(t, HelmConfigMediaType, StringComparison.OrdinalIgnoreCase)) == true;

    /// <summary>The tags of <c>namespace/repository</c> with their last push; a hint beside the registry's manifests, not a full version table.</summary>
    public async Task<VersionTable?> ListVersionTableAsync(string repository, CancellationToken cancellationToken)
    {
        string[] parts = repository.Split('/');
        if (parts.Length != 2) return null;
        var tags = new Dictionary<string, TagSummary>(StringComparer.Ordinal);
        Uri first = new(hubApi, $"v2/namespaces/{parts[0]}/repositories/{parts[1]}/tags?page_size={ApiPages.PageSize}");
        await foreach (ApiPage<HubPage<HubTag>> page in pages.ReadAsync(first, $"Docker Hub's tags of '{repository}'",
            CatalogJsonContext.Default.HubPageHubTag, p => p.Next, cancellationToken).ConfigureAwait(false))
        {
            if (page.Body.Results is not { Count: > 0 } results) break;
            foreach (HubTag tag in results)
            {
                if (!ReferenceGrammar.IsValidTag(tag.Name)) continue;
                string digest = Digest.TryParse(tag.Digest, out Digest parsed) ? parsed.ToString() : "";
                tags[tag.Name!] = new TagSummary(digest, null, tag.TagLastPushed ?? tag.LastUpdated);
            }
        }
        return new VersionTable(tags, Complete: false);
    }
}
