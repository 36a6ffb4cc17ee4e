using System.Diagnostics;

namespace OciTui.Tests.Cli;

/// <summary>
/// The built <c>ocitui</c> run as a real child process (the test project's copy of ocitui.dll under the same dotnet
/// host), with a clean environment: a temp HOME, no DOCKER_CONFIG, HELM_* or profiles of the machine. For what only a
/// real process shows: signals, PATH lookups of credential helpers, exit codes as a shell sees them.
/// </summary>
public sealed class OcituiProcess : IDisposable
{
    private static readonly string[] Scrubbed =
        ["DOCKER_CONFIG", "HELM_REGISTRY_CONFIG", "HELM_CONFIG_HOME", "XDG_CONFIG_HOME", "OCITUI_PROFILES", "CI"];

    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private OcituiProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    private const string Env = "/usr/bin/env";

    public int Id => _process.Id;

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "ocitui.dll");

    /// <summary>Starts ocitui; <paramref name="environment"/> adds or overrides variables (HOME defaults to <paramref name="home"/>).</summary>
    public static OcituiProcess Start(IEnumerable<string> args, string workingDirectory, string home, IDictionary<string, string>? environment = null)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        // A test run started in the background of a shell without job control inherits SIGINT ignored, and so would
        // ocitui (.NET keeps a signal ignored at start ignored): coreutils' env gives the child Ctrl-C back, so the
        // SIGINT tests test ocitui, not how the test run was started.
        bool resetSignals = OperatingSystem.IsLinux() && File.Exists(Env);
        var start = new ProcessStartInfo(resetSignals ? Env : host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (resetSignals)
        {
            start.ArgumentList.Add("--default-signal=INT");
            start.ArgumentList.Add(host);
        }
        start.ArgumentList.Add(Dll);
        foreach (string arg in args) start.ArgumentList.Add(arg);
        foreach (string name in Scrubbed) start.Environment.Remove(name);
        start.Environment["HOME"] = home;
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("ocitui did not start");
        process.StandardInput.Close();
        return new OcituiProcess(process);
    }

    /// <summary>Runs ocitui to the end (at most <paramref name="timeout"/>) and returns what it printed.</summary>
    public static async Task<CliRun> RunAsync(IEnumerable<string> args, string workingDirectory, string home, IDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        using OcituiProcess process = Start(args, workingDirectory, home, environment);
        return await process.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    public async Task<CliRun> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return new CliRun(_process.ExitCode, await _stdout, await _stderr);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>What Ctrl-C in a terminal sends: SIGINT, through the shell's own kill (no package, no unsafe code).</summary>
    public void Interrupt()
    {
        using Process kill = Process.Start("/bin/sh", ["-c", $"kill -INT {_process.Id}"]);
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -INT {_process.Id} failed with {kill.ExitCode}");
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
