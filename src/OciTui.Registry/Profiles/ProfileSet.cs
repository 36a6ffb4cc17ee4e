namespace OciTui.Registry.Profiles;

/// <summary>The profiles of one file (or none), in file order, looked up by name.</summary>
public sealed record ProfileSet(string? SourceFile, IReadOnlyList<Profile> Profiles)
{
    public static ProfileSet Empty { get; } = new(null, []);

    public Profile? Find(string name) => Profiles.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
}
