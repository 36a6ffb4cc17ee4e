using System.CommandLine;
using OciTui.Registry.Errors;
using OciTui.Registry.Versions;
using static OciTui.Registry.Text.TerminalText;

namespace OciTui.Cli;

/// <summary>Which tag <c>show</c> and <c>pull</c> take: the one in REF, else <c>--version</c> read as helm reads it, else the newest.</summary>
public static class VersionSelection
{
    public static Option<string?> CreateOption(string verb) => new("--version")
    {
        HelpName = "VERSION",
        Description = $"The chart version to {verb}, or a range as helm takes it (^1.2.0, ~1.2.0, 1.2.x, >=1.2.0 <2.0.0; " +
            "prereleases only when the range names one, as >=1.0.0-0). helm's '+' is '_' in tags.",
    };

    public static async Task<string> TagAsync(ResolvedTarget resolved, string? versionOrRange, CancellationToken token)
    {
        if (resolved.Reference is not null)
        {
            if (!string.IsNullOrEmpty(versionOrRange)) throw new InvalidInputException("Give a tag or --version, not both.");
            return resolved.Reference;
        }
        if (string.IsNullOrEmpty(versionOrRange)) return await NewestAsync(resolved, token);
        return await ChartVersions.ResolveAsync(versionOrRange, async () => await TagsCommand.CollectAsync(resolved, token));
    }

    private static async Task<string> NewestAsync(ResolvedTarget resolved, CancellationToken token) =>
        ChartVersions.Newest(await TagsCommand.CollectAsync(resolved, token))
        ?? throw new NotFoundException($"'{Sanitize(resolved.Display(), 160)}' has no tag that is a semantic version; name a tag.", System.Net.HttpStatusCode.NotFound, []);
}
