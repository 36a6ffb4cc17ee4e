using OciTui.Registry.Browsing;
using OciTui.Registry.Text;

namespace OciTui.Tui;

/// <summary>
/// The open profile's repositories as the browse session has them: the catalog as its pages arrive, the pinned ones
/// (marked *) added, or why there are none and what to do.
/// </summary>
public sealed class RepositoriesPane : ListPane
{
    public const string Idle = "Enter on a profile lists its repositories.";

    private IReadOnlyList<string> _names = [];
    private IReadOnlyList<string> _pinned = [];

    public RepositoriesPane() : base("_Repositories") => SetStatus(Idle);

    public string? Selected => SelectedIndex is int i && i < _names.Count ? _names[i] : null;

    /// <summary>Shows the session's repositories, keeping the selected one selected while pages arrive or pins change.</summary>
    public void Render(BrowseSession session)
    {
        Listing<string> listing = session.Repositories;
        string? keep = Selected;
        _pinned = session.Profile?.Repositories ?? [];
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
            string count = session.RepositorySource == RepositorySource.Catalog ? $"{_names.Count}" : $"{_names.Count} pinned";
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
        int index = keep is null ? 0 : Math.Max(0, IndexOf(keep));
        SetItems(_names.Select(Line).ToList(), index);
    }

    private int IndexOf(string name)
    {
        for (int i = 0; i < _names.Count; i++)
        {
            if (_names[i] == name) return i;
        }
        return -1;
    }

    private string Line(string repository) => (_pinned.Contains(repository) ? "* " : "  ") + TerminalText.Sanitize(repository, 200);
}
