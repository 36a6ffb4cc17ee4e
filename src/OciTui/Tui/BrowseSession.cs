using OciTui.Registry;
using OciTui.Registry.Browsing;
using OciTui.Registry.Charts;
using OciTui.Registry.Compare;
using OciTui.Registry.Errors;
using OciTui.Registry.Inspection;
using OciTui.Registry.Models;
using OciTui.Registry.Profiles;
using OciTui.Registry.References;
using OciTui.Registry.Trust;
using OciTui.Registry.Versions;

namespace OciTui.Tui;

/// <summary>Where one level of the browse stands.</summary>
public enum LoadState
{
    Idle,
    Loading,
    Loaded,
    Failed,
}

/// <summary>
/// One level's contents: nothing asked for yet, loading (with the pages that already arrived), the items, or why
/// there are none (an error, or an empty answer and what to do next).
/// </summary>
public sealed record Listing<T>(LoadState State, IReadOnlyList<T> Items, string? Message = null)
{
    public static Listing<T> Idle { get; } = new(LoadState.Idle, []);

    public static Listing<T> Loading(IReadOnlyList<T>? arrived = null) => new(LoadState.Loading, arrived ?? []);

    public static Listing<T> Failed(string message) => new(LoadState.Failed, [], message);
}

/// <summary>The selected tag's details, always with the tag they belong to.</summary>
public sealed record TagDetails(string Tag, LoadState State, ArtifactDetails? Value = null, string? Message = null)
{
    /// <summary>
    /// Signatures, SBOMs and other artifacts that refer to the tag (the referrers API, its tag-schema fallback and
    /// cosign's tag scheme); null while they load or when they could not be listed (<see cref="ReferrersNote"/> says why).
    /// </summary>
    public IReadOnlyList<TagReferrer>? Referrers { get; init; }

    /// <summary>Why the referrers could not be listed, as one sentence.</summary>
    public string? ReferrersNote { get; init; }

    /// <summary>The chart's provenance verdict against the profile's keyring, once checked.</summary>
    public ProvenanceVerdict? Provenance { get; init; }

    /// <summary>Why there is no verdict: not signed, no keyring, the .prov could not be read; null while it is checked.</summary>
    public string? ProvenanceNote { get; init; }
}

/// <summary>The marked version compared with the selected one: loading, the comparison, or why there is none.</summary>
public sealed record TagComparison(string FromTag, string ToTag, LoadState State, ChartComparison? Value = null, string? Message = null);

/// <summary>Everything an action on the selected tag needs: where it is, and what is known of it.</summary>
public sealed record SelectedTag(Profile Profile, IRegistry Registry, string Repository, string Tag, ArtifactDetails? Details);

/// <summary>Which levels of the browse changed.</summary>
[Flags]
public enum BrowseChange
{
    None = 0,
    Profile = 1,
    Repositories = 2,
    Tags = 4,
    Details = 8,
    /// <summary>A version was marked or unmarked (<see cref="BrowseSession.MarkedTags"/>).</summary>
    Marks = 16,
    /// <summary>The comparison of the marked version with the selected one (<see cref="BrowseSession.Comparison"/>).</summary>
    Comparison = 32,
    All = Profile | Repositories | Tags | Details | Marks | Comparison,
}

/// <summary>
/// What the user is browsing: the open profile and its registry, its repositories, the open repository's tags, the
/// selected tag and its details. Panes render it and send it the user's choices; loading, cancelling what is no longer
/// wanted and turning errors into sentences happen here, so a pane never holds state another pane needs. The details
/// always belong to the selected tag: selecting another tag replaces them before anything is loaded.
/// </summary>
/// <remarks>
/// Methods are called on one thread at a time (the UI thread); their continuations return to the caller's
/// <see cref="SynchronizationContext"/>, so <see cref="Changed"/> is raised there too.
/// </remarks>
public sealed class BrowseSession : IDisposable
{
    public const string NoRepositoriesListed = "The registry lists no repositories. Press a to type a repository path.";
    public const string NoTags = "This repository has no tags.";

    private readonly Func<Profile, Action<string>, IRegistry> _open;
    private readonly Dictionary<string, IRegistry> _registries = new(StringComparer.Ordinal);
    private readonly LatestRequest _repositoriesLoad = new();
    private readonly LatestRequest _tagsLoad = new();
    private readonly LatestRequest _detailsLoad = new();
    private (ArtifactDetails Details, Task<ChartFiles> Files)? _chartFiles;
    // The open profile's keyring (or why there is none) and its cached verdicts, found once per profile.
    private (Keyring? Keyring, string? Why)? _keyring;
    private ProvenanceChecks? _provenance;
    // Every tag of the open repository, artifact tags included, so finding cosign's tags asks only for those present.
    private HashSet<string>? _allTags;
    private readonly HashSet<string> _marked = new(StringComparer.Ordinal);
    private readonly LatestRequest _compareLoad = new();
    private readonly LatestRequest _markedRead = new();
    // Both sides of every comparison, by manifest digest: moving the selection re-reads only the new version.
    private readonly SnapshotCache _snapshots = new();
    // The tag to come back to when the open repository is read again, kept through a load that failed (an outage).
    private string? _placeInRepository;

    /// <param name="open">Opens a profile's registry; the callback takes the registry's warnings (from any thread).</param>
    public BrowseSession(Func<Profile, Action<string>, IRegistry> open) => _open = open;

    /// <summary>The pause before a selected tag's details load, so holding an arrow key down does not fetch every tag passed.</summary>
    public TimeSpan DetailsDelay { get; init; } = TimeSpan.FromMilliseconds(60);

    public Profile? Profile { get; private set; }
    public Listing<string> Repositories { get; private set; } = Listing<string>.Idle;
    public RepositorySource RepositorySource { get; private set; }

    /// <summary>The repositories the listing API marks as Helm charts (Docker Hub).</summary>
    public IReadOnlySet<string> HelmCharts { get; private set; } = new HashSet<string>();
    public string? Repository { get; private set; }
    public Listing<SortedTag> Tags { get; private set; } = Listing<SortedTag>.Idle;

    /// <summary>What a listing API (Harbor's artifact list) told about the open repository's tags, for the version table; null without one.</summary>
    public VersionTable? VersionTable { get; private set; }
    public string? Tag { get; private set; }
    public TagDetails? Details { get; private set; }

    /// <summary>Reads the environment for helm's default keyring (<c>GNUPGHOME</c>, <c>HOME</c>); tests give their own.</summary>
    public Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;

    /// <summary>
    /// The keyring provenance is verified against, as <c>ocitui verify</c> resolves it: the profile's <c>keyring</c>,
    /// else <c>$GNUPGHOME/pubring.gpg</c> or <c>~/.gnupg/pubring.gpg</c>; null when there is none (<see cref="WhyNoKeyring"/>).
    /// </summary>
    public Keyring? Keyring => KeyringChoice().Keyring;

    /// <summary>Why signatures are not verified (no keyring, or one that cannot be read), as one sentence; null when they are.</summary>
    public string? WhyNoKeyring => KeyringChoice().Why;

    /// <summary>The open profile's provenance verdicts (shared by the version table and the Trust view), or null without a keyring.</summary>
    public ProvenanceChecks? Provenance =>
        _provenance ??= Registry is { } registry && Keyring is { } keyring ? new ProvenanceChecks(registry, keyring) : null;
    /// <summary>
    /// The versions the user marked (Space) in the open repository, in the table's version order: compare takes the
    /// one marked and the selected one, copy takes them all. Cleared when another repository or profile opens.
    /// </summary>
    public IReadOnlyList<string> MarkedTags => _marked.Count == 0 ? [] : [.. Tags.Items.Select(t => t.Tag).Where(_marked.Contains)];

    public bool IsMarked(string tag) => _marked.Contains(tag);

    /// <summary>Marks a listed version of the open repository, or unmarks it when it is marked; a tag not listed changes nothing.</summary>
    public void ToggleMark(string tag)
    {
        if (!_marked.Remove(tag))
        {
            if (!Tags.Items.Any(t => t.Tag == tag)) return;
            _marked.Add(tag);
        }
        Raise(BrowseChange.Marks);
        ReadingMarked = ReadMarkedAsync();
    }

    /// <summary>The background read of the marked version (<see cref="ReadMarkedAsync"/>); completed when there is none.</summary>
    public Task ReadingMarked { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Reads the one marked version into the snapshot cache, values tree included, while the person picks the version to
    /// compare it with: the compare then reads only that one (for a 5 MiB values file, half the wait). Failures are left
    /// for the compare to report; unmarking, another mark or another repository stops it.
    /// </summary>
    private async Task ReadMarkedAsync()
    {
        CancellationToken token = _markedRead.Restart();
        if (MarkedTags is not [string tag] || Registry is not { } registry || Repository is not { } repository) return;
        try
        {
            await Task.Run(async () => _ = (await _snapshots.ReadAsync(registry, repository, tag, token).ConfigureAwait(false)).Values, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OciTuiException || token.IsCancellationRequested)
        {
            // A failed read is the compare's to report; a stopped one (the registry closing with it) is nobody's.
        }
    }

    /// <summary>The comparison on screen (null: none open); a newer compare replaces it, never an older one finishing late.</summary>
    public TagComparison? Comparison { get; private set; }

    /// <summary>Why the marked version cannot be compared with the selected one, in the words of the key; null when it can.</summary>
    public string? WhyNoCompare => WhyNoTagSelected ?? MarkedTags.Count switch
    {
        0 => "mark a version with Space first, then select the one to compare it with",
        1 => null,
        _ => "mark only one version to compare with the selected one (Space unmarks)",
    };

    /// <summary>Compares the marked version (from) with the selected one (to), every section, the snapshots read once per digest.</summary>
    public async Task CompareAsync()
    {
        if (WhyNoCompare is not null || Registry is not { } registry || Repository is not { } repository || Tag is not { } to) return;
        string from = MarkedTags[0];
        CancellationToken token = _compareLoad.Restart();
        Comparison = new TagComparison(from, to, LoadState.Loading);
        Raise(BrowseChange.Comparison);
        try
        {
            // Off the UI thread: parsing and diffing a large values file takes a while.
            ChartComparison comparison = await Task.Run(() => ChartComparer.CompareAsync(registry, repository, from, to, CompareOptions.Everything, _snapshots, token), token);
            token.ThrowIfCancellationRequested();
            Comparison = new TagComparison(from, to, LoadState.Loaded, comparison);
            Raise(BrowseChange.Comparison);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (OciTuiException e)
        {
            if (token.IsCancellationRequested) return;
            Comparison = new TagComparison(from, to, LoadState.Failed, Message: Messages.Sentence(e));
            Raise(BrowseChange.Comparison);
        }
    }

    /// <summary>Closes the comparison: a compare still loading is cancelled.</summary>
    public void CloseComparison()
    {
        _compareLoad.Cancel();
        if (Comparison is null) return;
        Comparison = null;
        Raise(BrowseChange.Comparison);
    }

    /// <summary>The open profile's registry, once it opened.</summary>
    public IRegistry? Registry => Profile is { } profile ? _registries.GetValueOrDefault(profile.Name) : null;

    /// <summary>Raised after one or more levels changed, on the caller's thread.</summary>
    public event Action<BrowseChange>? Changed;

    /// <summary>A note worth a line on the status bar: a registry's warning (raised on the thread of its request), the catalog refused.</summary>
    public event Action<string>? Noted;

    /// <summary>The selected tag with its registry and details, or null; <see cref="WhyNoTagSelected"/> says why not.</summary>
    public SelectedTag? Selected =>
        Profile is { } profile && Registry is { } registry && Repository is { } repository && Tag is { } tag
            ? new SelectedTag(profile, registry, repository, tag, Details is { Tag: var shown, Value: { } details } && shown == tag ? details : null)
            : null;

    /// <summary>Why there is no selected tag, in the words of the key that needs one; null when there is one.</summary>
    public string? WhyNoTagSelected =>
        Profile is null ? "open a profile first"
        : Registry is null ? "the profile's registry could not be opened"
        : Repository is null ? "open a repository first"
        : Tag is null ? "select a tag first"
        : null;

    /// <summary>Opens a profile: its registry, then its repositories (the catalog as its pages arrive, else the pinned ones).</summary>
    public async Task OpenProfileAsync(Profile profile)
    {
        CancellationToken token = _repositoriesLoad.Restart();
        _tagsLoad.Cancel();
        _detailsLoad.Cancel();
        Profile = profile;
        ForgetKeyring();
        Repository = null;
        Tags = Listing<SortedTag>.Idle;
        Tag = null;
        Details = null;
        _chartFiles = null;
        _marked.Clear();
        _markedRead.Cancel();
        _compareLoad.Cancel();
        Comparison = null;
        if (RegistryFor(profile) is not { } registry)
        {
            Raise(BrowseChange.All);
            return;
        }
        Repositories = Listing<string>.Loading();
        Raise(BrowseChange.All);

        // Pages arrive on the thread pool: each is handed to the caller's thread, and one arriving after the full
        // listing (or after the user moved on) is dropped, so a catalog is never shown twice.
        SynchronizationContext? caller = SynchronizationContext.Current;
        void OnPage(IReadOnlyList<string> page)
        {
            void Append()
            {
                if (token.IsCancellationRequested || Repositories.State != LoadState.Loading) return;
                Repositories = Listing<string>.Loading([.. Repositories.Items, .. page]);
                Raise(BrowseChange.Repositories);
            }
            if (caller is null) Append();
            else caller.Post(_ => Append(), null);
        }
        try
        {
            RepositoryList listed = await RepositoryListing.ListAsync(registry, profile.Repositories, OnPage, token);
            token.ThrowIfCancellationRequested();
            List<string> names = [.. listed.Names, .. profile.Repositories.Where(p => !listed.Names.Contains(p))];
            RepositorySource = listed.Source;
            HelmCharts = listed.HelmCharts;
            Repositories = new Listing<string>(LoadState.Loaded, names, names.Count == 0 ? NoRepositoriesListed : null);
            Raise(BrowseChange.Repositories);
            if (listed.Note is not null) Noted?.Invoke(listed.Note);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (CatalogUnavailableException e)
        {
            Fail(token, $"{e.Message} Press a to type a repository path, then p to pin it to the profile.");
        }
        catch (OciTuiException e)
        {
            Fail(token, Messages.Sentence(e));
        }

        void Fail(CancellationToken load, string message)
        {
            if (load.IsCancellationRequested) return;
            Repositories = Listing<string>.Failed(message);
            Raise(BrowseChange.Repositories);
        }
    }

    /// <summary>Adds a repository typed by hand to the list (if it is not there) and opens it.</summary>
    public Task OpenTypedRepositoryAsync(string repository)
    {
        if (Profile is null) return Task.CompletedTask;
        if (!Repositories.Items.Contains(repository))
        {
            Repositories = new Listing<string>(LoadState.Loaded, [.. Repositories.Items, repository]);
            Raise(BrowseChange.Repositories);
        }
        return OpenRepositoryAsync(repository);
    }

    /// <summary>Opens a repository: its tags, semver newest first, and selects <paramref name="keepTag"/> if it is still there, else the newest stable version.</summary>
    public async Task OpenRepositoryAsync(string repository, string? keepTag = null)
    {
        if (Registry is not { } registry) return;
        CancellationToken token = _tagsLoad.Restart();
        _detailsLoad.Cancel();
        if (repository != Repository)
        {
            _placeInRepository = null;
            _marked.Clear();
            _markedRead.Cancel();
            _compareLoad.Cancel();
            Comparison = null;
        }
        keepTag ??= _placeInRepository;
        _placeInRepository = keepTag;
        Repository = repository;
        _allTags = null;
        Tags = Listing<SortedTag>.Loading();
        VersionTable = null;
        Tag = null;
        Details = null;
        _chartFiles = null;
        Raise(BrowseChange.Tags | BrowseChange.Details | BrowseChange.Marks | BrowseChange.Comparison);
        try
        {
            (List<string> all, VersionTable? table) = await TagListing.ListAsync(registry, repository, note => Noted?.Invoke(note), token);
            token.ThrowIfCancellationRequested();
            VersionTable = table;
            _allTags = all.ToHashSet(StringComparer.Ordinal);
            // Signatures, SBOMs and referrer indexes kept under tags are not versions: the Trust view lists them.
            IReadOnlyList<SortedTag> sorted = TagSorter.Sort(all.Where(t => !TagReferrers.IsArtifactTag(t)).ToList());
            Tags = new Listing<SortedTag>(LoadState.Loaded, sorted, sorted.Count == 0 ? NoTags : null);
            Tag = keepTag is not null && sorted.Any(t => t.Tag == keepTag) ? keepTag : InitialTag(sorted);
            _placeInRepository = Tag;
            Raise(BrowseChange.Tags);
            if (Tag is { } selected) await LoadDetailsAsync(selected);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (OciTuiException e)
        {
            if (token.IsCancellationRequested) return;
            Tags = Listing<SortedTag>.Failed(Messages.Sentence(e));
            Raise(BrowseChange.Tags);
        }
    }

    /// <summary>The tag show and pull take without a version (the core's one rule); prereleases stay above it. Else the first tag.</summary>
    private static string? InitialTag(IReadOnlyList<SortedTag> sorted) =>
        sorted.Count == 0 ? null : sorted[Math.Max(0, ChartVersions.IndexOfNewest(sorted))].Tag;

    /// <summary>Selects a tag of the open repository (null: none) and loads its details; the same tag again changes nothing.</summary>
    public Task SelectTagAsync(string? tag)
    {
        if (tag == Tag) return Task.CompletedTask;
        Tag = tag;
        if (tag is not null) _placeInRepository = tag;
        if (tag is not null) return LoadDetailsAsync(tag);
        _detailsLoad.Cancel();
        Details = null;
        _chartFiles = null;
        Raise(BrowseChange.Details);
        return Task.CompletedTask;
    }

    /// <summary>Reads the profile, the repository or the selected tag's details again, keeping the place.</summary>
    public Task RefreshRepositoriesAsync() => Profile is { } profile ? OpenProfileAsync(profile) : Task.CompletedTask;

    public Task RefreshTagsAsync() => Repository is { } repository ? OpenRepositoryAsync(repository, Tag) : Task.CompletedTask;

    public Task RefreshDetailsAsync() => Tag is { } tag ? LoadDetailsAsync(tag) : Task.CompletedTask;

    private async Task LoadDetailsAsync(string tag)
    {
        CancellationToken token = _detailsLoad.Restart();
        _chartFiles = null;
        Details = new TagDetails(tag, LoadState.Loading);
        Raise(BrowseChange.Details);
        if (Registry is not { } registry || Repository is not { } repository) return;
        try
        {
            await Task.Delay(DetailsDelay, token);
            ArtifactDetails details = await ArtifactInspector.InspectAsync(registry, repository, ManifestReference.Parse(tag), token);
            token.ThrowIfCancellationRequested();
            Details = new TagDetails(tag, LoadState.Loaded, details);
            Raise(BrowseChange.Details);
            Details = await WithReferrersAsync(Details, registry, details, token);
            Raise(BrowseChange.Details);
            Details = await WithProvenanceAsync(Details, details, token);
            Raise(BrowseChange.Details);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (OciTuiException e)
        {
            if (token.IsCancellationRequested) return;
            Details = new TagDetails(tag, LoadState.Failed, Message: Messages.Sentence(e));
            Raise(BrowseChange.Details);
        }
    }

    /// <summary>Referrers are extra: a registry that cannot list them still shows the tag, with a note saying why they are missing.</summary>
    private async Task<TagDetails> WithReferrersAsync(TagDetails shown, IRegistry registry, ArtifactDetails details, CancellationToken token)
    {
        IReadOnlySet<string>? knownTags = Tags.State == LoadState.Loaded && details.Repository == Repository ? _allTags : null;
        try
        {
            IReadOnlyList<TagReferrer> found = await TagReferrers.FindAsync(registry, details.Repository, details.Manifest.Digest, knownTags, token);
            token.ThrowIfCancellationRequested();
            return shown with { Referrers = found };
        }
        catch (OciTuiException e)
        {
            token.ThrowIfCancellationRequested();
            return shown with { ReferrersNote = $"they could not be listed: {Messages.Sentence(e)}" };
        }
    }

    /// <summary>The chart's provenance verdict (from the cache the version table fills), or why there is none.</summary>
    private async Task<TagDetails> WithProvenanceAsync(TagDetails shown, ArtifactDetails details, CancellationToken token)
    {
        if (!details.IsChart) return shown with { ProvenanceNote = "Not a Helm chart: there is no Helm provenance to check." };
        if (details.Manifest.Manifest?.ProvenanceLayer is null)
            return shown with { ProvenanceNote = "Not signed: the chart has no provenance layer; ask its publisher to sign it (helm package --sign)." };
        if (Provenance is not { } checks) return shown with { ProvenanceNote = $"Signed, not verified: {WhyNoKeyring}" };
        try
        {
            ProvenanceVerdict verdict = await checks.CheckAsync(details, token);
            token.ThrowIfCancellationRequested();
            return shown with { Provenance = verdict };
        }
        catch (OciTuiException e)
        {
            token.ThrowIfCancellationRequested();
            return shown with { ProvenanceNote = $"Signed, but the provenance could not be read: {Messages.Sentence(e)}" };
        }
    }

    /// <summary>A referrer's manifest (a signature, an SBOM...), read from the open repository by its digest.</summary>
    public async Task<FetchedManifest> ReadReferrerManifestAsync(TagReferrer referrer)
    {
        if (Registry is not { } registry || Details?.Value is not { } details)
            throw new InvalidInputException("The tag's details are not loaded yet.");
        Digest digest = DescriptorRules.Validate(referrer.Descriptor, "referrer");
        return await registry.GetManifestAsync(details.Repository, ManifestReference.ForDigest(digest), _detailsLoad.Token);
    }

    private (Keyring? Keyring, string? Why) KeyringChoice()
    {
        if (_keyring is { } known) return known;
        if (Profile is not { } profile) return (null, "open a profile first");
        string path = global::OciTui.Registry.Trust.Keyring.ChoosePath(null, profile.Keyring, Environment);
        try
        {
            _keyring = profile.Keyring is null && !File.Exists(path)
                ? (null, $"there is no keyring: the profile sets no \"keyring\" and {path} does not exist; set \"keyring\" in the profile to a public keyring (gpg --export KEYID > FILE).")
                : (global::OciTui.Registry.Trust.Keyring.Load(path), null);
        }
        catch (InvalidInputException e)
        {
            _keyring = (null, Messages.Sentence(e));
        }
        return _keyring.Value;
    }

    private void ForgetKeyring()
    {
        _keyring = null;
        _provenance = null;
    }

    /// <summary>The selected tag's chart files (Chart.yaml, values, README), read once from its layer in memory with helm's limits.</summary>
    public Task<ChartFiles> ReadChartFilesAsync()
    {
        if (Registry is not { } registry || Details?.Value is not { } details)
            throw new InvalidInputException("The tag's details are not loaded yet.");
        if (_chartFiles is { } cached && ReferenceEquals(cached.Details, details)) return cached.Files;
        Task<ChartFiles> files = DetailsText.ReadChartFilesAsync(registry, details, _detailsLoad.Token);
        _chartFiles = (details, files);
        return files;
    }

    /// <summary>The helm pull command and the digest reference of the selected tag, one per line.</summary>
    public string? PullCommand() =>
        Selected is { } selected ? PullCommandText.For(selected.Profile, selected.Repository, selected.Tag, selected.Details?.Manifest.Digest.ToString()) : null;

    /// <summary>
    /// The profiles file was read or written again: the open profile keeps browsing with its new settings (its registry
    /// is opened anew when an address or credential changed), or closes if it was deleted.
    /// </summary>
    public void ProfilesChanged(ProfileSet profiles)
    {
        if (Profile is not { } open) return;
        Profile? current = profiles.Find(open.Name);
        if (current is null || current != open with { Repositories = current.Repositories }) Forget(open.Name);
        if (current is null)
        {
            Close();
            return;
        }
        bool pinsChanged = !current.Repositories.SequenceEqual(open.Repositories);
        Profile = current;
        ForgetKeyring();
        // Its registry was dropped with the old settings: open it with the new ones, so browsing goes on.
        if (!_registries.ContainsKey(current.Name) && RegistryFor(current) is null) pinsChanged = true;
        if (pinsChanged) Raise(BrowseChange.Repositories);
    }

    /// <summary>Drops a profile's open registry (its settings changed): the next use opens it anew.</summary>
    public void Forget(string profileName)
    {
        if (_registries.Remove(profileName, out IRegistry? registry)) registry.Dispose();
    }

    private void Close()
    {
        _repositoriesLoad.Cancel();
        _tagsLoad.Cancel();
        _detailsLoad.Cancel();
        Profile = null;
        Repositories = Listing<string>.Idle;
        Repository = null;
        Tags = Listing<SortedTag>.Idle;
        Tag = null;
        Details = null;
        _chartFiles = null;
        _marked.Clear();
        _markedRead.Cancel();
        _compareLoad.Cancel();
        Comparison = null;
        Raise(BrowseChange.All);
    }

    private IRegistry? RegistryFor(Profile profile)
    {
        if (_registries.TryGetValue(profile.Name, out IRegistry? open)) return open;
        try
        {
            IRegistry registry = _open(profile, warning => Noted?.Invoke($"warning from {profile.Name}: {warning}"));
            _registries[profile.Name] = registry;
            return registry;
        }
        catch (OciTuiException e)
        {
            Repositories = Listing<string>.Failed(Messages.Sentence(e));
            return null;
        }
    }

    private void Raise(BrowseChange change) => Changed?.Invoke(change);

    public void Dispose()
    {
        _repositoriesLoad.Dispose();
        _tagsLoad.Dispose();
        _detailsLoad.Dispose();
        _compareLoad.Dispose();
        _markedRead.Dispose();
        foreach (IRegistry registry in _registries.Values) registry.Dispose();
        _registries.Clear();
    }
}
