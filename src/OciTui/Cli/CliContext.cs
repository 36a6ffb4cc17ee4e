using OciTui.Registry;
using OciTui.Registry.Credentials;
using OciTui.Registry.Profiles;

namespace OciTui.Cli;

/// <summary>What a command run sees of the world: streams, environment, working directory, and how a profile becomes a registry.
/// Tests give their own; <see cref="Process"/> is the real one.</summary>
public sealed record CliContext
{
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    public TextReader Input { get; init; } = TextReader.Null;
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;
    public string HomeDirectory { get; init; } = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>stderr is a terminal: pull draws its progress line there.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>stdout is a terminal: diff colours its lines there (never under NO_COLOR).</summary>
    public bool OutIsTerminal { get; init; }

    /// <summary>Opens a registry for a profile; the warning callback prints registry Warning headers.</summary>
    public Func<Profile, CliContext, IRegistry> OpenRegistry { get; init; } = DefaultOpen;

    public CredentialEnvironment Credentials => new(GetVariable, HomeDirectory);

    /// <remarks>Standard input is read as a plain stream: <see cref="Console.In"/> would set the terminal up (terminfo,
    /// keypad mode escapes on stdout) on every run, for the one option that reads it (--password-stdin).</remarks>
    public static CliContext Process(TextWriter stdout, TextWriter stderr) =>
        new()
        {
            Out = stdout,
            Error = stderr,
            Input = new StreamReader(Console.OpenStandardInput(), new System.Text.UTF8Encoding(false)),
            ErrorIsTerminal = !Console.IsErrorRedirected,
            OutIsTerminal = !Console.IsOutputRedirected,
        };

    private static IRegistry DefaultOpen(Profile profile, CliContext context) =>
        RegistryFactory.Open(profile, context.Credentials, warning => context.Error.WriteLine($"warning: {warning}"));
}
