namespace OciTui.Registry.Auth;

/// <summary>One challenge of a <c>WWW-Authenticate</c> header: a scheme and its parameters (names lower-cased).</summary>
internal sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);
    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public string? Parameter(string name) => Parameters.TryGetValue(name, out string? value) ? value : null;

    /// <summary>The scopes named by the challenge's <c>scope</c> parameter (space-separated).</summary>
    public IReadOnlyList<string> Scopes =>
        Parameter("scope")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
}
