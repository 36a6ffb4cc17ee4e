namespace OciTui.Registry.Compare;

/// <summary>A dependency's fields that decide what gets installed.</summary>
public sealed record DependencyFields(string? Version, string? Repository, string? Condition);

/// <summary>A dependency added, removed or changed, by name (its alias where two share a name).</summary>
public sealed record DependencyChange(string Name, ChangeKind Change, DependencyFields? From, DependencyFields? To);

/// <summary>Chart.yaml compared: its fields (as <see cref="ValuesDiff"/> does, dependencies apart) and its dependencies by name.</summary>
public sealed record ChartYamlComparison(IReadOnlyList<ValueChange> Fields, IReadOnlyList<DependencyChange> Dependencies, string? Problem)
{
    public bool Differs => Fields.Count > 0 || Dependencies.Count > 0;

    public static ChartYamlComparison Compare(string? from, string? to)
    {
        YamlReadResult a = YamlReader.Read(from), b = YamlReader.Read(to);
        if (a.Value is not YamlMap mapA || b.Value is not YamlMap mapB)
            return new ChartYamlComparison([], [], $"Chart.yaml of the {(a.Value is YamlMap ? "new" : "old")} version cannot be compared by field: {(a.Value is YamlMap ? b : a).Problem ?? "it is not a mapping"}.");
        IReadOnlyList<ValueChange> fields = ValuesDiff.Compare(WithoutDependencies(mapA), WithoutDependencies(mapB));
        Dictionary<string, DependencyFields> depsA = DependenciesByName(mapA), depsB = DependenciesByName(mapB);
        var changes = new List<DependencyChange>();
        foreach ((string name, DependencyFields old) in depsA)
        {
            if (!depsB.TryGetValue(name, out DependencyFields? now)) changes.Add(new DependencyChange(name, ChangeKind.Removed, old, null));
            else if (old != now) changes.Add(new DependencyChange(name, ChangeKind.Changed, old, now));
        }
        foreach ((string name, DependencyFields now) in depsB)
            if (!depsA.ContainsKey(name)) changes.Add(new DependencyChange(name, ChangeKind.Added, null, now));
        return new ChartYamlComparison(fields, changes, null);
    }

    private static YamlMap WithoutDependencies(YamlMap map) => new([.. map.Entries.Where(e => e.Key != "dependencies")]);

    private static Dictionary<string, DependencyFields> DependenciesByName(YamlMap chart)
    {
        var result = new Dictionary<string, DependencyFields>(StringComparer.Ordinal);
        if (chart.Find("dependencies") is not YamlList list) return result;
        foreach (YamlMap dependency in list.Items.OfType<YamlMap>())
        {
            string? name = Text(dependency, "name");
            if (name is null) continue;
            // helm installs one chart twice under two aliases; the alias tells them apart.
            string key = Text(dependency, "alias") is { } alias && alias != name ? $"{name} as {alias}" : name;
            result.TryAdd(key, new DependencyFields(Text(dependency, "version"), Text(dependency, "repository"), Text(dependency, "condition")));
        }
        return result;
    }

    private static string? Text(YamlMap map, string key) => map.Find(key) is YamlScalar { Kind: not ScalarKind.Null } s ? s.Text : null;
}
