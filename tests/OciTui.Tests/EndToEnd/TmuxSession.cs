using System.Diagnostics;

namespace OciTui.Tests.EndToEnd;

/// <summary>
/// The built <c>ocitui</c> in a real terminal: a tmux server of its own (its own socket), a detached session of a
/// given size, keys sent with send-keys and the screen read with capture-pane. The binary is <c>$OCITUI_BINARY</c>
/// (CI points it at the published single-file build), else the build next to the tests.
/// </summary>
public sealed class TmuxSession : IDisposable
{
    private readonly string _socket = $"ocitui-e2e-{Guid.NewGuid():N}";
    private readonly string _exitFile;

    private readonly Dictionary<string, string> _environment;

    private TmuxSession(string exitFile, Dictionary<string, string> environment)
    {
        _exitFile = exitFile;
        _environment = environment;
    }

    /// <summary>
    /// The app's own build output, not the copy beside the tests: that copy resolves its dependencies through the test
    /// project's (which brings ASP.NET's shared framework) and does not run on its own.
    /// </summary>
    public static string Binary =>
        Environment.GetEnvironmentVariable("OCITUI_BINARY") is { Length: > 0 } binary ? binary
            : Path.Combine(RepositoryPaths.Root, "src", "OciTui", "bin", Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/'))!), "net10.0", "ocitui");

    /// <summary>Keys sent so far, as a person would press them (for the count of keystrokes to a download).</summary>
    public int KeysSent { get; private set; }

    /// <summary>Starts ocitui with <paramref name="arguments"/> in <paramref name="directory"/>, with only the given environment beyond PATH and TERM.</summary>
    public static TmuxSession Start(string directory, IReadOnlyDictionary<string, string> environment, string arguments = "", int columns = 80, int rows = 24)
    {
        // The tmux server, and so ocitui, gets a clean environment: not the test process's (which tells Terminal.Gui to
        // stay off the terminal), only what a user's shell would have, plus what the test gives.
        var clean = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["TERM"] = "xterm-256color",
            ["LANG"] = "C.UTF-8",
            // A home of its own: the working directory may be the repository, and nothing ocitui keeps may land there.
            ["HOME"] = Directory.CreateTempSubdirectory("ocitui-e2e-home-").FullName,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root) clean["DOTNET_ROOT"] = root;
        foreach ((string name, string value) in environment) clean[name] = value;
        // The exit marker lives outside the working directory (which may be the repository itself).
        var session = new TmuxSession(Path.Combine(Path.GetTempPath(), $"ocitui-e2e-exit-{Guid.NewGuid():N}"), clean);
        // The shell line records the exit code once ocitui ends; the pane then closes and the session with it.
        string command = $"'{Binary}' {arguments}; echo $? > '{session._exitFile}'";
        session.Tmux("new-session", "-d", "-s", "e2e", "-x", $"{columns}", "-y", $"{rows}", "-c", directory, command);
        return session;
    }

    public string Capture() => Tmux("capture-pane", "-p", "-t", "e2e");

    /// <summary>An SGR sequence in <see cref="CaptureWithAttributes"/> that sets a colour: 16-colour, bright, 256 or RGB, foreground or background.</summary>
    public static readonly System.Text.RegularExpressions.Regex Colour = new(@"\u001b\[[0-9;]*?(?:\b3[0-7]|\b9[0-7]|\b4[0-7]|\b10[0-7]|38;|48;)[0-9;]*m");

    /// <summary>The screen with its attributes as SGR sequences (what colours and styles the cells carry).</summary>
    public string CaptureWithAttributes() => Tmux("capture-pane", "-p", "-e", "-t", "e2e");

    public string PaneTitle() => Tmux("display-message", "-p", "-t", "e2e", "#{pane_title}").Trim();

    /// <summary>Sends tmux key names (Enter, Escape, Tab, BTab, Down, or literal characters), one keystroke each.</summary>
    public void Keys(params string[] keys)
    {
        foreach (string key in keys)
        {
            Tmux("send-keys", "-t", "e2e", key);
            KeysSent++;
            // A person does not type in the same millisecond; Terminal.Gui also tells a lone Escape by a short pause.
            Thread.Sleep(key == "Escape" ? 150 : 40);
        }
    }

    /// <summary>Types text literally (one keystroke per character).</summary>
    public void Type(string text)
    {
        Tmux("send-keys", "-t", "e2e", "-l", text);
        KeysSent += text.Length;
    }

    public string WaitFor(string text, TimeSpan? timeout = null) =>
        WaitUntil(screen => screen.Contains(text, StringComparison.Ordinal), $"'{text}'", timeout);

    public string WaitUntil(Func<string, bool> condition, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        string screen = "";
        while (clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(20)))
        {
            if (HasExited) break;
            screen = Capture();
            if (condition(screen)) return screen;
            Thread.Sleep(50);
        }
        throw new TimeoutException($"the terminal never showed {what}{(HasExited ? " (ocitui exited)" : "")}; last screen:\n{screen}");
    }

    public bool HasExited => File.Exists(_exitFile);

    /// <summary>Waits for ocitui to end and returns its exit code.</summary>
    public int WaitForExit(TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(10)))
        {
            if (File.Exists(_exitFile) && File.ReadAllText(_exitFile).Trim() is { Length: > 0 } code) return int.Parse(code, System.Globalization.CultureInfo.InvariantCulture);
            Thread.Sleep(50);
        }
        throw new TimeoutException($"ocitui did not exit; screen:\n{Capture()}");
    }

    private string Tmux(params string[] arguments)
    {
        var start = new ProcessStartInfo(RequiredTool.Require("tmux")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach ((string name, string value) in _environment) start.Environment[name] = value;
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 && arguments[0] != "kill-server")
            throw new InvalidOperationException($"tmux {string.Join(' ', arguments)} failed: {error}");
        return output;
    }

    public void Dispose()
    {
        Tmux("kill-server");
        File.Delete(_exitFile);
        Directory.Delete(_environment["HOME"], recursive: true);
    }
}

/// <summary>A fact that needs tmux and the real docker-registry: skipped with the reason on a machine without them, never in CI.</summary>
public sealed class TerminalFactAttribute : FactAttribute
{
    public TerminalFactAttribute() => Skip = RequiredTool.SkipReasonFor("tmux", "docker-registry", "htpasswd");
}
