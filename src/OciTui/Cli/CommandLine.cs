using System.CommandLine;
using System.Reflection;

namespace OciTui.Cli;

/// <summary>Entry point of the command line: parses, runs one command, maps errors to exit codes.</summary>
public static class CommandLine
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, CliContext.Process(stdout, stderr));

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        RootCommand root = Build(context);
        ParseResult result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            if (MistypedCommand(root, result) is { } suggestion)
            {
                context.Error.WriteLine($"ocitui: {suggestion}");
                context.Error.WriteLine("Run 'ocitui --help' for usage.");
                return ExitCodes.Usage;
            }
            foreach (System.CommandLine.Parsing.ParseError error in result.Errors) context.Error.WriteLine($"ocitui: {error.Message}");
            context.Error.WriteLine("Run 'ocitui --help' for usage.");
            return ExitCodes.Usage;
        }
        var invocation = new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false };
        return await result.InvokeAsync(invocation, cancellationToken);
    }

    public static RootCommand Build(CliContext context)
    {
        var common = new CommonOptions();
        // Hidden: System.CommandLine would print a root argument in every subcommand's usage (ocitui [<PROFILE>] pull ...);
        // the description says how to open the terminal UI instead.
        var profile = new Argument<string?>("PROFILE") { Description = "The profile to open first.", Arity = ArgumentArity.ZeroOrOne, Hidden = true };
        var root = new RootCommand("ocitui: browse Helm charts and other artifacts in OCI registries, and pull them verified.\n"
            + "Run 'ocitui [PROFILE]' in a terminal for the terminal UI (opening PROFILE first), or a command below in scripts.")
        {
            profile,
            ReposCommand.Create(common, context),
            TagsCommand.Create(common, context),
            ShowCommand.Create(common, context),
            PullCommand.Create(common, context),
            VerifyCommand.Create(common, context),
            DiffCommand.Create(common, context),
            CopyCommand.Create(common, context),
            DoctorCommand.Create(common, context),
        };
        root.Options.Add(common.Profiles);
        CommandHelp.AddTo(root);
        root.SetAction((result, token) =>
        {
            string? name = result.GetValue(profile);
            return TuiLauncher.RunAsync(context, result.GetValue(common.Profiles), name, token, name is null ? null : SuggestCommand(root, name));
        });
        return root;
    }

    /// <summary>
    /// <c>ocitui tag lab/x</c>: no command matched, so the word went to the root's PROFILE and the rest is
    /// "unrecognized". A word one typo from a command names the command instead.
    /// </summary>
    private static string? MistypedCommand(RootCommand root, ParseResult result)
    {
        if (result.CommandResult.Command != root) return null;
        string? word = result.GetValue(root.Arguments.OfType<Argument<string?>>().Single());
        return word is not null && SuggestCommand(root, word) is { } command
            ? $"'{Registry.Text.TerminalText.Sanitize(word, 64)}' is not a command; did you mean '{command}'?"
            : null;
    }

    /// <summary>The command a mistyped word most likely meant, or null.</summary>
    public static string? SuggestCommand(Command root, string word) =>
        Registry.Text.Spelling.Closest(word, root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));

    public static string Version =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
