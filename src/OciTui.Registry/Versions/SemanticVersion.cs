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

    /// <summary>The prerelease as written after the '-' (empty for a release).</summary>
    public string PrereleaseText => string.Join('.', Prerelease);

    /// <summary>
    /// True when the text began with <c>v</c> or <c>V</c>. helm's registry client lists a tag as a chart version only
    /// when it is strict SemVer once '_' is read as '+', and strict SemVer has no such prefix, so helm never picks
    /// <c>v2.9.8</c> by itself (<c>Client.Tags</c>, https://github.com/helm/helm/blob/v4.1.4/pkg/registry/client.go).
    /// </summary>
    public bool HasVPrefix => Original.Length > 0 && Original[0] is 'v' or 'V';

    /// <summary>
    /// Parses without allocating for the tags that are not versions, and with one allocation (the version) for those
    /// that are: <c>ocitui tags</c> parses every tag of repositories that hold tens of thousands.
    /// </summary>
    public static bool TryParse(string? text, out SemanticVersion? version)
    {
        version = null;
        if (string.IsNullOrEmpty(text) || text.Length > 256) return false;
        ReadOnlySpan<char> s = text;
        if (s[0] is 'v' or 'V') s = s[1..];

        // Build metadata after the first '+' (or '_', as helm writes '+' in a tag); it may hold neither again.
        if (!TakeSuffixes(ref s, tagForm: true, out string? build, out string[] prerelease)) return false;

        if (!TakeNumber(ref s, out ulong major) || !TakeDot(ref s) || !TakeNumber(ref s, out ulong minor) || !TakeDot(ref s)
            || !TakeNumber(ref s, out ulong patch) || !s.IsEmpty) return false;
        version = new SemanticVersion(major, minor, patch, prerelease, build, text);
        return true;
    }

    /// <summary>
    /// Cuts the build metadata (after the first '+', or in the tag form also '_') and then the prerelease (after the
    /// first '-': the numbers hold none) off the end of <paramref name="s"/>, validating both; false when either is malformed.
    /// </summary>
    private static bool TakeSuffixes(ref ReadOnlySpan<char> s, bool tagForm, out string? build, out string[] prerelease)
    {
        build = null;
        prerelease = [];
        int plus = tagForm ? s.IndexOfAny('+', '_') : s.IndexOf('+');
        if (plus >= 0)
        {
            ReadOnlySpan<char> metadata = s[(plus + 1)..];
            if (!AreIdentifiers(metadata, numericRule: false)) return false;
            build = metadata.ToString();
            s = s[..plus];
        }
        int dash = s.IndexOf('-');
        if (dash >= 0)
        {
            ReadOnlySpan<char> pre = s[(dash + 1)..];
            if (!AreIdentifiers(pre, numericRule: true)) return false;
            prerelease = pre.ToString().Split('.');
            s = s[..dash];
        }
        return true;
    }

    /// <summary>
    /// Reads a version as Masterminds/semver v3's <c>NewVersion</c> does (helm's loose parse of <c>--version</c>): an
    /// optional lowercase <c>v</c>, one to three numbers (leading zeros allowed, a missing minor or patch is 0), then an
    /// optional prerelease and build metadata. '_' is not read as '+' here: helm does that only for tags.
    /// https://github.com/Masterminds/semver/blob/v3.4.0/version.go (coerceNewVersion)
    /// </summary>
    public static bool TryParseLoose(string? text, out SemanticVersion? version)
    {
        version = null;
        if (string.IsNullOrEmpty(text) || text.Length > 256) return false;
        ReadOnlySpan<char> s = text;
        if (s[0] == 'v') s = s[1..];

        if (!TakeSuffixes(ref s, tagForm: false, out string? build, out string[] prerelease)) return false;

        ulong[] numbers = [0, 0, 0];
        int count = 0;
        foreach (Range range in s.Split('.'))
        {
            ReadOnlySpan<char> part = s[range];
            if (count == 3 || part.IsEmpty || part.ContainsAnyExceptInRange('0', '9')
                || !ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out numbers[count])) return false;
            count++;
        }
        version = new SemanticVersion(numbers[0], numbers[1], numbers[2], prerelease, build, text);
        return true;
    }

    /// <summary>A numeric identifier at the start of <paramref name="s"/>: digits, no leading zero, within ulong.</summary>
    private static bool TakeNumber(ref ReadOnlySpan<char> s, out ulong value)
    {
        value = 0;
        int length = 0;
        while (length < s.Length && char.IsAsciiDigit(s[length])) length++;
        if (!IsNumber(s[..length]) || !ulong.TryParse(s[..length], NumberStyles.None, CultureInfo.InvariantCulture, out value)) return false;
        s = s[length..];
        return true;
    }

    private static bool TakeDot(ref ReadOnlySpan<char> s)
    {
        if (s.IsEmpty || s[0] != '.') return false;
        s = s[1..];
        return true;
    }

    private static bool IsNumber(ReadOnlySpan<char> part) => part.Length > 0 && !part.ContainsAnyExceptInRange('0', '9') && (part.Length == 1 || part[0] != '0');

    /// <summary>Dot-separated, non-empty identifiers of letters, digits and '-'; with the numeric rule, no leading zero on a number.</summary>
    private static bool AreIdentifiers(ReadOnlySpan<char> text, bool numericRule)
    {
        if (text.IsEmpty) return false;
        foreach (Range range in text.Split('.'))
        {
            ReadOnlySpan<char> id = text[range];
            if (id.IsEmpty) return false;
            foreach (char c in id)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-') return false;
            }
            if (numericRule && !id.ContainsAnyExceptInRange('0', '9') && !IsNumber(id)) return false;
        }
        return true;
    }

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
