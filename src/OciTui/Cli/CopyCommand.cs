using System.CommandLine;
using OciTui.Registry.Errors;
using OciTui.Registry.References;
using OciTui.Registry.Text;
using OciTui.Registry.Transfers;
using OciTui.Registry.Trust;
using OciTui.Registry.Versions;
using static OciTui.Registry.Text.TerminalText;

namespace OciTui.Cli;

/// <summary>
/// <c>ocitui copy SRC DEST [--version V]... [--all-tags] [--no-referrers] [--dry-run] [--json]</c>: copies chart versions
/// with their provenance, signatures and SBOMs to another registry or into an OCI layout, by digest, tag last.
/// </summary>
public static class CopyCommand
{
    public static Command Create(CommonOptions common, CliContext context)
    {
        var source = new Argument<string>("SRC") { Description = "REF[:TAG|@DIGEST] to copy from; without a tag, --version or --all-tags, the newest semantic version." };
        var destination = new Argument<string>("DEST") { Description = "PROFILE/REPO, HOST/REPO, oci://HOST/REPO or oci-layout:PATH, with an optional :TAG (default: SRC's tag)." };
        var versions = new Option<string[]>("--version")
        {
            HelpName = "VERSION",
            Description = "A chart version or a range as helm takes it (^1.2.0, ~1.2.0, >=1.2.0 <2.0.0); repeat it for several versions.",
            AllowMultipleArgumentsPerToken = false,
        };
        var allTags = new Option<bool>("--all-tags") { Description = "Copy every tag of SRC (cosign's and referrer tags come along with what they sign)." };
        var noReferrers = new Option<bool>("--no-referrers") { Description = "Do not copy what is attached: OCI referrers (signatures, SBOMs) and cosign's .sig/.att/.sbom tags." };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be sent and what the destination already has; send nothing." };
        var json = new Option<bool>("--json") { Description = "Write one JSON document to stdout: per version, the digest, bytes sent and blobs skipped." };
        var command = new Command("copy", "Copy chart versions, with their provenance, signatures and SBOMs, to another registry or into an OCI layout.")
        {
            source, destination, versions, allTags, noReferrers, dryRun, json,
        };
        common.AddTo(command);
        command.SetAction((result, token) => CommandRunner.RunAsync(context, result, common, async () =>
        {
            ConnectionOverrides overrides = common.Read(result);
            using ResolvedTarget from = new TargetResolver(context, overrides).ResolveReference(result.GetValue(source)!);
            // The destination's credentials are its own: --username/--password-stdin and --profile speak for SRC.
            using ResolvedTarget to = new TargetResolver(context, overrides with { Username = null, PasswordStdin = false, ProfileName = null })
                .ResolveReference(result.GetValue(destination)!);
            if (to.Digest is not null) throw new InvalidInputException("DEST takes a tag, not a digest: the copy keeps SRC's digest.");

            IReadOnlyList<string> picked = await PickAsync(from, result.GetValue(versions) ?? [], result.GetValue(allTags), token);
            if (to.Tag is not null && picked.Count > 1)
                throw new InvalidInputException("DEST names one tag, but several versions are copied; leave the tag out to keep each version's own.");

            bool asJson = result.GetValue(json);
            var line = new ProgressLine(context.Error, draw: context.ErrorIsTerminal && !asJson && !result.GetValue(dryRun));
            var progress = new Forward(p => line.Report(p.Overall));
            var results = new List<(string Source, string Destination, CopyResult Result)>();
            string? current = null;
            try
            {
                foreach (string tagOrDigest in picked)
                {
                    var reference = ManifestReference.Parse(tagOrDigest);
                    string? destinationTag = to.Tag ?? reference.Tag;
                    current = to.Display(destinationTag);
                    var request = new CopyRequest(from.Registry, from.Repository!, reference, to.Registry, to.Repository!, destinationTag)
                    {
                        IncludeReferrers = !result.GetValue(noReferrers),
                        DryRun = result.GetValue(dryRun),
                    };
                    CopyResult copied = await ChartCopier.CopyAsync(request, progress, token);
                    line.Finish();
                    results.Add((from.Display(tagOrDigest), destinationTag is null ? to.Display(copied.ManifestDigest.ToString()) : to.Display(destinationTag), copied));
                    if (!asJson) WriteText(context.Out, results[^1].Source, results[^1].Destination, copied);
                }
            }
            catch (OperationCanceledException e)
            {
                line.Finish();
                throw new CopyInterruptedException(
                    $"cancelled; {(current is null ? "nothing was copied" : $"{Sanitize(current, 200)} was not tagged")} (what was sent stays, untagged).",
                    "Run the same command again: it sends only what is still missing.", e);
            }
            finally
            {
                line.Finish();
            }
            if (asJson) WriteJson(context.Out, results);
            return 0;
        }));
        return command;
    }

    /// <summary>The tags or digest to copy: SRC's own, each --version (helm's rules), every tag, or the newest version.</summary>
    private static async Task<IReadOnlyList<string>> PickAsync(ResolvedTarget from, string[] versions, bool allTags, CancellationToken token)
    {
        if (allTags)
        {
            if (from.Reference is not null || versions.Length > 0) throw new InvalidInputException("--all-tags copies every tag; give no tag or --version with it.");
            List<string> tags = await TagsCommand.CollectAsync(from, token);
            List<string> copied = tags.Where(t => !CosignTags.IsCosignTag(t) && !IsReferrersTag(t)).ToList();
            return copied.Count > 0 ? copied : throw new NotFoundException($"'{Sanitize(from.Display(), 160)}' has no tags to copy.", System.Net.HttpStatusCode.NotFound, []);
        }
        if (versions.Length <= 1) return [await VersionSelection.TagAsync(from, versions.FirstOrDefault(), token)];
        if (from.Reference is not null) throw new InvalidInputException("Give a tag or --version, not both.");
        List<string> all = await TagsCommand.CollectAsync(from, token);
        var picked = new List<string>();
        foreach (string version in versions)
        {
            string tag = await ChartVersions.ResolveAsync(version, () => Task.FromResult<IReadOnlyList<string>>(all));
            if (!picked.Contains(tag, StringComparer.Ordinal)) picked.Add(tag);
        }
        return picked;
    }

    /// <summary>The referrers API's fallback tag <c>sha256-&lt;hex&gt;</c>: copied with its subject, never as a version.</summary>
    private static bool IsReferrersTag(string tag) =>
        tag.IndexOf('-', StringComparison.Ordinal) is > 0 and var dash && Digest.TryParse($"{tag[..dash]}:{tag[(dash + 1)..]}", out _);

    private static void WriteText(TextWriter output, string from, string to, CopyResult copied)
    {
        if (copied.DryRun)
        {
            output.WriteLine($"Would copy {Sanitize(from, 300)} -> {Sanitize(to, 300)}");
            foreach (CopyItem item in copied.Items)
            {
                string kind = item.Kind.ToString().ToLowerInvariant();
                string name = item.Kind == CopyItemKind.Tag ? $"{Sanitize(item.Description, 140)} -> {item.Digest.Short}" : $"{item.Digest.Short} {Sanitize(item.Description, 80)}";
                output.WriteLine($"  {(item.Present ? "present " : "send    ")}{kind,-8} {name}  {ByteSize.Format(item.Size)}");
            }
            long toSend = copied.Items.Where(i => i.Kind == CopyItemKind.Blob && !i.Present).Sum(i => i.Size);
            output.WriteLine($"  {ByteSize.Format(toSend)} to send; {copied.BlobsSkipped} blob(s) already there.");
            return;
        }
        if (copied.AlreadyThere)
        {
            output.WriteLine($"Already there: {Sanitize(to, 300)} ({copied.ManifestDigest.Short})");
            return;
        }
        output.WriteLine($"Copied: {Sanitize(from, 300)} -> {Sanitize(to, 300)}");
        output.WriteLine($"Digest: {copied.ManifestDigest} (verified)");
        string mounted = copied.BlobsMounted > 0 ? $", {copied.BlobsMounted} mounted" : "";
        output.WriteLine($"Sent:   {copied.BlobsSent} blob(s), {ByteSize.Format(copied.BytesSent)}, {copied.ManifestsSent} manifest(s); {copied.BlobsSkipped} blob(s) already there{mounted}");
    }

    private static void WriteJson(TextWriter output, List<(string Source, string Destination, CopyResult Result)> results) =>
        JsonOutput.Write(output, w =>
        {
            w.WriteStartArray();
            foreach ((string from, string to, CopyResult copied) in results)
            {
                w.WriteStartObject();
                w.WriteString("source", from);
                w.WriteString("destination", to);
                w.WriteString("digest", copied.ManifestDigest.ToString());
                w.WriteBoolean("dryRun", copied.DryRun);
                w.WriteBoolean("alreadyThere", copied.AlreadyThere);
                w.WriteNumber("bytesSent", copied.BytesSent);
                w.WriteNumber("blobsSent", copied.DryRun ? 0 : copied.BlobsSent);
                w.WriteNumber("blobsSkipped", copied.BlobsSkipped);
                w.WriteNumber("blobsMounted", copied.BlobsMounted);
                w.WriteNumber("manifestsSent", copied.DryRun ? 0 : copied.ManifestsSent);
                w.WriteStartArray("items");
                foreach (CopyItem item in copied.Items)
                {
                    w.WriteStartObject();
                    w.WriteString("kind", item.Kind.ToString().ToLowerInvariant());
                    w.WriteString("digest", item.Digest.ToString());
                    w.WriteNumber("size", item.Size);
                    w.WriteString("what", item.Description);
                    w.WriteBoolean("present", item.Present);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });

    private sealed class Forward(Action<CopyProgress> report) : IProgress<CopyProgress>
    {
        public void Report(CopyProgress value) => report(value);
    }
}

/// <summary>Ctrl-C during a copy: nothing was tagged, and the same command resumes (exit 130).</summary>
public sealed class CopyInterruptedException(string message, string hint, Exception inner) : ResumableCancellationException(message, hint, inner);
