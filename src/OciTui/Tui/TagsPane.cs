using System.Globalization;
using OciTui.Registry.Browsing;
using OciTui.Registry.Text;
using OciTui.Registry.Trust;
using OciTui.Registry.Versions;

namespace OciTui.Tui;

/// <summary>
/// The open repository's tags as a version table: semver newest first (or newest created first), prereleases (~) and
/// other tags (?) marked, and beside each its appVersion and created date (and time, where there is room), read for the
/// rows in view only, so thousands of tags open at once and fill in as the user scrolls. A filter, or the created
/// order, reads the rest in the background, so "which version has appVersion 1.37.5" finds it. A trust column says
/// which charts are signed (from the manifest already read) and, with a keyring, verifies the provenance of the rows in
/// view. The cursor follows the session's selected tag.
/// </summary>
public sealed class TagsPane : ListPane
{
    public const string Idle = "Enter on a repository lists its tags.";
    private const int AppVersionWidth = 12;

    private const int ReadAllBatch = 48;

    private readonly LatestRequest _inView = new();
    private readonly LatestRequest _all = new();
    private Listing<SortedTag>? _shown;
    private IReadOnlyList<SortedTag> _tags = [];
    private TagSummaryLoader? _summaries;
    private ProvenanceChecks? _provenance;
    private int _tagWidth = 12;
    private bool _showTime;
    private Task? _readingAll;
    // The title's context without the background read's progress, which is added to it while it runs.
    private string? _context;
    // Whether a version is marked for compare or copy: the session's marks, read when a row is drawn.
    private Func<string, bool> _isMarked = _ => false;

    public TagsPane() : base("_Tags")
    {
        SetStatus(Idle);
        List.ViewportChanged += (_, e) =>
        {
            if (e.NewViewport.Y != e.OldViewport.Y || e.NewViewport.Height != e.OldViewport.Height) RowsLoading = LoadRowsInViewAsync();
        };
        RowsChanged += () =>
        {
            RowsLoading = LoadRowsInViewAsync();
            if (FilterText.Length > 0) ReadAll();
            else if (!ByCreated) StopReadingAll();
        };
        List.ViewportChanged += (_, e) =>
        {
            if (e.NewViewport.Width != e.OldViewport.Width && Status is null && ShowsTime(e.NewViewport.Width) != _showTime) Redraw();
        };
    }

    /// <summary>The order of the table: semantic version (helm's), or created, newest first.</summary>
    public bool ByCreated { get; private set; }

    public SortedTag? Selected => SelectedIndex is int i && i < _tags.Count ? _tags[i] : null;

    /// <summary>The most recent load of the rows in view.</summary>
    public Task RowsLoading { get; private set; } = Task.CompletedTask;

    public void Render(BrowseSession session)
    {
        _isMarked = session.IsMarked;
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
        _all.Cancel();
        _readingAll = null;
        _tags = ByCreated ? OrderedByCreated(listing.Items) : listing.Items;
        _summaries = null;
        _provenance = session.Provenance;
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
        if (session.Registry is { } registry) _summaries = new TagSummaryLoader(registry, repository, known: session.VersionTable);
        int semver = _tags.Count(t => t.IsSemver);
        _context = $"{TerminalText.Sanitize(repository, 40)} ({_tags.Count}, {semver} semver)";
        SetContext(_context);
        _tagWidth = Math.Clamp(_tags.Max(t => t.Tag.Length), 8, 24);
        _showTime = ShowsTime(List.Viewport.Width);
        SetHeader(HeaderText());
        SetItems(Rows(), session.Tag is { } tag ? Math.Max(0, IndexOf(tag)) : 0);
        if (ByCreated) ReadAll();
    }

    private List<string> Rows() => _tags.Select(t => RowOf(t, _summaries?.Cached(t.Tag))).ToList();

    private string RowOf(SortedTag tag, TagSummary? summary) =>
        Row(tag, summary, _tagWidth, _showTime, summary is null ? "" : TrustText.Column(summary.AnySignature, summary.Details is { } d ? _provenance?.Cached(d) : null), _isMarked(tag.Tag));

    /// <summary>A version was marked or unmarked: the marker column of the rows whose mark changed is drawn again.</summary>
    public void ShowMarks(BrowseSession session)
    {
        _isMarked = session.IsMarked;
        if (Status is not null) return;
        for (int i = 0; i < _tags.Count; i++)
        {
            bool marked = _isMarked(_tags[i].Tag);
            if (Source.ItemText(i) is { Length: > 0 } row && (row[0] == MarkedSign) != marked)
                UpdateItem(i, RowOf(_tags[i], _summaries?.Cached(_tags[i].Tag)));
        }
    }

    /// <summary>The marker column's sign for a version marked with Space.</summary>
    public const char MarkedSign = '*';

    private string HeaderText() =>
        $"  {"Tag".PadRight(_tagWidth)} {"App version".PadRight(AppVersionWidth)} {$"Created{(ByCreated ? " ▼" : "")}".PadRight(DateWidth(_showTime))} Trust";

    private static int DateWidth(bool withTime) => withTime ? "yyyy-MM-dd HH:mm".Length : "yyyy-MM-dd".Length;

    /// <summary>A created time fits beside the date when the pane has room for it and the trust column.</summary>
    private bool ShowsTime(int width) => width >= 2 + _tagWidth + 1 + AppVersionWidth + 1 + DateWidth(true) + 1 + TrustText.ColumnWidth;

    /// <summary>Redraws every row in the current order, keeping the selected tag selected.</summary>
    private void Redraw()
    {
        string? keep = Selected?.Tag;
        _showTime = ShowsTime(List.Viewport.Width);
        SetHeader(HeaderText());
        SetItems(Rows(), keep is null ? 0 : Math.Max(0, IndexOf(keep)));
    }

    /// <summary>Switches between the semantic-version order and newest created first (which reads every tag's created date).</summary>
    public void ToggleOrder(BrowseSession session)
    {
        ByCreated = !ByCreated;
        if (Status is not null) return;
        _tags = ByCreated ? OrderedByCreated(_tags) : session.Tags.Items;
        Redraw();
        if (ByCreated) ReadAll();
    }

    private IReadOnlyList<SortedTag> OrderedByCreated(IReadOnlyList<SortedTag> tags) =>
        [.. tags.OrderByDescending(t => _summaries?.Cached(t.Tag)?.Created ?? DateTimeOffset.MinValue)];

    private bool _startingReadAll;

    /// <summary>
    /// Reads every tag's summary in the background, a batch at a time through the same bounded loader, filtering and
    /// ordering again after each batch; once per listing, stopped by a new listing.
    /// </summary>
    private void ReadAll()
    {
        if (_readingAll is not null || _startingReadAll || _summaries is null || Status is not null) return;
        // Until ReadAllAsync first awaits, its rows redraw and raise RowsChanged, which calls here again before
        // _readingAll is set: without this guard a load that completed at once recursed until the stack overflowed.
        _startingReadAll = true;
        try
        {
            _readingAll = ReadAllAsync(_summaries, _tags, _all.Restart());
        }
        finally
        {
            _startingReadAll = false;
        }
    }

    /// <summary>The filter was cleared and the order is by version: the rest of the tags need not be read.</summary>
    private void StopReadingAll()
    {
        if (_readingAll is null) return;
        _all.Cancel();
        _readingAll = null;
        SetContext(_context);
    }

    private async Task ReadAllAsync(TagSummaryLoader loader, IReadOnlyList<SortedTag> tags, CancellationToken token)
    {
        List<string> missing = tags.Where(t => loader.Cached(t.Tag) is null).Select(t => t.Tag).ToList();
        try
        {
            for (int done = 0; done < missing.Count; done += ReadAllBatch)
            {
                SetContext($"{_context} reading {done} of {missing.Count}…");
                await loader.LoadAsync(missing.Skip(done).Take(ReadAllBatch), (_, _) => { }, token);
                token.ThrowIfCancellationRequested();
                if (ByCreated) _tags = OrderedByCreated(_tags);
                string? keep = Selected?.Tag;
                SetItems(Rows(), keep is null ? 0 : Math.Max(0, IndexOf(keep)));
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            if (!token.IsCancellationRequested) SetContext(_context);
        }
    }

    private int IndexOf(string tag)
    {
        for (int i = 0; i < _tags.Count; i++)
        {
            if (_tags[i].Tag == tag) return i;
        }
        return -1;
    }

    /// <summary>
    /// Fills in the rows in view (a short pause first, so paging through thousands of tags asks only for where it stops),
    /// then, with a keyring, verifies the signed ones among them; leaving the view or the repository cancels both.
    /// </summary>
    private async Task LoadRowsInViewAsync()
    {
        if (_summaries is not { } loader || Status is not null) return;
        CancellationToken token = _inView.Restart();
        List<string> inView = [.. RowsInView().Select(i => _tags[i].Tag)];
        List<string> wanted = inView.Where(t => loader.Cached(t) is null).ToList();
        // A row is found by its tag in the rows shown when its answer arrives: they may have been redrawn (same tags, a
        // new list) since this look began, and an answer dropped then left the row as it was last drawn.
        var filled = new Progress<string>(tag =>
        {
            if (ReferenceEquals(loader, _summaries) && IndexOf(tag) is var i and >= 0) UpdateItem(i, RowOf(_tags[i], loader.Cached(tag)));
        });
        try
        {
            if (wanted.Count > 0)
            {
                await Task.Delay(40, token);
                await loader.LoadAsync(wanted, (tag, _) => ((IProgress<string>)filled).Report(tag), token);
            }
            if (_provenance is { } checks && !token.IsCancellationRequested)
                await loader.VerifyAsync(inView, checks, (tag, _) => ((IProgress<string>)filled).Report(tag), token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// A version-table row: marked for compare (*), a sign (prerelease ~, not semver ?), the tag, its appVersion,
    /// created date (and time) and trust, then the chart's description where a listing API told it (Harbor).
    /// </summary>
    public static string Row(SortedTag tag, TagSummary? summary, int tagWidth, bool withTime = false, string trust = "", bool marked = false)
    {
        char marker = marked ? MarkedSign : ' ';
        string mark = tag.IsSemver ? (tag.IsPrerelease ? "~" : " ") : "?";
        string name = TerminalText.Sanitize(tag.Tag, 128);
        if (name.Length > tagWidth) name = name[..(tagWidth - 1)] + "…";
        string app = summary is null ? "…" : summary.Error is not null ? "(error)" : TerminalText.Sanitize(summary.AppVersion ?? "-", AppVersionWidth);
        string created = summary?.Created?.ToUniversalTime().ToString(withTime ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        string description = summary?.Description is { } text ? TerminalText.Sanitize(text, 200) : "";
        return $"{marker}{mark}{name.PadRight(tagWidth)} {app.PadRight(AppVersionWidth)} {created.PadRight(DateWidth(withTime))} {trust.PadRight(TrustText.ColumnWidth)} {description}".TrimEnd();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inView.Dispose();
            _all.Dispose();
        }
        base.Dispose(disposing);
    }
}
