using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace OciTui.Cli;

/// <summary>
/// What <c>--help</c> adds after System.CommandLine's own sections: examples, the forms a reference takes and the exit
/// codes, so a script author finds them without the README. Lines stay within 80 columns.
/// </summary>
public static class CommandHelp
{
    private static readonly Dictionary<string, string[]> Examples = new(StringComparer.Ordinal)
    {
        ["repos"] =
        [
            "ocitui repos lab",
            "ocitui repos 127.0.0.1:5000 --plain-http --json",
        ],
        ["tags"] =
        [
            "ocitui tags lab/charts/webapp",
            "ocitui tags lab/charts/webapp --long",
            "ocitui tags oci://127.0.0.1:5000/charts/webapp --plain-http --json",
        ],
        ["show"] =
        [
            "ocitui show lab/charts/webapp:1.2.3",
            "ocitui show lab/charts/webapp --values",
            "ocitui show oci://ghcr.io/org/charts/app@sha256:... --json",
        ],
        ["pull"] =
        [
            "ocitui pull lab/charts/webapp",
            "ocitui pull lab/charts/webapp --version 1.2.3 -d /tmp/charts",
            "ocitui pull oci://ghcr.io/org/charts/app:1.0.0 --untar",
            "ocitui pull lab/charts/webapp --verify --keyring ~/keys/publisher.asc",
        ],
        ["verify"] =
        [
            "ocitui verify lab/charts/webapp --version 1.2.3 --keyring ~/keys/publisher.asc",
            "ocitui verify oci://ghcr.io/org/charts/app:1.0.0 --json",
        ],
        ["copy"] =
        [
            "ocitui copy lab/charts/webapp:1.2.3 airgap/charts/webapp",
            "ocitui copy lab/charts/app --version ^1.2 --version 2.0.0 airgap/app",
            "ocitui copy lab/charts/webapp --all-tags oci-layout:/media/usb/webapp",
            "ocitui copy oci://ghcr.io/org/app:1.0.0 127.0.0.1:5000/app --dry-run",
        ],
        ["diff"] =
        [
            "ocitui diff lab/charts/webapp 1.2.3",
            "ocitui diff lab/charts/webapp 1.2.3 ~1.3 --all",
            "ocitui diff lab/charts/webapp 1.2.3 1.3.0 --files 'templates/*'",
            "ocitui diff lab/charts/webapp 1.2.3 --images --json --exit-code",
        ],
        ["doctor"] =
        [
            "ocitui doctor lab",
            "ocitui doctor lab --repository charts/webapp",
            "ocitui doctor 127.0.0.1:5000 --plain-http --json",
        ],
    };

    private static readonly string[] ReferenceForms =
    [
        "PROFILE/REPO[:TAG|@DIGEST]  a repository of a profile in the profiles file",
        "HOST/REPO, oci://HOST/REPO  a registry by host (HTTPS; --plain-http: HTTP)",
        "oci-layout:PATH[:TAG]       one OCI image layout folder",
        "user/repo, repo             Docker Hub, as docker and helm read them",
    ];

    private static readonly string[] TargetForms =
    [
        "PROFILE                     a profile in the profiles file",
        "HOST, oci://HOST            a registry by host (HTTPS; --plain-http: HTTP)",
    ];

    private static readonly string[] ExitCodeLines =
    [
        "0    success",
        "1    registry, network or verification failure",
        "2    bad usage or bad input",
        "130  interrupted (Ctrl-C)",
    ];

    /// <summary>Adds the sections to the help of <paramref name="root"/> and every command under it.</summary>
    /// <remarks>System.CommandLine 3.0 keeps its help layout hooks internal (HelpContext), so its help action is
    /// wrapped: it writes its sections, then this writes these to the same output.</remarks>
    public static void AddTo(RootCommand root)
    {
        HelpOption help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction action) help.Action = new WithSections(action);
    }

    /// <summary>The help action <see cref="AddTo"/> installed, for a test that sets the width.</summary>
    public static HelpAction StandardAction(RootCommand root) =>
        ((WithSections)root.Options.OfType<HelpOption>().Single().Action!).Standard;

    private sealed class WithSections(HelpAction standard) : SynchronousCommandLineAction
    {
        public HelpAction Standard => standard;

        public override bool ClearsParseErrors => standard.ClearsParseErrors;

        public override int Invoke(ParseResult parseResult)
        {
            int code = standard.Invoke(parseResult);
            Command command = parseResult.CommandResult.Command;
            if (Examples.TryGetValue(command.Name, out string[]? examples) && command.Parents.Any())
            {
                TextWriter output = parseResult.InvocationConfiguration.Output;
                bool repos = command.Name is "repos" or "doctor";
                Section(output, "Examples:", examples);
                Section(output, repos ? "Targets:" : "References:", repos ? TargetForms : ReferenceForms);
                Section(output, "Exit codes:", command.Name switch
                {
                    "diff" => [.. ExitCodeLines.Take(3), "3    --exit-code: the versions differ", .. ExitCodeLines.Skip(3)],
                    "doctor" => ["0    no step failed (warnings allowed)", "1    a step failed", .. ExitCodeLines.Skip(2)],
                    _ => ExitCodeLines,
                });
            }
            return code;
        }
    }

    private static void Section(TextWriter output, string title, string[] lines)
    {
        output.WriteLine(title);
        foreach (string line in lines) output.WriteLine($"  {line}");
        output.WriteLine();
    }
}
