using System.Globalization;
using System.Text;

namespace OciTui.Registry.Text;

/// <summary>
/// The one gate every registry-provided string passes before it reaches a terminal (kubectl CVE-2021-25743):
/// C0, DEL and C1 controls become visible escapes, bidi overrides and other invisible formatting characters are
/// dropped, lone surrogates become U+FFFD, and the result is truncated.
/// </summary>
public static class TerminalText
{
    public const int DefaultMaxLength = 256;
    private const char Ellipsis = '…';

    /// <summary>Sanitises a single-line string: newlines and tabs are escaped too.</summary>
    public static string Sanitize(string? value, int maxLength = DefaultMaxLength) => Sanitize(value, maxLength, multiline: false);

    /// <summary>Sanitises text meant to span lines (a README, values.yaml): keeps <c>\n</c> and expands tabs.</summary>
    public static string SanitizeMultiline(string? value, int maxLength) => Sanitize(value, maxLength, multiline: true);

    private static string Sanitize(string? value, int maxLength, bool multiline)
    {
        if (string.IsNullOrEmpty(value)) return string.Empty;
        if (maxLength < 1) maxLength = 1;
        if (IsAlreadyClean(value, maxLength, multiline)) return value;

        var builder = new StringBuilder(Math.Min(value.Length, maxLength) + 8);
        int i = 0;
        for (; i < value.Length && builder.Length <= maxLength; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
                continue;
            }
            if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
                continue;
            }
            if (multiline && c == '\n')
            {
                builder.Append('\n');
                continue;
            }
            if (multiline && c == '\t')
            {
                builder.Append("    ");
                continue;
            }
            if (IsControl(c))
            {
                builder.Append(Escape(c));
                continue;
            }
            if (IsInvisibleFormatting(c)) continue;
            builder.Append(c);
        }

        bool truncated = builder.Length > maxLength || i < value.Length;
        if (truncated)
        {
            builder.Length = Math.Min(builder.Length, maxLength - 1);
            if (builder.Length > 0 && char.IsHighSurrogate(builder[^1])) builder.Length--;
            builder.Append(Ellipsis);
        }
        return builder.ToString();
    }

    private static bool IsAlreadyClean(string value, int maxLength, bool multiline)
    {
        if (value.Length > maxLength) return false;
        foreach (char c in value)
        {
            if (c is '\n' or '\t' && multiline) return false;
            if (IsControl(c) || IsInvisibleFormatting(c) || char.IsSurrogate(c)) return false;
        }
        return true;
    }

    private static bool IsControl(char c) => c < 0x20 || (c >= 0x7F && c <= 0x9F);

    /// <summary>Bidi embeddings, overrides and isolates, zero-width and other format characters (category Cf).</summary>
    private static bool IsInvisibleFormatting(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format || c is '\u2028' or '\u2029';

    private static string Escape(char c) => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        '\u001b' => "\\e",
        _ => c < 0x100 ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}",
    };
}
