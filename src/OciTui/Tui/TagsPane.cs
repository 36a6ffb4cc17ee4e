using System.Globalization;
using OciTui.Registry;
using OciTui.Registry.Browsing;
using OciTui.Registry.Errors;
using OciTui.Registry.Text;
using OciTui.Registry.Versions;

namespace OciTui.Tui;

/// <summary>
/// The tags of one repository as a version table: semver newest first, prereleases (~) and other tags (?) marked,
/// and beside each its appVersion and created date, read for the rows in view only, so thousands of tags open at
/// once and fill in as the user scrolls.
/// </summary>
public sealed class TagsPane : ListPane
{
    public const string Idle = "Enter on a repository lists its tags.";
    private const int AppVersionWidth = 12;

    private readonly LatestRequest _load = new();
    private readonly LatestRequest _inView = new();
    private IReadOnlyList<SortedTag> _tags = [];
    private TagSummaryLoader? _summaries;
    private int _tagWidth = 12;
    // The most recent load of the rows in view: a tag load waits for its first screenful.
    private Task _rowsLoading = Task.CompletedTask;

    public TagsPane() : base("_Tags")
    {
        SetStatus(Idle);
        List.ViewportChanged += (_, e) =>
        {
            if (e.NewViewport.Y != e.OldViewport.Y || e.NewViewport.Height != e.OldViewport.Height) _rowsLoading = LoadRowsInViewAsync();
        };
        RowsChanged += () => _rowsLoading = LoadRowsInViewAsync();
    }

    public string? Repository { get; private set; }

    public SortedTag? Selected => SelectedIndex is int i && i < _tags.Count ? _tags[i] : null;

    public async Task LoadAsync(IRegistry registry, string repository)
    {
        CancellationToken token = _load.Restart();
        _inView.Cancel();
        Repository = repository;
        _tags = [];
        _summaries = new TagSummaryLoader(registry, repository);
        SetContext(TerminalText.Sanitize(repository, 40));
        SetHeader(null);
        SetStatus("loading…");
        try
        {
            var all = new List<string>();
            await foreach (IReadOnlyList<string> page in registry.ListTagsAsync(repository, token)) all.AddRange(page);
            token.ThrowIfCancellationRequested();
            _tags = TagSorter.Sort(all);
            if (_tags.Count == 0)
            {
                SetStatus("This repository has no tags.");
                return;
            }
            int semver = _tags.Count(t => t.IsSemver);
            SetContext($"{TerminalText.Sanitize(repository, 40)} ({_tags.Count}, {semver} semver)");
            _tagWidth = Math.Clamp(_tags.Max(t => t.Tag.Length), 8, 24);
            SetHeader($" {"Tag".PadRight(_tagWidth)} {"App version".PadRight(AppVersionWidth)} Created");
            // The cursor starts on the newest stable version, what helm pull takes without --version; prereleases stay above it.
            int newest = Math.Max(0, _tags.ToList().FindIndex(t => t.IsSemver && !t.IsPrerelease));
            SetItems(_tags.Select(t => Row(t, null, _tagWidth)).ToList(), newest);
            await _rowsLoading;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (OciTuiException e)
        {
            if (!token.IsCancellationRequested) SetStatus(Messages.Sentence(e));
        }
    }

    public void Reset(string message)
    {
        _load.Cancel();
        _inView.Cancel();
        Repository = null;
        _tags = [];
        _summaries = null;
        SetContext(null);
        SetHeader(null);
        SetStatus(message);
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
        if (disposing)
        {
            _load.Dispose();
            _inView.Dispose();
        }
        base.Dispose(disposing);
    }
}
