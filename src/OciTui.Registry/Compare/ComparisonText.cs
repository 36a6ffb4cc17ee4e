using static OciTui.Registry.Text.TerminalText;

namespace OciTui.Registry.Compare;

/// <summary>
/// One line per change, as <c>ocitui diff</c> prints it and the TUI's compare view shows it; every string from the
/// chart sanitised (escape sequences and bidi controls never reach a terminal).
/// </summary>
public static class ComparisonText
{
    /// <summary><c>image.tag: v4.1.0 -> v4.1.1</c>, <c>redis.replicas: 3 -> removed</c>, with the types when they differ.</summary>
    public static string Change(ValueChange change)
    {
        string line = $"{Sanitize(change.Path, 300)}: {(change.From is null ? "added" : Sanitize(ValuesDiff.Format(change.From), 300))} -> {(change.To is null ? "removed" : Sanitize(ValuesDiff.Format(change.To), 300))}";
        if (change.From is YamlScalar a && change.To is YamlScalar b && a.Kind != b.Kind) line += $" ({Kind(a.Kind)} -> {Kind(b.Kind)})";
        return line;
    }

    public static string Dependency(DependencyChange dependency)
    {
        string name = Sanitize(dependency.Name, 120);
        return dependency.Change switch
        {
            ChangeKind.Added => $"dependency {name}: added {Fields(dependency.To!)}",
            ChangeKind.Removed => $"dependency {name}: removed (was {Fields(dependency.From!)})",
            _ => $"dependency {name}: {FieldChanges(dependency.From!, dependency.To!)}",
        };
    }

    public static string File(FileChange file)
    {
        string path = Sanitize(file.Path, 300);
        return file.Change switch
        {
            ChangeKind.Added => $"added    {path} ({Size(file.ToSize)})",
            ChangeKind.Removed => $"removed  {path} ({Size(file.FromSize)})",
            _ => $"changed  {path} ({Size(file.FromSize)} -> {Size(file.ToSize)})",
        };
    }

    public static string Image(ImageChange image)
    {
        string path = Sanitize(image.Path, 200);
        return image.Change switch
        {
            ChangeKind.Added => $"{path}: added {Sanitize(image.To, 300)}",
            ChangeKind.Removed => $"{path}: removed {Sanitize(image.From, 300)}",
            _ => $"{path}: {Sanitize(image.From, 300)} -> {Sanitize(image.To, 300)}",
        };
    }

    private static string Kind(ScalarKind kind) => kind.ToString().ToLowerInvariant();

    private static string Fields(DependencyFields f) =>
        $"{Sanitize(f.Version ?? "(no version)", 100)} from {Sanitize(f.Repository ?? "(no repository)", 200)}{(f.Condition is null ? "" : $" if {Sanitize(f.Condition, 100)}")}";

    private static string FieldChanges(DependencyFields a, DependencyFields b)
    {
        var parts = new List<string>();
        if (a.Version != b.Version) parts.Add($"version {Sanitize(a.Version ?? "none", 100)} -> {Sanitize(b.Version ?? "none", 100)}");
        if (a.Repository != b.Repository) parts.Add($"repository {Sanitize(a.Repository ?? "none", 200)} -> {Sanitize(b.Repository ?? "none", 200)}");
        if (a.Condition != b.Condition) parts.Add($"condition {Sanitize(a.Condition ?? "none", 100)} -> {Sanitize(b.Condition ?? "none", 100)}");
        return string.Join(", ", parts);
    }

    private static string Size(long? bytes) => bytes is { } b ? Text.ByteSize.Format(b) : "";
}
