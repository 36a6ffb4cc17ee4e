namespace OciTui.Registry.Text;

/// <summary>How far a typed name is from a known one, and which known one a typo most likely meant.</summary>
public static class Spelling
{
    /// <summary>
    /// Damerau-Levenshtein distance in its optimal-string-alignment form: inserting, deleting or replacing a character,
    /// or swapping two neighbours (<c>lba</c> for <c>lab</c>), is one edit each. Ordinal: callers fold case if they want.
    /// </summary>
    public static int Distance(string a, string b)
    {
        int[,] d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    /// <summary>
    /// The known name a typo most likely meant: within two edits, or one when either name has three letters or fewer
    /// (two edits turn any short name into any other); the nearest, the first listed on a tie; null when none is that close.
    /// </summary>
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string name in known)
        {
            if (name == typed) continue;
            int reach = Math.Min(typed.Length, name.Length) <= 3 ? 1 : 2;
            int distance = Distance(typed.ToLowerInvariant(), name.ToLowerInvariant());
            if (distance <= reach && distance < bestDistance)
            {
                best = name;
                bestDistance = distance;
            }
        }
        return best;
    }
}
