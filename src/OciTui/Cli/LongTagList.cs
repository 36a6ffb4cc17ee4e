using System.Globalization;
using OciTui.Registry.Browsing;
using OciTui.Registry.Text;

namespace OciTui.Cli;

/// <summary>
/// <c>tags --long</c>: each tag with its appVersion, created date and manifest digest, read by the same
/// <see cref="TagSummaryLoader"/> that fills the TUI's version table (a few manifests at a time, one config per digest).
/// </summary>
public static class LongTagList
{
    /// <summary>How many tags are read at once: enough to hide a slow registry's latency, few enough not to hammer it.</summary>
    public const int Concurrency = 8;

    /// <summary>Reads every tag's summary (none at all that a listing API's <paramref name="known"/> table holds); a tag that could not be read carries its error.</summary>
    public static async Task<IReadOnlyList<(string Tag, TagSummary Summary)>> LoadAsync(ResolvedTarget resolved, IReadOnlyList<string> tags, CancellationToken token,
        VersionTable? known = null)
    {
        var loader = new TagSummaryLoader(resolved.Registry, resolved.Repository!, Concurrency, known);
        var summaries = new System.Collections.Concurrent.ConcurrentDictionary<string, TagSummary>(StringComparer.Ordinal);
        await loader.LoadAsync(tags, (tag, summary) => summaries[tag] = summary, token);
        token.ThrowIfCancellationRequested();
        return tags.Select(tag => (tag, summaries[tag])).ToList();
    }

    /// <summary>UTC, ISO 8601, no space: one field for awk and cut.</summary>
    public static string? Created(TagSummary summary) =>
        summary.Created?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static void WriteTable(TextWriter output, IReadOnlyList<(string Tag, TagSummary Summary)> rows)
    {
        string[][] cells =
        [
            ["TAG", "APP VERSION", "CREATED", "DIGEST"],
            .. rows.Select(r => new[]
            {
                TerminalText.Sanitize(r.Tag),
                TerminalText.Sanitize(r.Summary.AppVersion ?? "-", 60),
                Created(r.Summary) ?? "-",
                r.Summary.Error is null ? r.Summary.Digest : "-",
            }),
        ];
        int[] widths = Enumerable.Range(0, 3).Select(c => cells.Max(row => row[c].Length)).ToArray();
        // Signed and description only where a listing API told them (Harbor), so other registries' tables stay as they were.
        bool extra = rows.Any(r => r.Summary.Signed is not null || r.Summary.Description is not null);
        int digestWidth = cells.Max(row => row[3].Length);
        for (int i = 0; i < cells.Length; i++)
        {
            string[] row = cells[i];
            string line = $"{row[0].PadRight(widths[0])}  {row[1].PadRight(widths[1])}  {row[2].PadRight(widths[2])}  {row[3]}";
            if (extra)
            {
                TagSummary? summary = i == 0 ? null : rows[i - 1].Summary;
                string signed = i == 0 ? "SIGNED" : summary!.Signed == true ? "yes" : summary.Signed == false ? "no" : "-";
                string description = i == 0 ? "DESCRIPTION" : TerminalText.Sanitize(summary!.Description ?? "", 120);
                line = $"{line.PadRight(widths[0] + widths[1] + widths[2] + digestWidth + 6)}  {signed,-6}  {description}".TrimEnd();
            }
            output.WriteLine(line);
        }
    }

    public static void WriteJson(System.Text.Json.Utf8JsonWriter w, IReadOnlyList<(string Tag, TagSummary Summary)> rows)
    {
        w.WriteStartArray("tags");
        foreach ((string tag, TagSummary summary) in rows)
        {
            w.WriteStartObject();
            w.WriteString("tag", tag);
            w.WriteString("appVersion", summary.AppVersion);
            w.WriteString("created", Created(summary));
            w.WriteString("digest", summary.Error is null ? summary.Digest : null);
            if (summary.Description is not null) w.WriteString("description", summary.Description);
            if (summary.Signed is { } signed) w.WriteBoolean("signed", signed);
            if (summary.Error is not null) w.WriteString("error", summary.Error);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>Tags that could not be read: one note on stderr, and exit 1, since the listing is incomplete.</summary>
    public static int ReportErrors(TextWriter error, IReadOnlyList<(string Tag, TagSummary Summary)> rows)
    {
        var failed = rows.Where(r => r.Summary.Error is not null).ToList();
        if (failed.Count == 0) return ExitCodes.Success;
        error.WriteLine($"ocitui: {failed.Count} tag(s) could not be read, first {TerminalText.Sanitize(failed[0].Tag, 130)}: {failed[0].Summary.Error}");
        return ExitCodes.Failure;
    }
}
