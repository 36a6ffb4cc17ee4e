using System.Diagnostics;

namespace OciTui.Tests.Cli;

/// <summary>
/// A pull into a full filesystem: a real 1 MiB tmpfs and a 3 MiB chart on the real docker-registry. The partial file
/// is removed, the exit code is 1, and one sentence names the full folder and what the chart needs.
/// </summary>
public sealed class DiskFullPullTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>
{
    [TmpfsFact]
    public async Task A_pull_into_a_full_filesystem_removes_the_partial_file_and_says_which_folder_is_full()
    {
        await registry.Seeder.PushLargeChartAsync("full/charts/bigchart", "1.0.0", 3 * 1024 * 1024);
        using var small = SmallTmpfs.Mount("1m");

        CliRun run = await CliRun.RunAsync(["pull", $"{registry.Host}/full/charts/bigchart:1.0.0", "--plain-http"], small.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"ocitui: No space left in {small.Path} for bigchart-1.0.0.tgz: it needs 3 MiB; nothing was kept.\n", run.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(small.Path));
    }
}

/// <summary>A fact that mounts a tmpfs: it needs root (or CAP_SYS_ADMIN) and the docker-registry.</summary>
/// <remarks>
/// Where mounting is not permitted (an unprivileged container, a laptop without sudo) the test is skipped, saying
/// so, even under CI=true: CI cannot grant itself the privilege, and the other download tests still run there. Where
/// it is permitted, the test runs and fails like any other.
/// </remarks>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute() => Skip = RequiredTool.SkipReasonFor("docker-registry", "htpasswd") ?? SmallTmpfs.WhyNotPermitted.Value;
}

/// <summary>A small tmpfs mounted on a temp folder, unmounted and removed on dispose.</summary>
public sealed class SmallTmpfs : IDisposable
{
    private SmallTmpfs(string path) => Path = path;

    public string Path { get; }

    /// <summary>Null when this process may mount a tmpfs, else why not.</summary>
    public static readonly Lazy<string?> WhyNotPermitted = new(() =>
    {
        if (!OperatingSystem.IsLinux()) return "mounting a tmpfs needs Linux";
        try
        {
            Mount("64k").Dispose();
            return null;
        }
        catch (InvalidOperationException e)
        {
            return $"mounting a tmpfs is not permitted here ({e.Message}); it needs root or CAP_SYS_ADMIN";
        }
    });

    public static SmallTmpfs Mount(string size)
    {
        string path = Directory.CreateTempSubdirectory("ocitui-tmpfs-").FullName;
        (int code, string error) = Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            throw new InvalidOperationException($"mount exited {code}: {error.Trim()}");
        }
        return new SmallTmpfs(path);
    }

    public void Dispose()
    {
        Run("umount", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static (int Code, string Error) Run(string program, params string[] args)
    {
        try
        {
            using Process process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
