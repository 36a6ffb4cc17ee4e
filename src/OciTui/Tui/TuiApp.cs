using OciTui.Registry;
using OciTui.Registry.Profiles;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace OciTui.Tui;

/// <summary>Starts the terminal UI on a set of profiles.</summary>
public static class TuiApp
{
    public static int Run(IReadOnlyList<Profile> profiles, string? initialProfile, Func<Profile, IRegistry> open, string workingDirectory, TextWriter error)
    {
        // Without a terminal Terminal.Gui would run headless forever: fail fast instead.
        if (!Driver.IsAttachedToTerminal(out _, out _))
        {
            error.WriteLine("ocitui: the terminal UI needs a terminal; use the commands (ocitui --help) in scripts.");
            return 2;
        }
        using IApplication app = Application.Create();
        app.Init();
        if (Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 }) app.Driver!.Force16Colors = true;
        using var window = new MainWindow(app, profiles, open, workingDirectory);
        if (initialProfile is not null) window.OpenProfile(initialProfile);
        app.Run(window);
        return 0;
    }
}
