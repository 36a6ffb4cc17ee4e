using System.Globalization;

namespace OciTui.Registry.Versions;

/// <summary>
/// A SemVer 2.0 version as helm reads chart tags: an optional leading <c>v</c>, and <c>_</c> read as <c>+</c>
/// (helm writes build metadata that way, tags cannot hold '+'). Precedence ignores build metadata.
/// </summary>
public sealed class SemanticVersion : IComparable<SemanticVersion>, IEquatable<SemanticVersion>
{
    private SemanticVersion(ulong major, ulong minor, ulong patch, string[] prerelease, string? build, string original)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = prerelease;
        Build = build;
        Original = original;
    }

    public ulong Major { get; }
    public ulong Minor { get; }
    public ulong Patch { get; }
    public IReadOnlyList<string> Prerelease { get; }
    public string? Build { get; }
    public string Original { get; }
    public bool IsPrerelease => Prerelease.Count > 0;

    public static bool TryParse(string? text, out SemanticVersion? version)
    {
        version = null;
        if (string.IsNullOrEmpty(text) || text.Length > 256) return false;
        string s = text.Replace('_', '+');
        if (s[0] is 'v' or 'V') s = s[1..];
        string? build = null;
        int plus = s.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            build = s[(plus + 1)..];
            s = s[..plus];
            if (!Identifiers(build, numericRule: false)) return false;
        }
        string[] prerelease = [];
        int dash = s.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            string pre = s[(dash + 1)..];
            s = s[..dash];
            if (!Identifiers(pre, numericRule: true)) return false;
            prerelease = pre.Split('.');
        }
        string[] core = s.Split('.');
        if (core.Length != 3 || !core.All(IsNumber)) return false;
        if (!ulong.TryParse(core[0], NumberStyles.None, CultureInfo.InvariantCulture, out ulong major)
            || !ulong.TryParse(core[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong minor)
            || !ulong.TryParse(core[2], NumberStyles.None, CultureInfo.InvariantCulture, out ulong patch)) return false;
        version = new SemanticVersion(major, minor, patch, prerelease, build, text);
        return true;
    }

    private static bool IsNumber(string part) => part.Length > 0 && part.All(char.IsAsciiDigit) && (part.Length == 1 || part[0] != '0');

    private static bool Identifiers(string text, bool numericRule) =>
        text.Length > 0 && text.Split('.').All(id => id.Length > 0 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            && (!numericRule || !id.All(char.IsAsciiDigit) || IsNumber(id)));

    public int CompareTo(SemanticVersion? other)
    {
        if (other is null) return 1;
        int c = Major.CompareTo(other.Major);
        if (c == 0) c = Minor.CompareTo(other.Minor);
        if (c == 0) c = Patch.CompareTo(other.Patch);
        if (c != 0) return c;
        if (Prerelease.Count == 0 || other.Prerelease.Count == 0) return other.Prerelease.Count.CompareTo(Prerelease.Count);
        for (int i = 0; i < Math.Min(Prerelease.Count, other.Prerelease.Count); i++)
        {
            string a = Prerelease[i], b = other.Prerelease[i];
            bool aNumeric = a.All(char.IsAsciiDigit), bNumeric = b.All(char.IsAsciiDigit);
            c = (aNumeric, bNumeric) switch
            {
                (true, true) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a, b),
            };
            if (c != 0) return c;
        }
        return Prerelease.Count.CompareTo(other.Prerelease.Count);
    }

    public bool Equals(SemanticVersion? other) => other is not null && CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is SemanticVersion other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch, string.Join('.', Prerelease));
    public override string ToString() => Original;
}
