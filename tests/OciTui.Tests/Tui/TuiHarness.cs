using System.Runtime.CompilerServices;
using OciTui.Registry;
using OciTui.Registry.Credentials;
using OciTui.Registry.Profiles;
using OciTui.Tui;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace OciTui.Tests.Tui;

internal static class HeadlessTerminal
{
    // Never paint over a developer's terminal from the tests; CI has none anyway.
    [ModuleInitializer]
    internal static void Init() => Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
}

/// <summary>
/// Runs the real main window headless (Terminal.Gui's ANSI driver on an in-memory 80x24 screen) through its main loop,
/// driving it with key presses, each step waiting until the screen shows what it should.
/// </summary>
public sealed class TuiHarness : IDisposable
{
    /// <summary>A step either acts (keys, an action) or waits until the screen satisfies a condition.</summary>
    private sealed record Step(string What, Action? Act, Func<string, bool>? Until);

    private readonly List<Step> _steps = [];
    // The last keys quit ocitui by themselves: the harness does not close the window for them.
    private bool _quitsItself;

    public TuiHarness(IReadOnlyList<Profile> profiles, Func<Profile, IRegistry>? open = null, string? workingDirectory = null, int columns = 80, int rows = 24)
        : this(new ProfileSet(null, profiles), Path.Combine(Path.GetTempPath(), $"ocitui-unused-{Guid.NewGuid():N}", "profiles.json"), open, workingDirectory, columns, rows)
    {
    }

    /// <summary>A window on a profiles file, which the profile keys (add, edit, delete, pin) write to.</summary>
    public TuiHarness(ProfileSet profiles, string profilesFile, Func<Profile, IRegistry>? open = null, string? workingDirectory = null, int columns = 80, int rows = 24)
    {
        App = Application.Create();
        App.Init(DriverRegistry.Names.ANSI);
        App.Driver!.SetScreenSize(columns, rows);
        // No credentials from the machine running the tests: an empty home and no environment.
        var isolated = new CredentialEnvironment(_ => null, Path.Combine(Path.GetTempPath(), $"ocitui-no-home-{Guid.NewGuid():N}"));
        Window = new MainWindow(App, profiles, profilesFile, (p, onWarning) => open?.Invoke(p) ?? RegistryFactory.Open(p, isolated, onWarning), workingDirectory ?? Path.GetTempPath())
        {
            Credentials = isolated,
        };
        // Nor the machine's GnuPG keyring: helm's default keyring is looked for in the same empty home.
        Window.Session.Environment = name => name == "HOME" ? isolated.HomeDirectory : null;
    }

    public IApplication App { get; }
    public MainWindow Window { get; }
    public string Screen => App.Driver!.ToString() ?? "";

    /// <summary>Presses keys; they go to whatever is on top, the main window or a dialog it opened.</summary>
    public TuiHarness Keys(params Key[] keys) =>
        Add(new Step(string.Join(" ", keys.Select(k => k.ToString())), () => { foreach (Key key in keys) App.InjectKey(key); }, null));

    /// <summary>The last step: keys that must quit ocitui themselves; the run fails if it is still running when time is up.</summary>
    public TuiHarness KeysThatQuit(params Key[] keys)
    {
        _quitsItself = true;
        return Keys(keys);
    }

    public TuiHarness Type(string text) => Keys(text.Select(c => new Key(c)).ToArray());

    public TuiHarness WaitFor(string text) => WaitUntil(screen => screen.Contains(text, StringComparison.Ordinal), $"screen shows '{text}'");

    public TuiHarness WaitUntil(Func<string, bool> until, string what) => Add(new Step(what, null, until));

    /// <summary>Lets the main loop run for a while (late answers get their chance to arrive and be drawn).</summary>
    public TuiHarness Pause(TimeSpan span)
    {
        DateTime? until = null;
        return WaitUntil(_ => DateTime.UtcNow >= (until ??= DateTime.UtcNow + span), $"a pause of {span.TotalMilliseconds} ms");
    }

    /// <summary>Runs an action on the UI thread, after a redraw so <see cref="Screen"/> shows the keys pressed before it.</summary>
    public TuiHarness Do(Action action, string what) => Add(new Step(what, () =>
    {
        App.LayoutAndDraw();
        action();
    }, null));

    private TuiHarness Add(Step step)
    {
        _steps.Add(step);
        return this;
    }

    /// <summary>
    /// Runs the steps in the main loop, then quits; fails with the screen if a step does not come true in time.
    /// A key that opens a modal dialog returns only when the dialog closes, so the step counter moves on before a
    /// step acts: the following steps then run in the dialog's nested loop, which raises the same Iteration event.
    /// </summary>
    public async Task RunAsync(TimeSpan? timeout = null)
    {
        int index = 0;
        string? failure = null;
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        App.Iteration += (_, _) =>
        {
            if (failure is null && index < _steps.Count && DateTime.UtcNow > deadline)
                failure = $"timed out waiting for: {_steps[index].What}\n{Screen}";
            if (failure is null && index >= _steps.Count && _quitsItself)
            {
                if (DateTime.UtcNow <= deadline) return;
                failure = $"still running: {_steps[^1].What} should have quit\n{Screen}";
            }
            if (failure is not null || index >= _steps.Count)
            {
                // Close what is on top (a dialog first) once the last load has settled; the main loop ends with the window.
                if (failure is not null || Window.Pending.IsCompleted) App.RequestStop();
                return;
            }
            Step step = _steps[index];
            if (step.Act is not null)
            {
                index++;
                step.Act();
                return;
            }
            App.LayoutAndDraw();
            if (step.Until!(Screen)) index++;
        };
        using var cancel = new CancellationTokenSource((timeout ?? TimeSpan.FromSeconds(20)) + TimeSpan.FromSeconds(10));
        await App.RunAsync(Window, cancel.Token);
        if (failure is not null) Assert.Fail(failure);
        Assert.True(index >= _steps.Count, $"stopped before the end\n{Screen}");
    }

    public void Dispose()
    {
        Window.Dispose();
        App.Dispose();
    }
}
