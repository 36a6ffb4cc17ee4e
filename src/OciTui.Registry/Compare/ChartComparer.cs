using OciTui.Registry.Text;

namespace OciTui.Registry.Compare;

/// <summary>
/// values.yaml compared: structurally when both sides parse (<see cref="Structural"/>; else <see cref="Note"/> says
/// why not), and as text always. <see cref="Note"/> also tells when only the first of several documents was compared.
/// </summary>
public sealed record ValuesComparison(bool Structural, IReadOnlyList<ValueChange> Changes, string? Note, IReadOnlyList<DiffLine> Text)
{
    public bool Differs => Changes.Count > 0 || Text.Count > 0;
}

/// <summary>A file whose text was diffed (a <c>--files PATTERN</c> match); binary files have no lines and <see cref="Binary"/> set.</summary>
public sealed record FileTextDiff(string Path, bool Binary, IReadOnlyList<DiffLine> Lines);

/// <summary>Everything that differs between two chart versions; each section is computed only when asked for.</summary>
public sealed record ChartComparison(
    ChartSnapshot From,
    ChartSnapshot To,
    ValuesComparison? Values,
    ChartYamlComparison? Chart,
    IReadOnlyList<DiffLine>? ChartText,
    IReadOnlyList<FileChange>? Files,
    IReadOnlyList<FileTextDiff>? FileTexts,
    IReadOnlyList<ImageChange>? Images,
    string? ImagesProblem)
{
    public bool Differs =>
        (Values?.Differs ?? false) || (Chart?.Differs ?? false) || ChartText is { Count: > 0 } || Files is { Count: > 0 } || Images is { Count: > 0 };
}

/// <summary>What to compare; <see cref="FilePattern"/> selects the files whose text is diffed (null: none).</summary>
public sealed record CompareOptions(bool Values = true, bool Chart = false, bool Files = false, bool Images = false, string? FilePattern = null, int Context = TextDiff.DefaultContext)
{
    public static readonly CompareOptions Everything = new(true, true, true, true);
}

/// <summary>
/// Compares two versions of a chart: each read once through the registry (bounded, in memory) into a
/// <see cref="ChartSnapshot"/>, then compared without further I/O, so a front end can keep snapshots and re-compare.
/// </summary>
public static class ChartComparer
{
    public static Task<ChartComparison> CompareAsync(IRegistry registry, string repository, string fromTag, string toTag, CompareOptions options, CancellationToken cancellationToken = default) =>
        CompareAsync(registry, repository, fromTag, toTag, options, cache: null, cancellationToken);

    /// <summary>Reads both versions at once (through <paramref name="cache"/> when given: a digest read before is not read again), then compares them.</summary>
    public static async Task<ChartComparison> CompareAsync(IRegistry registry, string repository, string fromTag, string toTag, CompareOptions options, SnapshotCache? cache, CancellationToken cancellationToken = default)
    {
        Task<ChartSnapshot> from = cache?.ReadAsync(registry, repository, fromTag, cancellationToken) ?? ChartSnapshot.ReadAsync(registry, repository, fromTag, cancellationToken);
        Task<ChartSnapshot> to = cache?.ReadAsync(registry, repository, toTag, cancellationToken) ?? ChartSnapshot.ReadAsync(registry, repository, toTag, cancellationToken);
        await Task.WhenAll(from, to).ConfigureAwait(false);
        return Compare(await from.ConfigureAwait(false), await to.ConfigureAwait(false), options);
    }

    public static ChartComparison Compare(ChartSnapshot from, ChartSnapshot to, CompareOptions options)
    {
        YamlReadResult? valuesFrom = null, valuesTo = null;
        ValuesComparison? values = null;
        if (options.Values || options.Images)
        {
            // The text is diffed while the values are read: for two 5 MiB files either takes a few hundred milliseconds.
            string? textFrom = from.ValuesYaml, textTo = to.ValuesYaml;
            Task<IReadOnlyList<DiffLine>>? diffing = options.Values ? Task.Run(() => TextDiff.Unified(textFrom, textTo, options.Context)) : null;
            (valuesFrom, valuesTo) = ReadValues(from, to);
            if (diffing is not null) values = CompareValues(valuesFrom, valuesTo, diffing.GetAwaiter().GetResult());
        }
        ChartYamlComparison? chart = options.Chart ? ChartYamlComparison.Compare(from.ChartYaml, to.ChartYaml) : null;
        IReadOnlyList<DiffLine>? chartText = options.Chart ? TextDiff.Unified(from.ChartYaml, to.ChartYaml, options.Context) : null;
        IReadOnlyList<FileChange>? files = options.Files ? FilesDiff.Compare(from, to) : null;
        IReadOnlyList<FileTextDiff>? fileTexts = options.Files && options.FilePattern is { } pattern ? FileTexts(from, to, files!, pattern, options.Context) : null;
        IReadOnlyList<ImageChange>? images = null;
        string? imagesProblem = null;
        if (options.Images)
        {
            if (valuesFrom!.Value is { } a && valuesTo!.Value is { } b) images = ImagesDiff.Compare(a, b);
            else imagesProblem = $"Images are not listed: {ParseProblem(valuesFrom, valuesTo!)}";
        }
        return new ChartComparison(from, to, values, chart, chartText, files, fileTexts, images, imagesProblem);
    }

    /// <summary>
    /// Both values files, the second read reusing the first's read where their text is the same (a snapshot keeps its
    /// values once read, so a version already read, as the TUI's marked one is, goes first).
    /// </summary>
    private static (YamlReadResult From, YamlReadResult To) ReadValues(ChartSnapshot from, ChartSnapshot to)
    {
        if (to.ValuesRead && !from.ValuesRead) return (from.ValuesAlike(to), to.Values);
        return (from.Values, to.ValuesAlike(from));
    }

    private static ValuesComparison CompareValues(YamlReadResult a, YamlReadResult b, IReadOnlyList<DiffLine> text)
    {
        if (a.Value is null || b.Value is null)
            return new ValuesComparison(false, [], $"No key-path view: {ParseProblem(a, b)}", text);
        var notes = new List<string>();
        if (a.DocumentCount > 1 || b.DocumentCount > 1)
            notes.Add("values.yaml holds more than one YAML document; helm reads only the first, and so does the key-path view.");
        foreach ((YamlReadResult side, string which) in new[] { (a, "old"), (b, "new") })
        {
            if (side.RepeatedKey is var (key, line))
                notes.Add($"The {which} version's values.yaml gives the key {TerminalText.Sanitize(key, 60)} twice (line {line}); helm reads the last, and so does the key-path view.");
        }
        return new ValuesComparison(true, ValuesDiff.Compare(a.Value, b.Value), notes.Count == 0 ? null : string.Join(" ", notes), text);
    }

    private static string ParseProblem(YamlReadResult a, YamlReadResult b) =>
        a.Value is null ? $"the old version's values.yaml cannot be read: {a.Problem}." : $"the new version's values.yaml cannot be read: {b.Problem}.";

    private static List<FileTextDiff> FileTexts(ChartSnapshot from, ChartSnapshot to, IReadOnlyList<FileChange> changes, string pattern, int context)
    {
        var diffs = new List<FileTextDiff>();
        foreach (FileChange change in changes)
        {
            if (!FilesDiff.Matches(change.Path, pattern)) continue;
            from.Files.TryGetValue(change.Path, out byte[]? old);
            to.Files.TryGetValue(change.Path, out byte[]? now);
            if ((old is not null && !FilesDiff.IsText(old)) || (now is not null && !FilesDiff.IsText(now)))
            {
                diffs.Add(new FileTextDiff(change.Path, true, []));
                continue;
            }
            diffs.Add(new FileTextDiff(change.Path, false, TextDiff.Unified(from.Text(change.Path), to.Text(change.Path), context)));
        }
        return diffs;
    }
}
