using System.IO.Enumeration;

namespace OciTui.Registry.Compare;

/// <summary>A file of the chart added, removed or changed; sizes in bytes (null on the side without it).</summary>
public sealed record FileChange(string Path, ChangeKind Change, long? FromSize, long? ToSize);

/// <summary>The files of two chart archives compared by content, paths relative to the chart's folder.</summary>
public static class FilesDiff
{
    public static IReadOnlyList<FileChange> Compare(ChartSnapshot from, ChartSnapshot to)
    {
        var changes = new List<FileChange>();
        foreach ((string path, byte[] old) in from.Files)
        {
            if (!to.Files.TryGetValue(path, out byte[]? now)) changes.Add(new FileChange(path, ChangeKind.Removed, old.LongLength, null));
            else if (!old.AsSpan().SequenceEqual(now)) changes.Add(new FileChange(path, ChangeKind.Changed, old.LongLength, now.LongLength));
        }
        foreach ((string path, byte[] now) in to.Files)
            if (!from.Files.ContainsKey(path)) changes.Add(new FileChange(path, ChangeKind.Added, null, now.LongLength));
        changes.Sort((x, y) => string.CompareOrdinal(x.Path, y.Path));
        return changes;
    }

    /// <summary>
    /// Whether a path matches a <c>--files</c> pattern: <c>*</c> and <c>?</c> as a shell has them, except that
    /// <c>*</c> crosses folders (<c>templates/*</c> is every template); a pattern without a wildcard is a path or a folder.
    /// </summary>
    public static bool Matches(string path, string pattern)
    {
        pattern = pattern.Trim().TrimStart('/').Replace("**", "*", StringComparison.Ordinal);
        if (pattern.Length == 0 || pattern == "*") return true;
        if (!pattern.Contains('*', StringComparison.Ordinal) && !pattern.Contains('?', StringComparison.Ordinal))
            return path == pattern || path.StartsWith(pattern.TrimEnd('/') + "/", StringComparison.Ordinal);
        return FileSystemName.MatchesSimpleExpression(pattern, path, ignoreCase: false);
    }

    /// <summary>Text, not binary: valid UTF-8 without NUL bytes (diff calls the rest binary too).</summary>
    public static bool IsText(byte[] content)
    {
        if (content.AsSpan().Contains((byte)0)) return false;
        return System.Text.Unicode.Utf8.IsValid(content);
    }
}
