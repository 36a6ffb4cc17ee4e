using Terminal.Gui.Configuration;

namespace OciTui.Tui;

/// <summary>
/// Terminal.Gui applies its configuration (themes, glyphs, key bindings) from a module initializer, and Native AOT runs
/// every module initializer before <c>Main</c>, whatever the command: two thirds of an 18 ms <c>ocitui --version</c>
/// and half of <c>ocitui tags</c> went there. The AOT build replaces that initializer with an empty one
/// (TerminalGuiStartup.xml, under the feature switch below) and the TUI does the same work here before it starts.
/// Elsewhere (tests, <c>dotnet run</c>, the tool package) the initializer runs as usual and this does nothing.
/// </summary>
internal static class TerminalGuiConfiguration
{
    public const string DeferredSwitch = "OciTui.Tui.DeferTerminalGuiConfiguration";

    private static readonly Lock Gate = new();
    private static bool _applied;

    public static bool IsDeferred => AppContext.TryGetSwitch(DeferredSwitch, out bool deferred) && deferred;

    public static void EnsureApplied()
    {
        if (!IsDeferred) return;
        lock (Gate)
        {
            if (_applied) return;
            _applied = true;
            try
            {
                TuiConfigurationBuilder.Shared.ApplyToStaticFacades();
            }
            catch (Exception e)
            {
                // What Terminal.Gui's own initializer does with a broken configuration: run on the defaults, say why.
                TuiJsonErrors.Add("Applying configuration failed: " + e.Message + ". Running with default settings.");
            }
        }
    }
}
