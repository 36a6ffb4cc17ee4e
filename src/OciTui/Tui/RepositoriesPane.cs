using OciTui.Registry;
using OciTui.Registry.Browsing;
using OciTui.Registry.Errors;
using OciTui.Registry.Profiles;
using OciTui.Registry.Text;

namespace OciTui.Tui;

/// <summary>
/// The repositories of the open profile: the catalog as its pages arrive, the pinned ones (marked *) added, or with
/// a refused catalog the pinned ones and how to type a path.
/// </summary>
public sealed class RepositoriesPane : ListPane
{
    public const string Idle = "Enter on a profile lists its repositories.";

    private readonly LatestRequest _load = new();
    private List<string> _names = [];
    private IReadOnlyList<string> _pinned = [];

    public RepositoriesPane() : base("_Repositories") => SetStatus(Idle);

    public string? Selected => SelectedIndex is int i && i < _names.Count ? _names[i] : null;

    public async Task LoadAsync(IRegistry registry, Profile profile)
    {
        CancellationToken token = _load.Restart();
        _pinned = profile.Repositories;
        _names = [];
        SetContext(TerminalText.Sanitize(profile.Name, 30));
        SetStatus("loading…");
        Busy = true;
        // Pages arrive on the thread pool; Progress posts them to the UI thread that created it.
        var pages = new Progress<IReadOnlyList<string>>(page =>
        {
            if (token.IsCancellationRequested) return;
            bool first = _names.Count == 0;
            _names.AddRange(page);
            if (first) SetItems(_names.Select(Line).ToList(), 0);
            else AppendItems(page.Select(Line));
        });
        try
        {
            RepositoryList listed = await RepositoryListing.ListAsync(registry, profile.Repositories, ((IProgress<IReadOnlyList<string>>)pages).Report, token);
            token.ThrowIfCancellationRequested();
            _names = listed.Names.Concat(profile.Repositories.Where(p => !listed.Names.Contains(p))).ToList();
            string count = listed.Source == RepositorySource.Catalog ? $"{_names.Count}" : $"{_names.Count} pinned";
            SetContext($"{TerminalText.Sanitize(profile.Name, 30)} ({count})");
            if (_names.Count == 0) SetStatus("The registry lists no repositories. Press a to type a repository path.");
            else SetItems(_names.Select(Line).ToList(), 0);
            Busy = false;
            if (listed.Note is not null) Noted?.Invoke(listed.Note);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (CatalogUnavailableException e)
        {
            if (token.IsCancellationRequested) return;
            Busy = false;
            SetStatus($"{e.Message} Press a to type a repository path, then p to pin it to the profile.");
        }
        catch (OciTuiException e)
        {
            if (token.IsCancellationRequested) return;
            Busy = false;
            SetStatus(Messages.Sentence(e));
        }
    }

    /// <summary>Raised with a note worth a line in the status bar (the catalog was refused, pinned ones shown).</summary>
    public event Action<string>? Noted;

    public void Reset(string message)
    {
        _load.Cancel();
        _names = [];
        _pinned = [];
        Busy = false;
        SetContext(null);
        SetStatus(message);
    }

    /// <summary>A repository typed by hand: added to the list (if new) and selected.</summary>
    public void AddTyped(string repository)
    {
        if (!_names.Contains(repository))
        {
            _names.Add(repository);
            SetItems(_names.Select(Line).ToList(), _names.Count - 1);
        }
        else
        {
            SetItems(_names.Select(Line).ToList(), _names.IndexOf(repository));
        }
    }

    /// <summary>The profile's pins changed: redraw the marks.</summary>
    public void ShowPins(IReadOnlyList<string> pinned)
    {
        _pinned = pinned;
        if (Status is null) SetItems(_names.Select(Line).ToList(), SelectedIndex);
    }

    private string Line(string repository) => (_pinned.Contains(repository) ? "* " : "  ") + TerminalText.Sanitize(repository, 200);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _load.Dispose();
        base.Dispose(disposing);
    }
}
