namespace OciTui.Registry.Charts;

/// <summary>The files of a chart archive that people read: what <c>helm show chart|values|readme</c> prints.</summary>
public sealed record ChartFiles(string? ChartYaml, string? ValuesYaml, string? Readme);

/// <summary>Reads and extracts chart archives (.tgz) with helm's limits: 100 MiB unpacked, 5 MiB per file, no absolute
/// or <c>..</c> paths, no links. (Contract stub: implemented on the layout branch.)</summary>
public static class ChartArchive
{
    public const long MaxUnpackedBytes = 100L * 1024 * 1024;
    public const long MaxFileBytes = 5L * 1024 * 1024;

    /// <summary>Reads Chart.yaml, values.yaml and README* from the chart's top folder, in memory, nothing written to disk.</summary>
    public static Task<ChartFiles> ReadFilesAsync(Stream chartTgz, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>helm pull --untar: extracts into <paramref name="directory"/> (the chart's own folder appears inside it), all-or-nothing.</summary>
    public static Task<string> ExtractAsync(string chartTgzPath, string directory, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
