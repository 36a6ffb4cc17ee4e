using System.Text;
using OciTui.Registry.Browsing;
using OciTui.Registry.Charts;
using OciTui.Registry.Inspection;
using OciTui.Registry.References;

namespace OciTui.Registry.Compare;

/// <summary>One chart version read for comparing: the tag it was asked by, its manifest digest and every file of its archive.</summary>
public sealed record ChartSnapshot(string Tag, string ManifestDigest, IReadOnlyDictionary<string, byte[]> Files)
{
    /// <summary>What a values file's tree takes beside its text, about, once read (measured: 16 MiB for 4.6 MiB of values).</summary>
    private const int ValuesTreeFactor = 4;

    // Shared by copies made with another tag (same digest, same files), so the values are read once for all of them.
    private readonly ValuesOnce _values = new();

    /// <summary>
    /// Bytes held: what a cache of snapshots (keyed by <see cref="ManifestDigest"/>) counts against its budget, values.yaml's
    /// tree included (read once, when first compared, and kept with the snapshot).
    /// </summary>
    public long Size => Files.Sum(f => (long)f.Value.Length + (f.Key.Length * 2)) + ((long)ValuesTreeFactor * (Files.GetValueOrDefault("values.yaml")?.Length ?? 0));

    public string? Text(string path) => TextOf(Files, path);

    private static string? TextOf(IReadOnlyDictionary<string, byte[]> files, string path) =>
        files.TryGetValue(path, out byte[]? content) ? Encoding.UTF8.GetString(content) : null;

    public string? ValuesYaml => Text("values.yaml");

    public string? ChartYaml => Text("Chart.yaml");

    /// <summary>
    /// values.yaml read as helm reads it, once per snapshot: moving the selection with a version marked compares the marked
    /// one again, and reading a 5 MiB values file is most of a comparison's time.
    /// </summary>
    public YamlReadResult Values => _values.Get(Files, alike: null);

    /// <summary>
    /// values.yaml read reusing <paramref name="other"/>'s read (made first, if it was not) wherever the two files have
    /// the same text under a top-level key: between two versions most of a large file is read once.
    /// </summary>
    public YamlReadResult ValuesAlike(ChartSnapshot other) => _values.IsRead ? Values : _values.Get(Files, other.Values);

    /// <summary>Whether values.yaml has been read (by <see cref="Values"/> or <see cref="ValuesAlike"/>).</summary>
    public bool ValuesRead => _values.IsRead;

    /// <summary>
    /// The one read of a snapshot's values. Its lock is never held while another snapshot's is taken (<see
    /// cref="ValuesAlike"/> has the other read first), so two compares of the same pair in opposite directions cannot deadlock.
    /// </summary>
    private sealed class ValuesOnce
    {
        private readonly Lock _gate = new();
        private YamlReadResult? _result;

        public bool IsRead => Volatile.Read(ref _result) is not null;

        public YamlReadResult Get(IReadOnlyDictionary<string, byte[]> files, YamlReadResult? alike)
        {
            if (Volatile.Read(ref _result) is { } known) return known;
            lock (_gate)
                return _result ??= files.TryGetValue("values.yaml", out byte[]? content) ? YamlReader.Read(content, alike) : YamlReader.Read((string?)null);
        }
    }

    /// <summary>Reads the chart a tag or digest names: its manifest, then its chart layer (bounded as <c>show</c> bounds it), unpacked in memory with helm's limits.</summary>
    public static async Task<ChartSnapshot> ReadAsync(IRegistry registry, string repository, string tagOrDigest, CancellationToken cancellationToken = default)
    {
        ArtifactDetails details = await ArtifactInspector.InspectAsync(registry, repository, ManifestReference.Parse(tagOrDigest), cancellationToken).ConfigureAwait(false);
        return await ReadAsync(registry, tagOrDigest, details, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the chart of a manifest already inspected: its chart layer, unpacked in memory with helm's limits.</summary>
    public static async Task<ChartSnapshot> ReadAsync(IRegistry registry, string tag, ArtifactDetails details, CancellationToken cancellationToken = default)
    {
        byte[] archive = await DetailsText.ReadChartArchiveAsync(registry, details, cancellationToken).ConfigureAwait(false);
        using var stream = new MemoryStream(archive, writable: false);
        IReadOnlyDictionary<string, byte[]> files = await ChartArchive.ReadAllFilesAsync(stream, cancellationToken).ConfigureAwait(false);
        return new ChartSnapshot(tag, details.Manifest.Digest.ToString(), files);
    }
}
