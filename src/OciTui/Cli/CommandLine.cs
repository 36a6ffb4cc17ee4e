namespace OciTui.Cli;

/// <summary>Entry point of the command line: parses, runs one command, maps errors to exit codes.</summary>
public static class CommandLine
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        _ = args;
        _ = stdout;
        stderr.WriteLine("ocitui: not implemented yet");
        return Task.FromResult(2);
    }
}
