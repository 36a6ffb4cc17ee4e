using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OciTui.Testing;

/// <summary>
/// The real registry (Debian's docker-registry, distribution 2.8) started for a test class on a free loopback port,
/// with its own temp storage and config: anonymous, with htpasswd Basic auth, with TLS, or with token auth.
/// </summary>
public abstract class DockerRegistryFixture : IAsyncLifetime
{
    public const string Username = "ocitui-user";
    public const string Password = "s3cret-Pa55word";

    private Process? _process;
    private readonly StringBuilder _log = new();
    private string _directory = "";

    protected virtual bool UseHtpasswd => false;

    /// <summary>Lines for the config's <c>http:</c> section beyond <c>addr</c> (TLS), each indented by two spaces.</summary>
    protected virtual string HttpSection() => "";

    /// <summary>The config's <c>auth:</c> section when it is not htpasswd (token auth).</summary>
    protected virtual string AuthSection() => "";

    /// <summary>Runs before the registry starts: certificates, a token server.</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    /// <summary>The handler the fixture's own probes and the seeder use (TLS fixtures trust their CA).</summary>
    public virtual HttpMessageHandler CreateProbeHandler() => new SocketsHttpHandler();

    public int Port { get; private set; }
    public string Host => $"127.0.0.1:{Port}";
    public virtual string Scheme => "http";
    public Uri BaseAddress => new($"{Scheme}://{Host}/");

    /// <summary>Null when the tools are missing outside CI (tests using it are skipped by <see cref="RegistryFactAttribute"/>).</summary>
    public bool Started => _process is not null;

    public virtual RegistrySeeder Seeder => new(BaseAddress, UseHtpasswd ? (Username, Password) : null);

    public async Task InitializeAsync()
    {
        if (RequiredTool.SkipReasonFor("docker-registry", "htpasswd") is not null) return;
        string registry = RequiredTool.Require("docker-registry");
        _directory = Directory.CreateTempSubdirectory("ocitui-registry-").FullName;
        await PrepareAsync();
        string auth = AuthSection();
        if (UseHtpasswd)
        {
            string htpasswd = Path.Combine(_directory, "htpasswd");
            await File.WriteAllTextAsync(htpasswd, await HtpasswdLineAsync());
            auth = $"auth:\n  htpasswd:\n    realm: ocitui-test\n    path: {htpasswd}\n";
        }
        for (int attempt = 0; attempt < 5; attempt++)
        {
            Port = FreePort();
            string config = Path.Combine(_directory, "config.yml");
            await File.WriteAllTextAsync(config,
                $"version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: {Path.Combine(_directory, "storage")}\n" +
                $"  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{Port}\n{HttpSection()}{auth}");
            var start = new ProcessStartInfo(registry) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add("serve");
            start.ArgumentList.Add(config);
            _process = Process.Start(start)!;
            _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
            _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
            _process.BeginErrorReadLine();
            _process.BeginOutputReadLine();
            if (await WaitUntilUpAsync()) return;
            Stop();
        }
        throw new InvalidOperationException($"docker-registry did not start on a loopback port. Its log:\n{_log}");
    }

    private async Task<bool> WaitUntilUpAsync()
    {
        using var http = new HttpClient(CreateProbeHandler()) { Timeout = TimeSpan.FromSeconds(2) };
        // On a loaded machine (CI publishing the AOT build beside the tests) a first answer can take longer than a probe waits.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited) return false;
            try
            {
                using HttpResponseMessage response = await http.GetAsync(new Uri(BaseAddress, "v2/"));
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized) return true;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
                // The probe's own timeout: the registry is up but slow to answer; ask again.
            }
            await Task.Delay(100);
        }
        return false;
    }

    private static async Task<string> HtpasswdLineAsync()
    {
        var start = new ProcessStartInfo(RequiredTool.Require("htpasswd")) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in new[] { "-Bbn", Username, Password }) start.ArgumentList.Add(arg);
        using Process process = Process.Start(start)!;
        string line = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return line;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Stop()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        _process = null;
    }

    public virtual Task DisposeAsync()
    {
        Stop();
        if (_directory.Length > 0 && Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class AnonymousRegistryFixture : DockerRegistryFixture;

public sealed class HtpasswdRegistryFixture : DockerRegistryFixture
{
    protected override bool UseHtpasswd => true;
}
