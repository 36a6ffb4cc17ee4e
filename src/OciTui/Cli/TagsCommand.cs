using System.CommandLine;
using OciTui.Registry.Browsing;
using OciTui.Registry.Errors;
using OciTui.Registry.Text;
using OciTui.Registry.Versions;

namespace OciTui.Cli;

/// <summary>
/// <c>ocitui tags REF [--json] [--all | --version RANGE] [--long]</c>: semver tags newest first; <c>--all</c> adds the
/// others, a range keeps the versions helm would try for it, <c>--long</c> adds their details.
/// </summary>
public static class TagsCommand
{
    public static Command Create(CommonOptions common, CliContext context)
    {
        var reference = new Argument<string>("REF") { Description = "oci://host/repo, host/repo, PROFILE/repo or oci-layout:PATH." };
        var json = new Option<bool>("--json") { Description = "Write one JSON document to stdout." };
        var all = new Option<bool>("--all") { Description = "Also list tags that are not semantic versions." };
        var range = new Option<string?>("--version")
        {
            HelpName = "RANGE",
            Description = "Only the versions in this range, as pull --version RANGE would try them (^1.2.0, ~1.2.0, 1.2.x, >=1.0.0-0): the first is the one it takes.",
        };
        var longList = new Option<bool>("--long", "-l") { Description = "Also each tag's appVersion, created date and manifest digest." };
        var command = new Command("tags", "List the tags of a repository, semantic versions newest first.") { reference, json, all, range, longList };
        common.AddTo(command);
        command.SetAction((result, token) => CommandRunner.RunAsync(context, result, common, async () =>
        {
            using ResolvedTarget resolved = new TargetResolver(context, common.Read(result)).ResolveReference(result.GetValue(reference)!);
            if (resolved.Reference is not null) throw new InvalidInputException("tags takes a repository without a tag or digest.");
            VersionRange? wanted = result.GetValue(range) is { } text ? VersionRange.Parse(text) : null;
            if (wanted is not null && result.GetValue(all)) throw new InvalidInputException("Give --all or --version, not both.");
            // The same listing as the TUI's version table: Harbor's artifact list when it has one, else the registry's tag list.
            (List<string> tags, VersionTable? table) = await TagListing.ListAsync(resolved.Registry, resolved.Repository!,
                note => context.Error.WriteLine($"note: {note}"), token);
            IReadOnlyList<SortedTag> sorted = TagSorter.Sort(tags);
            IReadOnlyList<string> shown = wanted is not null
                ? ChartVersions.Matching(tags, wanted)
                : sorted.Where(t => t.IsSemver || result.GetValue(all)).Select(t => t.Tag).ToList();
            IReadOnlyList<(string Tag, TagSummary Summary)>? rows = result.GetValue(longList) ? await LongTagList.LoadAsync(resolved, shown, token, table) : null;
            if (result.GetValue(json))
            {
                JsonOutput.Write(context.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("repository", resolved.Display());
                    if (rows is not null) LongTagList.WriteJson(w, rows);
                    else w.WriteStringArray("tags", shown);
                    w.WriteEndObject();
                });
            }
            else
            {
                if (rows is not null) LongTagList.WriteTable(context.Out, rows);
                else foreach (string tag in shown) context.Out.WriteLine(TerminalText.Sanitize(tag));
                int hidden = sorted.Count - shown.Count;
                if (wanted is not null && shown.Count == 0) context.Error.WriteLine($"note: no version matches '{TerminalText.Sanitize(wanted.Text, 80)}'.");
                else if (hidden > 0 && wanted is null) context.Error.WriteLine($"note: {hidden} tag(s) that are not semantic versions are hidden; --all shows them.");
            }
            return rows is null ? ExitCodes.Success : LongTagList.ReportErrors(context.Error, rows);
        }));
        return command;
    }

    public static async Task<List<string>> CollectAsync(ResolvedTarget resolved, CancellationToken token)
    {
        var tags = new List<string>();
        await foreach (IReadOnlyList<string> page in resolved.Registry.ListTagsAsync(resolved.Repository!, token)) tags.AddRange(page);
        return tags;
    }
}
