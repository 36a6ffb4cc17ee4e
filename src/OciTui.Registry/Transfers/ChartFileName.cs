using OciTui.Registry.Errors;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Text;
using OciTui.Registry.Versions;

namespace OciTui.Registry.Transfers;

/// <summary>
/// The file a chart lands in: <c>&lt;last repository segment&gt;-&lt;version&gt;.tgz</c>, as helm pull names it
/// (https://github.com/helm/helm/blob/v4.1.4/pkg/downloader/chart_downloader.go, <c>DownloadTo</c>). Built
/// only from validated parts (the repository grammar, the chart version or tag), never from a raw annotation, and
/// checked to stay inside the destination directory.
/// </summary>
public static class ChartFileName
{
    public const int MaxLength = 200;

    public static string For(string repository, HelmChartMetadata? chart, string? tag)
    {
        string name = repository[(repository.LastIndexOf('/') + 1)..];
        // helm names the file after the tag it fetched (read back with '+'), so v2.9.8 gives podinfo-v2.9.8.tgz; helm
        // fetches only tags that are versions, so for another tag (latest) and a digest the chart's own version names it.
        string? fromTag = tag is not null && SemanticVersion.TryParseLoose(HelmTags.ToVersion(tag), out _) ? HelmTags.ToVersion(tag) : null;
        string? version = fromTag is not null && IsSafeVersion(fromTag) ? fromTag
            : chart?.Version is { } v && IsSafeVersion(v) ? v : tag is not null ? HelmTags.ToVersion(tag) : null;
        if (version is null || !IsSafeVersion(version))
            throw new InvalidInputException("Cannot name the chart file: the chart has no usable version; give a file name.");
        return Validate($"{name}-{version}.tgz");
    }

    /// <summary>A bare file name: no separators, no '..', no control characters, no leading dot, not empty, not too long.</summary>
    public static string Validate(string fileName)
    {
        string shown = TerminalText.Sanitize(fileName, 80);
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length > MaxLength)
            throw new InvalidInputException($"'{shown}' is not a usable file name.");
        if (fileName.IndexOfAny(['/', '\\', '\0']) >= 0 || fileName.Contains("..", StringComparison.Ordinal) || fileName.StartsWith('.')
            || fileName.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
            throw new InvalidInputException($"'{shown}' is not a safe file name (no path separators, '..', control characters or leading dot).");
        return fileName;
    }

    /// <summary>The full path of <paramref name="fileName"/> in <paramref name="directory"/>, refused if it would land outside it.</summary>
    public static string PathIn(string directory, string fileName)
    {
        string root = Path.GetFullPath(directory);
        string full = Path.GetFullPath(Path.Combine(root, Validate(fileName)));
        if (!string.Equals(Path.GetDirectoryName(full), root.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            throw new InvalidInputException($"'{TerminalText.Sanitize(fileName, 80)}' would land outside {root}.");
        return full;
    }

    private static bool IsSafeVersion(string version) =>
        version.Length is > 0 and <= 128 && char.IsAsciiLetterOrDigit(version[0]) && version.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+' or '_') && !version.Contains("..", StringComparison.Ordinal);
}

/// <summary>
/// Helm stores a chart version's '+' as '_' in the tag (tags cannot hold '+') and reads it back
/// (<see href="https://helm.sh/docs/topics/registries/">Helm: use OCI-based registries</see>).
/// </summary>
public static class HelmTags
{
    public static string FromVersion(string version) => version.Replace('+', '_');
    public static string ToVersion(string tag) => tag.Replace('_', '+');
}
