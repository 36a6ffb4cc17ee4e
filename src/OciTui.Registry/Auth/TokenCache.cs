using System.Collections.Concurrent;

namespace OciTui.Registry.Auth;

/// <summary>
/// Bearer tokens by key (origin, realm, service, scopes, credential identity). Concurrent callers asking for the same
/// key share one fetch; a token is renewed shortly before it expires, and a rejected one is dropped.
/// </summary>
/// <param name="time">The clock tokens expire by.</param>
/// <param name="lifetime">
/// What a shared fetch runs under: no caller's token (one caller giving up must not fail the others), but the owner's
/// lifetime, so a fetch still running when the owner is disposed ends then instead of at its request timeout.
/// </param>
internal sealed class TokenCache(TimeProvider time, CancellationToken lifetime = default)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<BearerToken>>> _entries = new(StringComparer.Ordinal);

    public static string Key(string origin, string realm, string? service, IEnumerable<string> scopes, string identity) =>
        string.Join('\n', origin, realm, service ?? "", string.Join(' ', scopes.Order(StringComparer.Ordinal)), identity);

    /// <summary>A cached, still-fresh token for the key, without fetching.</summary>
    public BearerToken? TryGet(string key)
    {
        if (!_entries.TryGetValue(key, out Lazy<Task<BearerToken>>? entry) || !entry.IsValueCreated) return null;
        Task<BearerToken> task = entry.Value;
        return task.IsCompletedSuccessfully && task.Result.IsFresh(time.GetUtcNow()) ? task.Result : null;
    }

    public async Task<BearerToken> GetOrFetchAsync(string key, Func<CancellationToken, Task<BearerToken>> fetch, CancellationToken cancellationToken)
    {
        while (true)
        {
            var created = new Lazy<Task<BearerToken>>(() => fetch(lifetime));
            Lazy<Task<BearerToken>> entry = _entries.GetOrAdd(key, created);
            try
            {
                BearerToken token = await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (token.IsFresh(time.GetUtcNow()) || ReferenceEquals(entry, created)) return token;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _entries.TryRemove(new KeyValuePair<string, Lazy<Task<BearerToken>>>(key, entry));
                throw;
            }
            // Expired: drop this entry (only if nobody replaced it yet) and fetch again.
            _entries.TryRemove(new KeyValuePair<string, Lazy<Task<BearerToken>>>(key, entry));
        }
    }

    /// <summary>Forgets the token if it is still the one cached (the registry refused it).</summary>
    public void Invalidate(string key, string tokenValue)
    {
        if (_entries.TryGetValue(key, out Lazy<Task<BearerToken>>? entry) && entry.IsValueCreated
            && entry.Value.IsCompletedSuccessfully && entry.Value.Result.Value == tokenValue)
        {
            _entries.TryRemove(new KeyValuePair<string, Lazy<Task<BearerToken>>>(key, entry));
        }
    }
}
