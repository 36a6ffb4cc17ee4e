using OciTui.Registry.Wire;

namespace OciTui.Registry.Http;

/// <summary>
/// Parses RFC 8288 <c>Link</c> headers (<see href="https://www.rfc-editor.org/rfc/rfc8288#section-3">RFC 8288 section 3</see>)
/// as registries send them for paging: <c>&lt;URL&gt;; rel="next"</c>, a relative URL resolved against the request
/// (<see href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#listing-tags">distribution-spec: listing tags</see>).
/// </summary>
internal static class LinkHeader
{
    /// <summary>The target of the first <c>rel="next"</c> link among the header values, resolved against <paramref name="requestUri"/>.</summary>
    public static Uri? FindNext(IEnumerable<string> headerValues, Uri requestUri)
    {
        foreach (string value in headerValues)
        {
            foreach ((string target, IReadOnlyDictionary<string, string> parameters) in Parse(value))
            {
                if (!parameters.TryGetValue("rel", out string? rel)) continue;
                if (!rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("next", StringComparer.OrdinalIgnoreCase)) continue;
                return Uri.TryCreate(requestUri, target, out Uri? resolved) ? resolved : null;
            }
        }
        return null;
    }

    /// <summary>Every link of one header value: its target and its parameters (names lower-cased, quotes removed).</summary>
    public static IEnumerable<(string Target, IReadOnlyDictionary<string, string> Parameters)> Parse(string value)
    {
        int i = 0;
        while (i < value.Length)
        {
            int open = value.IndexOf('<', i);
            if (open < 0) yield break;
            int close = value.IndexOf('>', open + 1);
            if (close < 0) yield break;
            string target = value[(open + 1)..close].Trim();
            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            i = close + 1;
            while (i < value.Length)
            {
                while (i < value.Length && value[i] is ' ' or '\t') i++;
                if (i >= value.Length) break;
                if (value[i] == ',') { i++; break; }
                if (value[i] != ';') { i++; continue; }
                i++;
                while (i < value.Length && value[i] is ' ' or '\t') i++;
                int nameStart = i;
                while (i < value.Length && value[i] is not ('=' or ';' or ',')) i++;
                string name = value[nameStart..i].Trim();
                string parameterValue = "";
                if (i < value.Length && value[i] == '=')
                {
                    i++;
                    while (i < value.Length && value[i] is ' ' or '\t') i++;
                    if (i < value.Length && value[i] == '"')
                    {
                        int end = value.IndexOf('"', i + 1);
                        if (end < 0) end = value.Length;
                        parameterValue = value[(i + 1)..end];
                        i = Math.Min(end + 1, value.Length);
                    }
                    else
                    {
                        int start = i;
                        while (i < value.Length && value[i] is not (';' or ',')) i++;
                        parameterValue = value[start..i].Trim();
                    }
                }
                if (name.Length > 0) parameters[name] = parameterValue;
            }
            yield return (target, parameters);
        }
    }
}
