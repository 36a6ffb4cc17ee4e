namespace OciTui.Registry.Auth;

/// <summary>
/// Token scopes as the distribution token spec writes them: <c>repository:&lt;name&gt;:pull</c>, <c>registry:catalog:*</c>
/// (<see href="https://distribution.github.io/distribution/spec/auth/scope/">distribution: token scope and access</see>).
/// </summary>
internal static class Scopes
{
    public const string Catalog = "registry:catalog:*";

    public static string Pull(string repository) => $"repository:{repository}:pull";

    /// <summary>What pushing needs: a push token also reads (HEAD of blobs and manifests), so one token serves the whole copy.</summary>
    public static string PullPush(string repository) => $"repository:{repository}:pull,push";

    /// <summary>Splits a scope into resource type, name and actions, at the first and the last colon (names may hold ':' for ports).</summary>
    public static (string Type, string Name, string[] Actions)? Parse(string scope)
    {
        int first = scope.IndexOf(':', StringComparison.Ordinal);
        int last = scope.LastIndexOf(':');
        if (first <= 0 || last <= first) return null;
        return (scope[..first], scope[(first + 1)..last], scope[(last + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The scopes to ask a token for: the demanded ones first, then the challenge's, deduplicated.</summary>
    public static IReadOnlyList<string> Merge(IEnumerable<string> demanded, IEnumerable<string> fromChallenge) =>
        demanded.Concat(fromChallenge).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).ToList();
}
