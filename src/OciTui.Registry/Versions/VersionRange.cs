using System.Text.RegularExpressions;
using OciTui.Registry.Errors;
using OciTui.Registry.Text;

namespace OciTui.Registry.Versions;

/// <summary>
/// A version range as helm v4 reads <c>--version</c> when it is not a version: the constraint language of
/// Masterminds/semver v3.4.0 (the one helm v4.1 links), reimplemented with the same grammar and the same checks so that
/// ocitui and helm pick the same chart. https://github.com/Masterminds/semver/blob/v3.4.0/constraints.go and the
/// "Checking Version Constraints" section of its README.
/// <list type="bullet">
/// <item><c>||</c> separates alternatives; within one, constraints separated by spaces or commas must all hold.</item>
/// <item>Operators <c>= != &gt; &lt; &gt;= =&gt; &lt;= =&lt; ~ ~&gt; ^</c>, or none (equal, or a tilde when a part is a wildcard).</item>
/// <item><c>x</c>, <c>X</c> or <c>*</c> (or a missing part) is a wildcard: <c>1.2.x</c>, <c>2</c>, <c>*</c>.</item>
/// <item><c>1.2 - 1.4.5</c> (spaces around the dash) is <c>&gt;= 1.2, &lt;= 1.4.5</c>.</item>
/// <item>A prerelease version matches only when one constraint of its alternative names a prerelease (<c>&gt;=1.0.0-0</c>).</item>
/// </list>
/// </summary>
public sealed partial class VersionRange
{
    private readonly Constraint[][] _alternatives;
    private readonly bool[] _alternativeNamesPrerelease;

    private VersionRange(string text, Constraint[][] alternatives, bool[] alternativeNamesPrerelease)
    {
        Text = text;
        _alternatives = alternatives;
        _alternativeNamesPrerelease = alternativeNamesPrerelease;
    }

    /// <summary>The range as the user wrote it.</summary>
    public string Text { get; }

    public override string ToString() => Text;

    // The pieces of Masterminds' patterns, written with Go's meaning: its \s is [\t\n\f\r ] (.NET's is wider) and its
    // $ is the end of the text (.NET's also matches before a final newline, hence \z).
    private const string Space = @"[\t\n\f\r ]";

    // The operators in Masterminds' order; the empty one is among them, and backtracking finds the longer ones.
    private const string Operator = @"=||!=|>|<|>=|=>|<=|=<|~|~>|\^";

    // A version with wildcards. Masterminds' number class is [0-9|x|X|\*]: it lets '|' through too, and such a part
    // fails later when the version is read, unless a wildcard before it means it is never read. Kept, so that the
    // same strings are accepted and refused.
    private const string Part = @"[0-9|xX*]+";
    private const string Identifiers = @"[0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*";
    private const string Version = $@"v?{Part}(?:\.{Part})?(?:\.{Part})?(?:-{Identifiers})?(?:\+{Identifiers})?";

    /// <summary>One operator and version, the whole text; the parts named.</summary>
    private const string OneConstraint = $@"\A{Space}*(?<op>{Operator}){Space}*" +
        $@"(?<v>v?(?<major>{Part})(?<minor>\.{Part})?(?<patch>\.{Part})?(?<pre>-{Identifiers})?(?:\+{Identifiers})?){Space}*\z";

    /// <summary>Finds each operator and version in one alternative.</summary>
    private const string FindConstraint = $@"(?:{Operator}){Space}*{Version}";

    /// <summary>An alternative is one or more operator and version, separated by spaces or a comma.</summary>
    private const string ValidAlternative = $@"\A{Space}*(?:{Operator}){Space}*{Version}{Space}*" +
        $@"(?:(?:{Space}+|,{Space}*)(?:{Operator}){Space}*{Version}{Space}*)*\z";

    /// <summary><c>FROM - TO</c>, spaces required around the dash.</summary>
    private const string HyphenRange = $@"{Space}*(?<from>{Version}){Space}+-{Space}+(?<to>{Version}){Space}*";

    // Long user input cannot make these backtrack for long: the text is capped and each match has a deadline.
    private const int TimeoutMs = 1000;
    private const int MaxLength = 256;

    [GeneratedRegex(OneConstraint, RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex OneConstraintRegex();

    [GeneratedRegex(FindConstraint, RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex FindConstraintRegex();

    [GeneratedRegex(ValidAlternative, RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex ValidAlternativeRegex();

    [GeneratedRegex(HyphenRange, RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex HyphenRangeRegex();

    /// <summary>Reads a range; false (with nothing else said) when Masterminds' <c>NewConstraint</c> would refuse it.</summary>
    public static bool TryParse(string? text, out VersionRange? range)
    {
        range = null;
        if (text is null || text.Length > MaxLength) return false;
        try
        {
            string rewritten = RewriteHyphenRanges(text);
            string[] alternatives = rewritten.Split("||");
            var parsed = new Constraint[alternatives.Length][];
            bool[] namesPrerelease = new bool[alternatives.Length];
            for (int i = 0; i < alternatives.Length; i++)
            {
                if (!ValidAlternativeRegex().IsMatch(alternatives[i])) return false;
                MatchCollection found = FindConstraintRegex().Matches(alternatives[i]);
                var constraints = new Constraint[found.Count];
                for (int j = 0; j < found.Count; j++)
                {
                    if (Constraint.TryParse(found[j].Value) is not { } constraint) return false;
                    namesPrerelease[i] |= constraint.Version.IsPrerelease;
                    constraints[j] = constraint;
                }
                parsed[i] = constraints;
            }
            range = new VersionRange(text, parsed, namesPrerelease);
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>Reads a range, or says in one sentence that it is not one (a usage error).</summary>
    public static VersionRange Parse(string text) => TryParse(text, out VersionRange? range)
        ? range!
        : throw new InvalidInputException($"'{TerminalText.Sanitize(text, 80)}' is neither a version nor a version range.")
        {
            Hint = "Give a version (1.2.3) or a range such as ^1.2.0, ~1.2.0, 1.2.x, >=1.2.0 <2.0.0 or >=1.0.0-0 (with prereleases).",
        };

    /// <summary><c>1.2 - 1.4.5</c> becomes <c>&gt;= 1.2, &lt;= 1.4.5 </c>, each found text replacing its first occurrence, as Masterminds does.</summary>
    private static string RewriteHyphenRanges(string text)
    {
        string result = text;
        foreach (Match m in HyphenRangeRegex().Matches(text))
        {
            int at = result.IndexOf(m.Value, StringComparison.Ordinal);
            if (at < 0) continue;
            result = string.Concat(result.AsSpan(0, at), $">= {m.Groups["from"].Value}, <= {m.Groups["to"].Value} ", result.AsSpan(at + m.Value.Length));
        }
        return result;
    }

    /// <summary>True when the version satisfies every constraint of at least one alternative.</summary>
    public bool IsSatisfiedBy(SemanticVersion version)
    {
        for (int i = 0; i < _alternatives.Length; i++)
        {
            bool includePrerelease = _alternativeNamesPrerelease[i];
            if (_alternatives[i].All(c => c.IsSatisfiedBy(version, includePrerelease))) return true;
        }
        return false;
    }

    /// <summary>One operator and its version; a wildcard ("dirty") part widens it as Masterminds' check functions do.</summary>
    private sealed class Constraint
    {
        private Constraint(string op, SemanticVersion version, bool dirty, bool minorDirty, bool patchDirty)
        {
            Operator = op;
            Version = version;
            Dirty = dirty;
            MinorDirty = minorDirty;
            PatchDirty = patchDirty;
        }

        private string Operator { get; }
        public SemanticVersion Version { get; }

        /// <summary>Some part is a wildcard or missing: <c>1.2</c>, <c>1.x</c>, <c>*</c>.</summary>
        private bool Dirty { get; }

        /// <summary>The minor part is a wildcard or missing (<c>1</c>, <c>1.x</c>).</summary>
        private bool MinorDirty { get; }

        /// <summary>Only the patch part is a wildcard or missing (<c>1.2</c>, <c>1.2.x</c>).</summary>
        private bool PatchDirty { get; }

        private static bool IsWildcard(string part) => part is "x" or "X" or "*";

        public static Constraint? TryParse(string text)
        {
            Match m = OneConstraintRegex().Match(text);
            if (!m.Success) return null;
            string major = m.Groups["major"].Value, minor = m.Groups["minor"].Value, patch = m.Groups["patch"].Value, pre = m.Groups["pre"].Value;
            string version = m.Groups["v"].Value;
            bool dirty = false, minorDirty = false, patchDirty = false;
            // A wildcard drops what follows it and the build metadata; the prerelease stays.
            if (IsWildcard(major) || major.Length == 0)
            {
                dirty = true;
                version = $"0.0.0{pre}";
            }
            else if (IsWildcard(minor.TrimStart('.')) || minor.Length == 0)
            {
                dirty = minorDirty = true;
                version = $"{major}.0.0{pre}";
            }
            else if (IsWildcard(patch.TrimStart('.')) || patch.Length == 0)
            {
                dirty = patchDirty = true;
                version = $"{major}{minor}.0{pre}";
            }
            if (!SemanticVersion.TryParseLoose(version, out SemanticVersion? parsed)) return null;
            return new Constraint(m.Groups["op"].Value, parsed!, dirty, minorDirty, patchDirty);
        }

        public bool IsSatisfiedBy(SemanticVersion v, bool includePrerelease)
        {
            // Every operator first turns prereleases away unless the alternative names one.
            if (v.IsPrerelease && !includePrerelease) return false;
            return Operator switch
            {
                "" or "=" => Dirty ? Tilde(v) : v.CompareTo(Version) == 0,
                "!=" => NotEqual(v),
                ">" => GreaterThan(v),
                "<" => v.CompareTo(Version) < 0,
                ">=" or "=>" => v.CompareTo(Version) >= 0,
                "<=" or "=<" => LessThanOrEqual(v),
                "~" or "~>" => Tilde(v),
                "^" => Caret(v),
                _ => false,
            };
        }

        private bool NotEqual(SemanticVersion v)
        {
            if (Dirty)
            {
                if (Version.Major != v.Major) return true;
                if (Version.Minor != v.Minor && !MinorDirty) return true;
                if (MinorDirty) return false;
                if (Version.Patch != v.Patch && !PatchDirty) return true;
                if (PatchDirty) return v.PrereleaseText != Version.PrereleaseText;
            }
            return v.CompareTo(Version) != 0;
        }

        private bool GreaterThan(SemanticVersion v)
        {
            if (!Dirty) return v.CompareTo(Version) > 0;
            if (v.Major != Version.Major) return v.Major > Version.Major;
            // >1 needs 2 or more; >1.1 needs 1.2 or more.
            if (MinorDirty) return false;
            if (PatchDirty) return v.Minor > Version.Minor;
            return v.CompareTo(Version) > 0;
        }

        private bool LessThanOrEqual(SemanticVersion v)
        {
            if (!Dirty) return v.CompareTo(Version) <= 0;
            if (v.Major > Version.Major) return false;
            return !(v.Major == Version.Major && v.Minor > Version.Minor && !MinorDirty);
        }

        // ~1.2.3 is >=1.2.3 <1.3.0; ~1 and ~1.x are >=1.0.0 <2.0.0; ~0.0.0 and ~* are anything.
        private bool Tilde(SemanticVersion v)
        {
            if (v.CompareTo(Version) < 0) return false;
            if (Version is { Major: 0, Minor: 0, Patch: 0 } && !MinorDirty && !PatchDirty) return true;
            if (v.Major != Version.Major) return false;
            return v.Minor == Version.Minor || MinorDirty;
        }

        // ^1.2.3 is >=1.2.3 <2.0.0; ^0.2.3 is >=0.2.3 <0.3.0; ^0.0.3 is >=0.0.3 <0.0.4; ^0 is <1.0.0; ^0.0 is <0.1.0.
        private bool Caret(SemanticVersion v)
        {
            if (v.CompareTo(Version) < 0) return false;
            if (Version.Major > 0 || MinorDirty) return v.Major == Version.Major;
            if (v.Major > 0) return false;
            if (Version.Minor > 0 || PatchDirty) return v.Minor == Version.Minor;
            if (v.Minor > 0) return false;
            return v.Patch == Version.Patch;
        }
    }
}
