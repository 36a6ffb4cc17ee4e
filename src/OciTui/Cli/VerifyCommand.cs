using System.CommandLine;
using System.Globalization;
using OciTui.Registry.Inspection;
using OciTui.Registry.References;
using OciTui.Registry.Trust;
using static OciTui.Registry.Text.TerminalText;

namespace OciTui.Cli;

/// <summary><c>ocitui verify REF[:TAG] [--version V] [--keyring FILE] [--json]</c>: helm verify, before anything is downloaded.</summary>
public static class VerifyCommand
{
    public static Command Create(CommonOptions common, CliContext context)
    {
        var reference = new Argument<string>("REF") { Description = "REF[:TAG|@DIGEST]; without a tag or --version, the newest semantic version." };
        Option<string?> version = VersionSelection.CreateOption("verify");
        Option<string?> keyring = CreateKeyringOption();
        var json = new Option<bool>("--json") { Description = "Write one JSON document to stdout." };
        var command = new Command("verify",
            "Verify a chart's Helm provenance (signature and digest) against a keyring, without downloading the chart; exit 0 only when it is verified.")
        {
            reference, version, keyring, json,
        };
        common.AddTo(command);
        command.SetAction((result, token) => CommandRunner.RunAsync(context, result, common, async () =>
        {
            using ResolvedTarget resolved = new TargetResolver(context, common.Read(result)).ResolveReference(result.GetValue(reference)!);
            Keyring keys = LoadKeyring(context, resolved, result.GetValue(keyring));
            string tagOrDigest = await VersionSelection.TagAsync(resolved, result.GetValue(version), token);
            ArtifactDetails details = await ArtifactInspector.InspectAsync(resolved.Registry, resolved.Repository!, ManifestReference.Parse(tagOrDigest), token);
            ProvenanceVerdict verdict = await ProvenanceVerifier.VerifyAsync(resolved.Registry, details, keys, null, token);

            if (result.GetValue(json))
            {
                JsonOutput.Write(context.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("reference", resolved.Display(tagOrDigest));
                    w.WriteString("outcome", verdict.OutcomeName);
                    w.WriteString("summary", verdict.Summary);
                    w.WriteString("signer", verdict.Signer);
                    w.WriteString("keyId", verdict.KeyId);
                    w.WriteString("fingerprint", verdict.Fingerprint);
                    if (verdict.SignedAt is { } signedAt) w.WriteString("signedAt", signedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                    else w.WriteNull("signedAt");
                    w.WriteString("chartDigest", verdict.ChartDigest?.ToString());
                    w.WriteString("signedDigest", verdict.SignedDigest);
                    w.WriteEndObject();
                });
            }
            else
            {
                context.Out.WriteLine($"{Sanitize(resolved.Display(tagOrDigest), 300)}: {verdict.OutcomeName}");
                context.Out.WriteLine(verdict.Summary);
            }
            return verdict.IsVerified ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }

    public static Option<string?> CreateKeyringOption() => new("--keyring")
    {
        HelpName = "FILE",
        Description = "The public keyring (binary or ASCII-armoured) to verify against (default: the profile's keyring, else $GNUPGHOME/pubring.gpg or ~/.gnupg/pubring.gpg).",
    };

    /// <summary>--keyring, else the profile's keyring, else GnuPG's pubring.gpg, as helm reads it.</summary>
    public static Keyring LoadKeyring(CliContext context, ResolvedTarget resolved, string? explicitPath) =>
        Keyring.Load(Keyring.ChoosePath(explicitPath is null ? null : Path.GetFullPath(explicitPath, context.WorkingDirectory), resolved.Profile.Keyring,
            name => name == "HOME" ? context.HomeDirectory : context.GetVariable(name)));
}
