using OciTui.Registry;
using OciTui.Registry.Errors;
using OciTui.Registry.Profiles;
using OciTui.Registry.Text;

namespace OciTui.Cli;

/// <summary>Opens the terminal UI on a profiles file and an optional starting profile.</summary>
public static class TuiLauncher
{
    /// <param name="meantCommand">The command <paramref name="profileName"/> is one typo from, named if there is no such profile.</param>
    public static Task<int> RunAsync(CliContext context, string? profilesFile, string? profileName, CancellationToken cancellationToken, string? meantCommand = null)
    {
        _ = cancellationToken;
        try
        {
            string? located = ProfileLocator.Locate(profilesFile, context.GetVariable, context.HomeDirectory, context.WorkingDirectory);
            ProfileSet set;
            string? problem = null;
            try
            {
                set = ProfileLocator.LoadOrEmpty(located);
            }
            catch (ProfileException e) when (profileName is null)
            {
                // A broken profiles file is shown in the Profiles pane, where r reads it again once it is fixed.
                set = new ProfileSet(located, []);
                problem = e.Message;
            }
            if (profileName is not null && set.Find(profileName) is null)
                throw new InvalidInputException($"There is no profile named '{TerminalText.Sanitize(profileName, 64)}'{(set.SourceFile is null ? " (no profiles file found)" : $" in {set.SourceFile}")}{(meantCommand is null ? "." : $"; did you mean the command '{meantCommand}'?")}");
            // With no profiles file yet, the first profile saved from the TUI creates the per-user one.
            string saveTo = set.SourceFile ?? ProfileLocator.UserFile(context.GetVariable, context.HomeDirectory);
            return Task.FromResult(Tui.TuiApp.Run(set, saveTo, problem, profileName,
                (profile, onWarning) => RegistryFactory.Open(profile, context.Credentials, onWarning), context.WorkingDirectory, context.Error));
        }
        catch (OciTuiException e)
        {
            context.Error.WriteLine($"ocitui: {e.Message}");
            return Task.FromResult(e.IsUsageError ? ExitCodes.Usage : ExitCodes.Failure);
        }
    }
}
