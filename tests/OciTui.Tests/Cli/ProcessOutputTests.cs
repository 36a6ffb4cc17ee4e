using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OciTui.Tests.Cli;

/// <summary>
/// The real process: how ocitui's output behaves when the shell redirects it. Runs the executable named by
/// OCITUI_BINARY (CI sets it to the published Native AOT build), else the Debug build through dotnet.
/// </summary>
public sealed partial class ProcessOutputTests
{
    private static readonly string Root = RepositoryPaths.Root;
    private static readonly string Hello = Path.Combine(Root, "tests", "fixtures", "demo-layout", "charts", "hello");

    private static string Command =>
        Environment.GetEnvironmentVariable("OCITUI_BINARY") is { Length: > 0 } binary
            ? Quote(binary)
            : $"dotnet {Quote(Path.Combine(AppContext.BaseDirectory, "ocitui.dll"))}";

    [Fact]
    public async Task Version_names_the_version_and_the_commit()
    {
        (int code, string stdout, string stderr) = await ShellAsync("ocitui --version");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Match match = VersionPattern().Match(stdout.Trim());
        Assert.True(match.Success, $"'{stdout.Trim()}' is not VERSION+COMMIT");
        if (Directory.Exists(Path.Combine(Root, ".git")) || File.Exists(Path.Combine(Root, ".git")))
            Assert.True(match.Groups["commit"].Success, $"'{stdout.Trim()}' names no commit");
    }

    [Fact]
    public async Task Output_into_a_file_the_shell_shares_keeps_what_others_wrote()
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("ocitui-out-").FullName, "out.txt");
        (int code, _, string stderr) = await ShellAsync($"{{ echo first; ocitui tags oci-layout:{Quote(Hello)}; echo last; }} > {Quote(file)}");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Equal(["first", "1.1.0-rc.1", "1.0.0", "0.2.0", "0.1.0", "last"], File.ReadAllLines(file));
    }

    [Fact]
    public async Task A_reader_that_goes_away_ends_the_output_quietly()
    {
        (int code, _, string stderr) = await ShellAsync($"set -o pipefail; ocitui tags oci-layout:{Quote(Hello)} | head -n 0");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
    }

    [Fact]
    public async Task A_terminal_gets_plain_text_without_escape_sequences()
    {
        // script(1) gives the command a pseudo-terminal, as a person's shell would.
        (int code, string stdout, _) = await ShellAsync($"command -v script >/dev/null || exit 99; SHELL=/bin/bash script -qec \"ocitui tags oci-layout:{Quote(Hello)}\" /dev/null");
        if (code == 99) return;
        Assert.Equal(0, code);
        Assert.Contains("1.0.0", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', stdout);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> ShellAsync(string script)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"ocitui() {{ {Command} \"$@\"; }}; export -f ocitui; {script}");
        start.Environment["OCITUI_PROFILES"] = Path.Combine(Root, "profiles.json");
        using Process process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string Quote(string text) => $"'{text.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+(?<commit>[0-9a-f]{7,40}))?$")]
    private static partial Regex VersionPattern();
}
