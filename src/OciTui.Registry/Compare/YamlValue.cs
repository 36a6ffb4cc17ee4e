using System.Globalization;
using System.Text.RegularExpressions;

namespace OciTui.Registry.Compare;

/// <summary>What a YAML scalar resolves to, as helm's YAML reader (go-yaml, YAML 1.1 rules) types a plain scalar.</summary>
public enum ScalarKind
{
    Null,
    Boolean,
    Number,
    String,
}

/// <summary>A YAML node with aliases and merge keys resolved and comments and styles gone: what a comparison needs.</summary>
public abstract record YamlValue;

/// <summary>A mapping, keys in file order (order is ignored when compared).</summary>
public sealed record YamlMap(IReadOnlyList<KeyValuePair<string, YamlValue>> Entries) : YamlValue
{
    /// <summary>Maps up to this size are searched in order: most maps in values are this small, and a dictionary each would cost more than it saves.</summary>
    private const int ScannedKeys = 8;

    // Built on first use: comparing two maps of n keys looks each key up once, O(n) instead of O(n²).
    private Dictionary<string, YamlValue>? _byKey;

    public YamlValue? Find(string key)
    {
        if (Entries.Count <= ScannedKeys)
        {
            // The first of duplicate keys, as the dictionary keeps it. By index: foreach over the interface allocates.
            for (int i = 0; i < Entries.Count; i++)
                if (Entries[i].Key == key) return Entries[i].Value;
            return null;
        }
        Dictionary<string, YamlValue>? index = Volatile.Read(ref _byKey);
        if (index is null)
        {
            // Comparisons walk a tree on several threads at once (ValuesDiff): the first index published is the one kept.
            var byKey = new Dictionary<string, YamlValue>(Entries.Count, StringComparer.Ordinal);
            foreach ((string k, YamlValue v) in Entries) byKey.TryAdd(k, v);
            index = Interlocked.CompareExchange(ref _byKey, byKey, null) ?? byKey;
        }
        return index.GetValueOrDefault(key);
    }
}

public sealed record YamlList(IReadOnlyList<YamlValue> Items) : YamlValue;

/// <summary>A scalar: its kind and its text as written (<c>1.10</c> stays <c>1.10</c>, not 1.1).</summary>
public sealed partial record YamlScalar(ScalarKind Kind, string Text) : YamlValue
{
    public static readonly YamlScalar Null = new(ScalarKind.Null, "null");

    /// <summary>Equal as helm would read them: same kind and, for numbers, the same value (<c>1.0</c> is <c>1</c>).</summary>
    public bool SameAs(YamlScalar other)
    {
        if (Kind != other.Kind) return false;
        if (Text == other.Text) return true;
        return Kind switch
        {
            ScalarKind.Null => true,
            ScalarKind.Boolean => ParseBoolean(Text) == ParseBoolean(other.Text),
            ScalarKind.Number => NumberOf(Text) is { } a && NumberOf(other.Text) is { } b ? a.Equals(b) : Text == other.Text,
            _ => Text == other.Text,
        };
    }

    /// <summary>Types a plain (unquoted, untagged) scalar the way go-yaml v2 does (YAML 1.1: <c>yes</c>/<c>off</c> are booleans).</summary>
    public static YamlScalar FromPlain(string text)
    {
        if (text is "" or "~" or "null" or "Null" or "NULL") return new YamlScalar(ScalarKind.Null, text);
        if (ParseBoolean(text) is not null) return new YamlScalar(ScalarKind.Boolean, text);
        // Every number starts with a digit, a sign or a dot: most strings need no regular expression.
        if (text[0] is (>= '0' and <= '9') or '+' or '-' or '.' && NumberPattern().IsMatch(text)) return new YamlScalar(ScalarKind.Number, text);
        return new YamlScalar(ScalarKind.String, text);
    }

    public static bool? ParseBoolean(string text) => text switch
    {
        "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y" => true,
        "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N" => false,
        _ => null,
    };

    /// <summary>The number's value, or null for one a double cannot hold (.inf and .nan compare by text).</summary>
    public static double? NumberOf(string text)
    {
        string t = text.Replace("_", "", StringComparison.Ordinal);
        bool negative = t.StartsWith('-');
        string digits = t.TrimStart('+', '-');
        double? magnitude = null;
        if (digits.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(digits[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long hex)) magnitude = hex;
        else if (digits.StartsWith("0o", StringComparison.Ordinal)) magnitude = Octal(digits[2..]);
        else if (double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) magnitude = value;
        return magnitude is { } m && double.IsFinite(m) ? (negative ? -m : m) : null;
    }

    private static double? Octal(string digits)
    {
        long value = 0;
        foreach (char c in digits)
        {
            if (c is < '0' or > '7') return null;
            value = (value * 8) + (c - '0');
        }
        return value;
    }

    // YAML 1.1 int and float (https://yaml.org/type/int.html, https://yaml.org/type/float.html) as go-yaml v2 resolves them.
    [GeneratedRegex(@"^(?:[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|(?:0|[1-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?)|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")]
    private static partial Regex NumberPattern();
}
