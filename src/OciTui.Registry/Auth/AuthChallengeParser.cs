using System.Text;

namespace OciTui.Registry.Auth;

/// <summary>
/// Parses <c>WWW-Authenticate</c> values (<see href="https://www.rfc-editor.org/rfc/rfc9110#name-www-authenticate">RFC 9110
/// WWW-Authenticate</see>, formerly RFC 7235): a scheme, then <c>key=token</c> or <c>key="quoted"</c> parameters
/// with backslash escapes, comma-separated; several challenges may share one line or come as several lines.
/// </summary>
internal static class AuthChallengeParser
{
    public static IReadOnlyList<AuthChallenge> Parse(IEnumerable<string> headerValues)
    {
        var challenges = new List<AuthChallenge>();
        foreach (string value in headerValues) challenges.AddRange(Parse(value));
        return challenges;
    }

    public static IReadOnlyList<AuthChallenge> Parse(string value)
    {
        var challenges = new List<AuthChallenge>();
        int i = 0;
        string? scheme = null;
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (i < value.Length)
        {
            SkipSeparators(value, ref i);
            if (i >= value.Length) break;
            string token = ReadToken(value, ref i);
            if (token.Length == 0)
            {
                i++;
                continue;
            }
            SkipWhitespace(value, ref i);
            if (i < value.Length && value[i] == '=' && scheme is not null && !IsToken68End(value, i))
            {
                i++;
                SkipWhitespace(value, ref i);
                parameters[token] = i < value.Length && value[i] == '"' ? ReadQuoted(value, ref i) : ReadToken(value, ref i);
                continue;
            }
            // A bare token starts a new challenge.
            if (scheme is not null) challenges.Add(new AuthChallenge(scheme, parameters));
            scheme = token;
            parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }
        if (scheme is not null) challenges.Add(new AuthChallenge(scheme, parameters));
        return challenges;
    }

    /// <summary>A token68 value (<c>Negotiate abc==</c>) ends in '=' with nothing but '=' after it before a comma.</summary>
    private static bool IsToken68End(string value, int equalsIndex)
    {
        int j = equalsIndex;
        while (j < value.Length && value[j] == '=') j++;
        while (j < value.Length && value[j] is ' ' or '\t') j++;
        return j >= value.Length || value[j] == ',';
    }

    private static void SkipWhitespace(string value, ref int i)
    {
        while (i < value.Length && value[i] is ' ' or '\t') i++;
    }

    private static void SkipSeparators(string value, ref int i)
    {
        while (i < value.Length && value[i] is ' ' or '\t' or ',') i++;
    }

    private static string ReadToken(string value, ref int i)
    {
        int start = i;
        while (i < value.Length && value[i] is not (' ' or '\t' or ',' or '=' or '"')) i++;
        return value[start..i];
    }

    private static string ReadQuoted(string value, ref int i)
    {
        var builder = new StringBuilder();
        i++;
        while (i < value.Length && value[i] != '"')
        {
            if (value[i] == '\\' && i + 1 < value.Length) i++;
            builder.Append(value[i]);
            i++;
        }
        i++;
        return builder.ToString();
    }
}
