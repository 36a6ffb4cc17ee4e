using System.Diagnostics;

namespace OciTui.Testing;

/// <summary>What one helm run printed and how it ended.</summary>
public sealed record HelmRun(IReadOnlyList<string> Args, int ExitCode, string Out, string Error)
{
    public HelmRun EnsureSuccess() => ExitCode == 0
        ? this
        : throw new InvalidOperationException($"helm {string.Join(' ', Args)} exited {ExitCode}: {Error.Trim()}");
}

/// <summary>
/// The real helm v4 client, to compare ocitui with on the same registry. Found at <c>$OCITUI_HELM</c> (.ci/run sets
/// it), else fetched once by the project's <c>../shared/tools/get-helm.sh</c> into the user's cache. Each instance has
/// its own HOME, XDG config/cache/data directories and <c>HELM_REGISTRY_CONFIG</c>, so no login or chart cache leaks
/// between tests or from the machine.
/// </summary>
public sealed class HelmClient : IDisposable
{
    private static readonly SemaphoreSlim LocateOnce = new(1, 1);
    private static string? _located;

    private readonly string _path;

    private HelmClient(string path)
    {
        _path = path;
        Home = Directory.CreateTempSubdirectory("ocitui-helm-").FullName;
    }

    /// <summary>This client's private home: config, cache, data and the registry login live under it.</summary>
    public string Home { get; }

    /// <summary>helm's login file for this client; give it to ocitui as <c>HELM_REGISTRY_CONFIG</c> to reuse helm's login.</summary>
    public string RegistryConfig => Path.Combine(Home, "config", "helm", "registry", "config.json");

    private static string CacheDirectory => Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "ocitui-tools");

    private static string? GetHelmScript()
    {
        for (string? directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "OciTui.sln")))
            {
                string script = Path.GetFullPath(Path.Combine(directory, "..", "shared", "tools", "get-helm.sh"));
                return File.Exists(script) ? script : null;
            }
        }
        return null;
    }

    /// <summary>
    /// Why helm tests cannot run here, or null when they can (helm is there, or can be fetched) or must (CI=true, where
    /// a missing helm fails them). Cheap: test discovery calls it; fetching waits for <see cref="CreateAsync"/>.
    /// </summary>
    public static string? SkipReason
    {
        get
        {
            if (RequiredTool.IsCi) return null;
            if (Environment.GetEnvironmentVariable("OCITUI_HELM") is { Length: > 0 } named)
                return File.Exists(named) ? null : $"OCITUI_HELM names {named}, which does not exist";
            if (File.Exists(Path.Combine(CacheDirectory, "helm"))) return null;
            if (GetHelmScript() is null) return "needs helm v4: set OCITUI_HELM, or keep ../shared/tools/get-helm.sh beside the clone";
            string[] missing = new[] { "npm", "unzip" }.Where(t => RequiredTool.Find(t) is null).ToArray();
            return missing.Length == 0 ? null : $"needs helm v4: set OCITUI_HELM, or install {string.Join(", ", missing)} for get-helm.sh";
        }
    }

    /// <summary>A client with a fresh home; the first call may fetch helm (a minute), later ones reuse it.</summary>
    public static async Task<HelmClient> CreateAsync() => new(await LocateAsync());

    private static async Task<string> LocateAsync()
    {
        await LocateOnce.WaitAsync();
        try
        {
            return _located ??= await FindOrFetchAsync();
        }
        finally
        {
            LocateOnce.Release();
        }
    }

    private static async Task<string> FindOrFetchAsync()
    {
        if (Environment.GetEnvironmentVariable("OCITUI_HELM") is { Length: > 0 } named)
            return File.Exists(named) ? named : throw new InvalidOperationException($"OCITUI_HELM names {named}, which does not exist.");
        string cached = Path.Combine(CacheDirectory, "helm");
        if (File.Exists(cached)) return cached;
        string script = GetHelmScript()
            ?? throw new InvalidOperationException("helm v4 is missing: .ci/run must set OCITUI_HELM (it runs ../shared/tools/get-helm.sh).");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(CacheDirectory);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        string path = (await stdout).Trim();
        if (process.ExitCode != 0 || !File.Exists(path))
            throw new InvalidOperationException($"get-helm.sh failed ({process.ExitCode}): {(await stderr).Trim()}");
        return path;
    }

    /// <summary>Runs helm in <paramref name="workingDirectory"/> (default: this client's home) and waits for it, two minutes at most.</summary>
    public async Task<HelmRun> RunAsync(IReadOnlyList<string> args, string? workingDirectory = null, string stdin = "")
    {
        var start = new ProcessStartInfo(_path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Home,
        };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("HELM_", StringComparison.Ordinal) || k == "DOCKER_CONFIG").ToList())
            start.Environment.Remove(name);
        start.Environment["HOME"] = Home;
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(Home, "config");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(Home, "cache");
        start.Environment["XDG_DATA_HOME"] = Path.Combine(Home, "data");
        start.Environment["HELM_REGISTRY_CONFIG"] = RegistryConfig;
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("helm did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"helm {string.Join(' ', args)} did not finish in two minutes");
        }
        return new HelmRun(args, process.ExitCode, await stdout, await stderr);
    }

    public Task<HelmRun> RunAsync(params string[] args) => RunAsync((IReadOnlyList<string>)args);

    /// <summary><c>helm registry login --plain-http</c> with the fixture's user, when the registry has Basic auth.</summary>
    public async Task LoginAsync(DockerRegistryFixture registry)
    {
        if (registry is HtpasswdRegistryFixture)
        {
            (await RunAsync(["registry", "login", registry.Host, "--plain-http", "--username", DockerRegistryFixture.Username, "--password-stdin"],
                stdin: DockerRegistryFixture.Password)).EnsureSuccess();
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(Home)) Directory.Delete(Home, recursive: true);
    }
}

/// <summary>A fact that needs helm v4 and the real docker-registry: skipped with the reason without them, never in CI.</summary>
public sealed class HelmFactAttribute : FactAttribute
{
    public HelmFactAttribute() => Skip = RequiredTool.SkipReasonFor("docker-registry", "htpasswd") ?? HelmClient.SkipReason;
}

/// <summary>A theory that needs helm v4 and the real docker-registry, skipped like <see cref="HelmFactAttribute"/>.</summary>
public sealed class HelmTheoryAttribute : TheoryAttribute
{
    public HelmTheoryAttribute() => Skip = RequiredTool.SkipReasonFor("docker-registry", "htpasswd") ?? HelmClient.SkipReason;
}
