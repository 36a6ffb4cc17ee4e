using OciTui.Registry;
using OciTui.Registry.Profiles;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace OciTui.Tui;

/// <summary>Starts the terminal UI on a set of profiles.</summary>
public static class TuiApp
{
    /// <summary>How long a download being cancelled at exit may take to remove its partial file.</summary>
    private static readonly TimeSpan TransferGrace = TimeSpan.FromSeconds(5);

    public static int Run(ProfileSet profiles, string profilesFile, string? profilesProblem, string? initialProfile, Func<Profile, Action<string>, IRegistry> open,
        string workingDirectory, TextWriter error)
    {
        TerminalGuiConfiguration.EnsureApplied();
        // Without a terminal Terminal.Gui would run headless forever: fail fast instead.
        if (!Driver.IsAttachedToTerminal(out _, out _))
        {
            error.WriteLine("ocitui: the terminal UI needs a terminal; use the commands (ocitui --help) in scripts.");
            return 2;
        }
        using IApplication app = Application.Create();
        app.Init();
        if (Monochrome.IsRequested(Environment.GetEnvironmentVariable)) Monochrome.Apply();
        using FrameLog? frames = FrameLog.Start(app);
        Task transfers;
        using (var window = new MainWindow(app, profiles, profilesFile, open, workingDirectory))
        {
            if (profilesProblem is not null) window.Profiles.ShowProblem(profilesProblem);
            if (initialProfile is not null) window.OpenProfile(initialProfile);
            // A bug in a key or draw handler shows on the status line instead of ending the app with a stack trace.
            app.Run(window, e =>
            {
                window.ShowUnexpected(e);
                return true;
            });
            transfers = window.Transfers;
        }
        transfers.Wait(TransferGrace);
        return 0;
    }
}
