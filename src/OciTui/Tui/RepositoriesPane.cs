using OciTui.Registry.Browsing;
using OciTui.Registry.Text;

namespace OciTui.Tui;

/// <summary>
/// The open profile's repositories as the browse session has them: the catalog as its pages arrive, the pinned ones
/// (marked *) added, or why there are none and what to do. Listed through Harbor's API they are grouped under a
/// heading per project (a heading opens nothing); Docker Hub's Helm chart repositories are marked (helm).
/// </summary>
public sealed class RepositoriesPane : ListPane
{
    public const string Idle = "Enter on a profile lists its repositories.";

    private IReadOnlyList<string> _names = [];
    // The repository on each row; null on a project heading.
    private IReadOnlyList<string?> _rows = [];
    private IReadOnlyList<string> _pinned = [];
    private IReadOnlySet<string> _charts = new HashSet<string>();

    public RepositoriesPane() : base("_Repositories") => SetStatus(Idle);

    public string? Selected => SelectedIndex is int i && i < _rows.Count ? _rows[i] : null;

    /// <summary>Shows the session's repositories, keeping the selected one selected while pages arrive or pins change.</summary>
    public void Render(BrowseSession session)
    {
        Listing<string> listing = session.Repositories;
        string? keep = Selected;
        _pinned = session.Profile?.Repositories ?? [];
        _charts = session.HelmCharts;
        _names = listing.Items;
        Busy = listing.State == LoadState.Loading && listing.Items.Count > 0;
        string? profile = session.Profile is { } open ? TerminalText.Sanitize(open.Name, 30) : null;
        if (session.Profile is null)
        {
            SetContext(null);
            SetStatus(Idle);
            return;
        }
        if (listing.State == LoadState.Loaded)
        {
            string count = session.RepositorySource switch
            {
                RepositorySource.Pinned => $"{_names.Count} pinned",
                RepositorySource.Harbor => $"{_names.Count} in {_names.Select(Project).Distinct().Count()} projects",
                _ => $"{_names.Count}",
            };
            SetContext($"{profile} ({count})");
        }
        else
        {
            SetContext(profile);
        }
        if (_names.Count == 0)
        {
            SetStatus(listing.Message ?? (listing.State == LoadState.Loading ? "loading…" : Idle));
            return;
        }
        bool grouped = listing.State == LoadState.Loaded && session.RepositorySource == RepositorySource.Harbor;
        var rows = new List<string?>();
        var lines = new List<string>();
        if (grouped)
        {
            foreach (IGrouping<string, string> project in _names.GroupBy(Project, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                rows.Add(null);
                lines.Add($"{TerminalText.Sanitize(project.Key, 100)}/ ({project.Count()})");
                foreach (string name in project)
                {
                    rows.Add(name);
                    lines.Add("  " + Line(name));
                }
            }
        }
        else
        {
            rows.AddRange(_names);
            lines.AddRange(_names.Select(Line));
        }
        _rows = rows;
        // The first repository, not a heading, is where the cursor starts.
        int index = keep is not null && IndexOf(keep) is >= 0 and var kept ? kept : Math.Max(0, IndexOfFirstRepository());
        SetItems(lines, index);
    }

    /// <summary>The Harbor project a repository belongs to: its first path segment.</summary>
    private static string Project(string repository) => repository.Split('/', 2)[0];

    private int IndexOf(string name)
    {
        for (int i = 0; i < _rows.Count; i++)
        {
            if (_rows[i] == name) return i;
        }
        return -1;
    }

    private int IndexOfFirstRepository()
    {
        for (int i = 0; i < _rows.Count; i++)
        {
            if (_rows[i] is not null) return i;
        }
        return -1;
    }

    private string Line(string repository) =>
        (_pinned.Contains(repository) ? "* " : "  ") + TerminalText.Sanitize(repository, 200) + (_charts.Contains(repository) ? " (helm)" : "");
}
