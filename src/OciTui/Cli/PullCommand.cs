using System.CommandLine;
using OciTui.Registry.Browsing;
using OciTui.Registry.Charts;
using OciTui.Registry.Errors;
using OciTui.Registry.Inspection;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Text;
using OciTui.Registry.Transfers;
using OciTui.Registry.Trust;
using static OciTui.Registry.Text.TerminalText;

namespace OciTui.Cli;

/// <summary><c>ocitui pull REF[:TAG] [--version V] [-d DIR] [--untar]</c>: helm pull, verified.</summary>
public static class PullCommand
{
    public static Command Create(CommonOptions common, CliContext context)
    {
        var reference = new Argument<string>("REF") { Description = "REF[:TAG|@DIGEST]; without a tag or --version, the newest semantic version." };
        Option<string?> version = VersionSelection.CreateOption("pull");
        var directory = new Option<string?>("--destination", "-d") { HelpName = "DIR", Description = "The directory the chart is written to (default: the working directory)." };
        var untar = new Option<bool>("--untar") { Description = "Also unpack the chart into the directory." };
        var provenance = new Option<bool>("--prov") { Description = "Also download the provenance file, when the chart has one." };
        var json = new Option<bool>("--json") { Description = "Write one JSON document to stdout." };
        var verify = new Option<bool>("--verify") { Description = "Verify the chart's Helm provenance before saving it (as helm pull --verify); on failure nothing is kept." };
        Option<string?> keyring = VerifyCommand.CreateKeyringOption();
        var force = new Option<bool>("--force") { Description = "Replace a file of the same name (without it, an existing file is kept and the pull stops)." };
        var command = new Command("pull", "Download a chart's archive, verify its size and sha256, and save it as <chart>-<version>.tgz.")
        {
            reference, version, directory, untar, provenance, verify, keyring, json, force,
        };
        common.AddTo(command);
        command.SetAction((result, token) => CommandRunner.RunAsync(context, result, common, async () =>
        {
            using ResolvedTarget resolved = new TargetResolver(context, common.Read(result)).ResolveReference(result.GetValue(reference)!);
            if (result.GetValue(keyring) is not null && !result.GetValue(verify))
                throw new InvalidInputException("--keyring is used with --verify; add --verify to check the chart's provenance.");
            Keyring? keys = result.GetValue(verify) ? VerifyCommand.LoadKeyring(context, resolved, result.GetValue(keyring)) : null;
            string tagOrDigest = await VersionSelection.TagAsync(resolved, result.GetValue(version), token);

            string destination = Path.GetFullPath(result.GetValue(directory) ?? ".", context.WorkingDirectory);
            var request = new PullRequest(resolved.Repository!, ManifestReference.Parse(tagOrDigest), destination)
            {
                IncludeProvenance = result.GetValue(provenance),
                Overwrite = result.GetValue(force),
                KeepIdenticalFile = true,
                VerifyWith = keys,
            };
            PullResult pulled;
            var progress = new ProgressLine(context.Error, draw: context.ErrorIsTerminal && !result.GetValue(json));
            try
            {
                pulled = await ChartPuller.PullAsync(resolved.Registry, request, progress, token);
            }
            catch (DestinationExistsException e)
            {
                throw new DestinationExistsException(e.Path) { Hint = "Remove it, or pass --force to replace it." };
            }
            catch (OperationCanceledException e) when (progress.Latest is { BytesDone: > 0 } kept)
            {
                // The downloader keeps a non-empty partial file beside the destination, and the same command resumes it.
                throw new DownloadInterruptedException(
                    $"cancelled; the {ByteSize.Format(kept.BytesDone)}{(kept.TotalBytes is long total ? $" of {ByteSize.Format(total)}" : "")} downloaded so far are kept in {destination} (a hidden .partial file).",
                    "Run the same command again to resume the download.", e);
            }
            finally
            {
                progress.Finish();
            }
            string? unpacked = result.GetValue(untar) ? await ChartArchive.ExtractAsync(pulled.Path, destination, token) : null;

            if (result.GetValue(json))
            {
                JsonOutput.Write(context.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("reference", resolved.Display(tagOrDigest));
                    w.WriteString("path", pulled.Path);
                    w.WriteString("digest", pulled.Digest.ToString());
                    w.WriteNumber("size", pulled.Size);
                    w.WriteString("manifestDigest", pulled.Details.Manifest.Digest.ToString());
                    if (pulled.UpToDate) w.WriteBoolean("upToDate", true);
                    if (pulled.ProvenancePath is not null) w.WriteString("provenance", pulled.ProvenancePath);
                    if (pulled.Provenance is { } verdict)
                    {
                        w.WriteString("verification", verdict.OutcomeName);
                        w.WriteString("signer", verdict.Signer);
                        w.WriteString("keyId", verdict.KeyId);
                    }
                    if (unpacked is not null) w.WriteString("untarred", unpacked);
                    w.WriteEndObject();
                });
            }
            else
            {
                if (pulled.UpToDate)
                {
                    context.Out.WriteLine($"Up to date: {Sanitize(resolved.Display(tagOrDigest), 300)}");
                    context.Out.WriteLine($"Kept:   {pulled.Path} (already this chart; nothing was downloaded)");
                }
                else
                {
                    context.Out.WriteLine($"Pulled: {Sanitize(resolved.Display(tagOrDigest), 300)}");
                    context.Out.WriteLine($"Saved:  {pulled.Path}");
                }
                context.Out.WriteLine($"Digest: {pulled.Digest} (verified)");
                if (pulled.ProvenancePath is not null) context.Out.WriteLine($"Provenance: {pulled.ProvenancePath}");
                if (pulled.Provenance is { } verdict) context.Out.WriteLine($"Verified: {verdict.Summary}");
                if (unpacked is not null) context.Out.WriteLine($"Unpacked: {unpacked}");
            }
            return 0;
        }));
        return command;
    }
}

/// <summary>Ctrl-C during a download that left a resumable partial file: says so, and that the same command resumes it (exit 130).</summary>
public sealed class DownloadInterruptedException(string message, string hint, Exception inner) : ResumableCancellationException(message, hint, inner);

/// <summary>Ctrl-C during work the same command resumes: what was kept, and how to go on (exit 130).</summary>
public abstract class ResumableCancellationException(string message, string hint, Exception inner) : OperationCanceledException(message, inner)
{
    public string Hint { get; } = hint;
}
