using System.CommandLine;
using OciTui.Registry.Diagnostics;
using OciTui.Registry.Errors;
using OciTui.Registry.Profiles;
using OciTui.Registry.References;

namespace OciTui.Cli;

/// <summary>
/// <c>ocitui doctor PROFILE|HOST [--json]</c>: the connection checked step by step (DNS, TCP, TLS, GET /v2/,
/// credentials, token, catalog, clock, proxy), each with what was found and what to do. Exit 0 when no step failed.
/// </summary>
public static class DoctorCommand
{
    public static Command Create(CommonOptions common, CliContext context)
    {
        var target = new Argument<string>("TARGET") { Description = "A profile name or a registry host." };
        var repository = new Option<string?>("--repository")
        {
            HelpName = "REPO",
            Description = "Ask the token for this repository's pull scope (default: the profile's first pinned repository).",
        };
        var json = new Option<bool>("--json") { Description = "Write one JSON document to stdout." };
        var command = new Command("doctor",
            "Check the connection to a registry step by step and say what to do about each problem; the report holds no secret and can be pasted into a ticket.")
        {
            target, repository, json,
        };
        common.AddTo(command);
        command.SetAction((result, token) => CommandRunner.RunAsync(context, result, common, async () =>
        {
            (Profile profile, _) = new TargetResolver(context, common.Read(result)).ResolveProfile(result.GetValue(target)!);
            if (result.GetValue(repository) is { } named && !ReferenceGrammar.IsValidRepository(named))
                throw new InvalidReferenceException($"'{Registry.Text.TerminalText.Sanitize(named, 120)}' is not a valid repository name.");
            var options = new DoctorOptions { Repository = result.GetValue(repository) };
            bool asJson = result.GetValue(json);
            // Text comes out step by step, so a slow step shows where it waits; --json is one document at the end.
            var progress = asJson ? null : new Printer(context.Out, profile.DisplayAddress);
            DoctorReport report = await ConnectionDoctor.RunAsync(profile, context.Credentials, options, progress, token);
            if (asJson) Write(context.Out, report);
            else context.Out.WriteLine(DoctorText.Summary(report.Steps));
            return report.HasFailure ? ExitCodes.Failure : ExitCodes.Success;
        }));
        return command;
    }

    private static void Write(TextWriter output, DoctorReport report) =>
        JsonOutput.Write(output, w =>
        {
            w.WriteStartObject();
            w.WriteString("target", report.Target);
            w.WriteStartArray("steps");
            foreach (DoctorStepResult step in report.Steps)
            {
                w.WriteStartObject();
                w.WriteString("step", step.Name);
                w.WriteString("status", step.StatusName);
                w.WriteString("detail", Registry.Text.TerminalText.Sanitize(step.Detail, 2000));
                w.WriteString("fix", step.Fix is null ? null : Registry.Text.TerminalText.Sanitize(step.Fix, 1000));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary>Prints each step as the core reports it (synchronously, in order: not <see cref="Progress{T}"/>, which posts).</summary>
    /// <remarks>The heading comes with the first step, so a check refused before it starts (a layout profile) prints nothing on stdout.</remarks>
    private sealed class Printer(TextWriter output, string target) : IProgress<DoctorStepResult>
    {
        private bool _started;

        public void Report(DoctorStepResult value)
        {
            if (!_started) output.WriteLine(DoctorText.Heading(target));
            _started = true;
            foreach (string line in DoctorText.Lines(value)) output.WriteLine(line);
        }
    }
}
