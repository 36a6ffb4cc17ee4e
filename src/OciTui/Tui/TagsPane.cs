using System.Globalization;
using OciTui.Registry.Browsing;
using OciTui.Registry.Text;
using OciTui.Registry.Versions;

namespace OciTui.Tui;

/// <summary>
/// The open repository's tags as a version table: semver newest first, prereleases (~) and other tags (?) marked,
/// and beside each its appVersion and created date, read for the rows in view only, so thousands of tags open at
/// once and fill in as the user scrolls. The cursor follows the session's selected tag.
/// </summary>
public sealed class TagsPane : ListPane
{
    public const string Idle = "Enter on a repository lists its tags.";
    private const int AppVersionWidth = 12;

    private readonly LatestRequest _inView = new();
    private Listing<SortedTag>? _shown;
    private IReadOnlyList<SortedTag> _tags = [];
    private TagSummaryLoader? _summaries;
    private int _tagWidth = 12;

    public TagsPane() : base("_Tags")
    {
        SetStatus(Idle);
        List.ViewportChanged += (_, e) =>
        {
            if (e.NewViewport.Y != e.OldViewport.Y || e.NewViewport.Height != e.OldViewport.Height) RowsLoading = LoadRowsInViewAsync();
        };
        RowsChanged += () => RowsLoading = LoadRowsInViewAsync();
    }

    public SortedTag? Selected => SelectedIndex is int i && i < _tags.Count ? _tags[i] : null;

    /// <summary>The most recent load of the rows in view.</summary>
    public Task RowsLoading { get; private set; } = Task.CompletedTask;

    public void Render(BrowseSession session)
    {
        Listing<SortedTag> listing = session.Tags;
        if (!ReferenceEquals(listing, _shown))
        {
            _shown = listing;
            Show(session, listing);
        }
        // A refresh or a new listing selects a tag in the session: the cursor goes there.
        if (session.Tag is { } tag && Selected?.Tag != tag && Status is null)
        {
            int index = IndexOf(tag);
            if (index >= 0) SetItems(Rows(), index);
        }
    }

    private void Show(BrowseSession session, Listing<SortedTag> listing)
    {
        _inView.Cancel();
        _tags = listing.Items;
        _summaries = null;
        SetHeader(null);
        if (session.Repository is not { } repository)
        {
            SetContext(null);
            SetStatus(Idle);
            return;
        }
        SetContext(TerminalText.Sanitize(repository, 40));
        if (listing.State != LoadState.Loaded || _tags.Count == 0)
        {
            SetStatus(listing.Message ?? (listing.State == LoadState.Loading ? "loading…" : Idle));
            return;
        }
        if (session.Registry is { } registry) _summaries = new TagSummaryLoader(registry, repository);
        int semver = _tags.Count(t => t.IsSemver);
        SetContext($"{TerminalText.Sanitize(repository, 40)} ({_tags.Count}, {semver} semver)");
        _tagWidth = Math.Clamp(_tags.Max(t => t.Tag.Length), 8, 24);
        SetHeader($" {"Tag".PadRight(_tagWidth)} {"App version".PadRight(AppVersionWidth)} Created");
        SetItems(Rows(), session.Tag is { } tag ? Math.Max(0, IndexOf(tag)) : 0);
    }

    private List<string> Rows() => _tags.Select(t => Row(t, _summaries?.Cached(t.Tag), _tagWidth)).ToList();

    private int IndexOf(string tag)
    {
        for (int i = 0; i < _tags.Count; i++)
        {
            if (_tags[i].Tag == tag) return i;
        }
        return -1;
    }

    /// <summary>Fills in the rows in view (a short pause first, so paging through thousands of tags asks only for where it stops).</summary>
    private async Task LoadRowsInViewAsync()
    {
        if (_summaries is not { } loader || Status is not null) return;
        CancellationToken token = _inView.Restart();
        IReadOnlyList<SortedTag> tags = _tags;
        Dictionary<string, int> wanted = RowsInView().Where(i => loader.Cached(tags[i].Tag) is null).ToDictionary(i => tags[i].Tag, StringComparer.Ordinal);
        if (wanted.Count == 0) return;
        var filled = new Progress<(string Tag, TagSummary Summary)>(loaded =>
        {
            if (ReferenceEquals(tags, _tags) && wanted.TryGetValue(loaded.Tag, out int i)) UpdateItem(i, Row(tags[i], loaded.Summary, _tagWidth));
        });
        try
        {
            await Task.Delay(40, token);
            await loader.LoadAsync(wanted.Keys, (tag, summary) => ((IProgress<(string, TagSummary)>)filled).Report((tag, summary)), token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A version-table row: a mark (prerelease ~, not semver ?), the tag, its appVersion and created date.</summary>
    public static string Row(SortedTag tag, TagSummary? summary, int tagWidth)
    {
        string mark = tag.IsSemver ? (tag.IsPrerelease ? "~" : " ") : "?";
        string name = TerminalText.Sanitize(tag.Tag, 128);
        if (name.Length > tagWidth) name = name[..(tagWidth - 1)] + "…";
        string app = summary is null ? "…" : summary.Error is not null ? "(error)" : TerminalText.Sanitize(summary.AppVersion ?? "-", AppVersionWidth);
        string created = summary?.Created?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        return $"{mark}{name.PadRight(tagWidth)} {app.PadRight(AppVersionWidth)} {created}".TrimEnd();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inView.Dispose();
        base.Dispose(disposing);
    }
}
