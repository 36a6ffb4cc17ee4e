using OciTui.Registry.Models;
using OciTui.Registry.Transfers;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Tests.Cli;

/// <summary>Ctrl-C (SIGINT) in a headless pull, in a real process: a prompt exit 130, one line, no final file, a resumable partial.</summary>
public sealed class CancelTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ocitui-sigint-").FullName;
    private readonly string _home = Directory.CreateTempSubdirectory("ocitui-sigint-home-").FullName;

    public void Dispose()
    {
        Directory.Delete(_work, recursive: true);
        Directory.Delete(_home, recursive: true);
    }

    [Fact]
    public async Task Sigint_during_a_pull_exits_130_with_no_final_file_and_says_the_same_command_resumes()
    {
        var chart = new ChartArchiveBuilder("slow", "1.0.0");
        byte[] config = chart.ConfigJson();
        byte[] layer = new byte[8 * 1024 * 1024];
        new Random(8).NextBytes(layer);
        byte[] manifest = ChartManifestFor(config, layer);
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            string path = context.Request.Path.Value!;
            if (path.Contains("/manifests/", StringComparison.Ordinal)) await WriteBytesAsync(context, manifest, MediaTypes.OciManifest);
            else if (path.EndsWith(Sha256(config), StringComparison.Ordinal)) await WriteBytesAsync(context, config, "application/octet-stream");
            else
            {
                // The chart layer trickles: a first MiB, then nothing until the client goes away.
                context.Response.StatusCode = 200;
                context.Response.ContentLength = layer.Length;
                await context.Response.Body.WriteAsync(layer.AsMemory(0, 1024 * 1024));
                await context.Response.Body.FlushAsync();
                await Task.Delay(TimeSpan.FromMinutes(2), context.RequestAborted).ContinueWith(_ => { });
            }
        });
        string destination = Path.Combine(_work, "slow-1.0.0.tgz");
        string partial = BlobDownloader.PartialPathFor(destination);
        using OcituiProcess ocitui = OcituiProcess.Start(["pull", $"{fake.Server.HostAndPort}/charts/slow:1.0.0", "--plain-http"], _work, _home);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(File.Exists(partial) && new FileInfo(partial).Length > 0) && DateTime.UtcNow < deadline && !ocitui.HasExited) await Task.Delay(50);
        Assert.True(File.Exists(partial), "the pull never started writing");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ocitui.Interrupt();
        CliRun run = await ocitui.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed} to stop: the token was not cancelled, the process was forced");
        Assert.Equal(130, run.ExitCode);
        // How much arrived before the interrupt depends on the machine's load: the message names what the partial file holds.
        Assert.Equal($"ocitui: cancelled; the {OciTui.Registry.Text.ByteSize.Format(new FileInfo(partial).Length)} of 8 MiB downloaded so far are kept in {_work} (a hidden .partial file).\n"
            + "hint: Run the same command again to resume the download.\n", run.Error);
        Assert.Empty(run.Out);
        Assert.False(File.Exists(destination));
        Assert.True(File.Exists(partial), "the partial file worth resuming is gone");
    }

    private static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    [Fact]
    public async Task Sigint_while_a_credential_helper_hangs_exits_130_and_leaves_no_helper_running()
    {
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"fake\"";
            await WriteAsync(context, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
        });
        string bin = Directory.CreateDirectory(Path.Combine(_home, "bin")).FullName;
        string pids = Path.Combine(_home, "helper.pids");
        string helper = Path.Combine(bin, "docker-credential-stuck");
        File.WriteAllText(helper, $"#!/bin/sh\necho $$ >> '{pids}'\nsleep 300 &\necho $! >> '{pids}'\nwait\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(helper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string docker = Directory.CreateDirectory(Path.Combine(_home, "docker")).FullName;
        File.WriteAllText(Path.Combine(docker, "config.json"), "{\"credsStore\":\"stuck\"}");
        using OcituiProcess ocitui = OcituiProcess.Start(["tags", $"{fake.Server.HostAndPort}/charts/chart", "--plain-http"], _work, _home,
            new Dictionary<string, string> { ["PATH"] = $"{bin}:/usr/bin:/bin", ["DOCKER_CONFIG"] = docker });

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(File.Exists(pids) && File.ReadAllLines(pids).Length == 2) && DateTime.UtcNow < deadline && !ocitui.HasExited) await Task.Delay(50);
        int[] started = File.ReadAllLines(pids).Select(int.Parse).ToArray();
        Assert.All(started, pid => Assert.True(IsRunning(pid)));
        ocitui.Interrupt();
        CliRun run = await ocitui.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(130, run.ExitCode);
        Assert.Equal("ocitui: cancelled.\n", run.Error);
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        while (started.Any(IsRunning) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.DoesNotContain(started, IsRunning);
    }
}
