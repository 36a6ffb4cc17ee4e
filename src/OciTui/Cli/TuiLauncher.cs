namespace OciTui.Cli;

/// <summary>Opens the terminal UI on a profiles file and an optional starting profile.</summary>
public static class TuiLauncher
{
    public static Task<int> RunAsync(CliContext context, string? profilesFile, string? profileName, CancellationToken cancellationToken)
    {
        _ = profilesFile;
        _ = profileName;
        _ = cancellationToken;
        context.Error.WriteLine("ocitui: the terminal UI is not built yet; use the commands: ocitui repos|tags|show|pull (see ocitui --help).");
        return Task.FromResult(ExitCodes.Usage);
    }
}
