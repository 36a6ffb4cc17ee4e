using OciTui.Registry;
using OciTui.Registry.Http;
using OciTui.Registry.Wire;

namespace OciTui.Testing;

/// <summary>Every page of a listing, gathered: what a test compares.</summary>
public static class Listing
{
    public static async Task<List<string>> AllTagsAsync(this IRegistry client, string repository)
    {
        var tags = new List<string>();
        await foreach (IReadOnlyList<string> page in client.ListTagsAsync(repository)) tags.AddRange(page);
        return tags;
    }

    public static async Task<List<string>> AllRepositoriesAsync(this IRegistry client)
    {
        var repositories = new List<string>();
        await foreach (IReadOnlyList<string> page in client.ListRepositoriesAsync()) repositories.AddRange(page);
        return repositories;
    }

    /// <summary>A client whose every outgoing request goes through <paramref name="handler"/>.</summary>
    internal static RemoteRegistry ClientThrough(RecordingHandler handler, RegistryConnectionOptions options) => new(options, handler, authenticator: null);
}
