using System.Net;
using System.Text.Json;
using OciTui.Registry.Browsing;
using OciTui.Registry.Errors;
using OciTui.Registry.References;
using OciTui.Registry.Text;

namespace OciTui.Registry.Catalogs;

/// <summary>
/// Lists through Harbor's own API, which any project member may use where <c>/v2/_catalog</c> is for system admins
/// only: the projects this user sees, the repositories of each, and a repository's artifacts with their tags, Chart.yaml
/// fields (<c>extra_attrs</c>) and signatures (<c>accessories</c>): the whole version table in pages of 100.
/// </summary>
/// <remarks>Paths, parameters and shapes: https://github.com/goharbor/harbor/blob/main/api/v2.0/swagger.yaml (listProjects, listRepositories, listArtifacts).</remarks>
internal sealed class HarborClient(ApiPages pages, Uri apiBase, string address, Func<CancellationToken, Task<bool>> hasCredential)
{
    /// <summary>Where Harbor's API lives under the registry's origin.</summary>
    public const string ApiPath = "/api/v2.0/";

    public async Task<RepositoryList> ListRepositoriesAsync(Action<IReadOnlyList<string>>? onPage, CancellationToken cancellationToken)
    {
        var projects = new List<string>();
        await foreach (ApiPage<List<HarborProject>> page in pages.ReadAsync(Page("projects", "&with_detail=false"), "Harbor's project list",
            CatalogJsonContext.Default.ListHarborProject, null, cancellationToken).ConfigureAwait(false))
        {
            if (page.Body.Count == 0) break;
            projects.AddRange(page.Body.Select(p => p.Name).OfType<string>().Where(IsProjectName));
        }
        var names = new List<string>();
        var skipped = new List<(string Project, HttpStatusCode Status)>();
        foreach (string project in projects.Distinct(StringComparer.Ordinal))
        {
            try
            {
                await foreach (ApiPage<List<HarborRepository>> page in pages.ReadAsync(Page($"projects/{project}/repositories", ""),
                    $"Harbor's repositories of project '{project}'", CatalogJsonContext.Default.ListHarborRepository, null, cancellationToken).ConfigureAwait(false))
                {
                    if (page.Body.Count == 0) break;
                    List<string> found = page.Body.Select(r => r.Name).OfType<string>()
                        .Where(n => n.StartsWith(project + "/", StringComparison.Ordinal) && ReferenceGrammar.IsValidRepository(n)).ToList();
                    names.AddRange(found);
                    onPage?.Invoke(found);
                }
            }
            catch (RegistryResponseException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                // One project closed to this user costs that project, not the listing.
                skipped.Add((project, e.StatusCode));
            }
        }
        string? note = skipped.Count == 0 ? null : await SkippedNoteAsync(skipped, cancellationToken).ConfigureAwait(false);
        if (projects.Count == 0) note = $"Harbor at {address} shows this user no projects.";
        return new RepositoryList(names, RepositorySource.Harbor, note);
    }

    /// <summary>Tells "not logged in" (401: Harbor took the request as anonymous, a wrong password included) from "not allowed" (403).</summary>
    private async Task<string> SkippedNoteAsync(List<(string Project, HttpStatusCode Status)> skipped, CancellationToken cancellationToken)
    {
        string Names(HttpStatusCode status) => string.Join(", ", skipped.Where(s => s.Status == status).Select(s => $"'{TerminalText.Sanitize(s.Project, 60)}'"));
        var parts = new List<string>();
        if (skipped.Any(s => s.Status == HttpStatusCode.Unauthorized))
        {
            parts.Add(await hasCredential(cancellationToken).ConfigureAwait(false)
                ? $"Harbor did not accept the credentials for project(s) {Names(HttpStatusCode.Unauthorized)} (a wrong password counts as not logged in) and they were skipped."
                : $"Project(s) {Names(HttpStatusCode.Unauthorized)} need a login and were skipped.");
        }
        if (skipped.Any(s => s.Status == HttpStatusCode.Forbidden))
            parts.Add($"This user may not list project(s) {Names(HttpStatusCode.Forbidden)}, skipped.");
        if (skipped.Any(s => s.Status == HttpStatusCode.NotFound))
            parts.Add($"Project(s) {Names(HttpStatusCode.NotFound)} vanished while listing, skipped.");
        return string.Join(" ", parts);
    }

    /// <summary>
    /// A repository's tags with appVersion, description, push time and whether it is signed, from its artifact list.
    /// Null for a name Harbor cannot hold (no project part).
    /// </summary>
    public async Task<VersionTable?> ListVersionTableAsync(string repository, CancellationToken cancellationToken)
    {
        int slash = repository.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0) return null;
        string project = repository[..slash];
        // Harbor's repository_name: "If it contains slash, encode it twice over with URL encoding. e.g. a/b -> a%2Fb -> a%252Fb".
        string name = Uri.EscapeDataString(Uri.EscapeDataString(repository[(slash + 1)..]));
        var tags = new Dictionary<string, TagSummary>(StringComparer.Ordinal);
        long seen = 0;
        await foreach (ApiPage<List<HarborArtifact>> page in pages.ReadAsync(
            Page($"projects/{project}/repositories/{name}/artifacts", "&with_tag=true&with_accessory=true&with_label=false&with_scan_overview=false"),
            $"Harbor's artifacts of '{repository}'", CatalogJsonContext.Default.ListHarborArtifact, null, cancellationToken).ConfigureAwait(false))
        {
            if (page.Body.Count == 0) break;
            foreach (HarborArtifact artifact in page.Body) AddTags(tags, artifact);
            seen += page.Body.Count;
            // A server that keeps linking pages past the total it announced is paging without end.
            if (page.TotalCount is long total && seen >= total) break;
        }
        return new VersionTable(tags, Complete: true);
    }

    private static void AddTags(Dictionary<string, TagSummary> tags, HarborArtifact artifact)
    {
        string digest = artifact.Digest is { } d && Digest.TryParse(d, out Digest parsed) ? parsed.ToString() : "";
        string? appVersion = ChartField(artifact.ExtraAttrs, "appVersion");
        string? description = ChartField(artifact.ExtraAttrs, "description");
        bool signed = artifact.Accessories?.Any(a => a.Type?.StartsWith("signature.", StringComparison.Ordinal) == true) == true;
        foreach (HarborTag tag in artifact.Tags ?? [])
        {
            if (tag.Name is not { } tagName || !ReferenceGrammar.IsValidTag(tagName)) continue;
            tags[tagName] = new TagSummary(digest, appVersion, tag.PushTime ?? artifact.PushTime)
            {
                Description = description,
                Signed = signed,
            };
        }
    }

    /// <summary>A Chart.yaml field from <c>extra_attrs</c> (any JSON by the definition): a string, or absent. Sanitised when shown.</summary>
    private static string? ChartField(JsonElement? extraAttributes, string field) =>
        extraAttributes is { ValueKind: JsonValueKind.Object } attributes
        && attributes.TryGetProperty(field, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool IsProjectName(string name) => !name.Contains('/', StringComparison.Ordinal) && ReferenceGrammar.IsValidRepository(name);

    private Uri Page(string path, string query) => new(apiBase, $"{path}?page=1&page_size={ApiPages.PageSize}{query}");
}
