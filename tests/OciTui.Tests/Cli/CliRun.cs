using OciTui.Cli;

namespace OciTui.Tests.Cli;

/// <summary>One in-process run of the command line, with its exit code and what it printed.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs ocitui with a clean environment: no profiles or credentials from the machine, a temp home and working directory.</summary>
    public static async Task<CliRun> RunAsync(string[] args, string? workingDirectory = null, string stdin = "", IDictionary<string, string>? environment = null)
    {
        string home = Directory.CreateTempSubdirectory("ocitui-home-").FullName;
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var context = new CliContext
            {
                Out = stdout,
                Error = stderr,
                Input = new StringReader(stdin),
                HomeDirectory = home,
                WorkingDirectory = workingDirectory ?? home,
                GetVariable = name => environment is not null && environment.TryGetValue(name, out string? value) ? value : name == "PATH" ? Environment.GetEnvironmentVariable("PATH") : null,
            };
            int code = await CommandLine.RunAsync(args, context);
            return new CliRun(code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    /// <summary>The error output holds exactly one "ocitui:" line and no stack trace.</summary>
    public void AssertOneCleanErrorLine()
    {
        string[] lines = Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.StartsWith("ocitui: ", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", Error, StringComparison.Ordinal);
    }
}
