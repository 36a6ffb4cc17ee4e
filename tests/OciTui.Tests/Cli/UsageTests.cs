namespace OciTui.Tests.Cli;

/// <summary>Bad usage exits 2 with one clear line; help exits 0.</summary>
public sealed class UsageTests
{
    [Fact]
    public async Task Help_lists_every_command()
    {
        CliRun run = await CliRun.RunAsync(["--help"]);
        Assert.Equal(0, run.ExitCode);
        foreach (string command in new[] { "repos", "tags", "show", "pull" }) Assert.Contains(command, run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("repos")]
    [InlineData("tags")]
    [InlineData("show")]
    [InlineData("pull")]
    public async Task Each_command_has_help_with_its_options(string command)
    {
        CliRun run = await CliRun.RunAsync([command, "--help"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--profiles", run.Out, StringComparison.Ordinal);
        Assert.Contains("--plain-http", run.Out, StringComparison.Ordinal);
        Assert.Contains("--password-stdin", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("tags")]
    [InlineData("pull", "a/b", "--no-such-option")]
    public async Task Malformed_command_lines_exit_2(params string[] args)
    {
        CliRun run = await CliRun.RunAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("ocitui: ", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Theory]
    [InlineData("tags", "127.0.0.1:5000/Upper/Case")]
    [InlineData("show", "127.0.0.1:5000/a/b@sha256:abc")]
    [InlineData("show", "127.0.0.1:5000/a/b@md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("pull", "http://127.0.0.1:5000/a/b")]
    [InlineData("show", "127.0.0.1:5000/a/../b:1.0")]
    public async Task Invalid_references_exit_2_before_any_request(string command, string reference)
    {
        CliRun run = await CliRun.RunAsync([command, reference]);
        Assert.Equal(2, run.ExitCode);
        run.AssertOneCleanErrorLine();
    }

    [Fact]
    public async Task A_username_without_password_stdin_is_refused()
    {
        CliRun run = await CliRun.RunAsync(["tags", "127.0.0.1:1/a/b", "-u", "someone"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--password-stdin", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_profiles_file_names_the_file_profile_and_field()
    {
        string directory = Directory.CreateTempSubdirectory("ocitui-profiles-").FullName;
        try
        {
            string file = Path.Combine(directory, "profiles.json");
            await File.WriteAllTextAsync(file, "{\"profiles\":{\"prod\":{\"registry\":\"r.example.com\",\"plainHtpp\":true}}}");
            CliRun run = await CliRun.RunAsync(["repos", "prod", "--profiles", file]);
            Assert.Equal(2, run.ExitCode);
            run.AssertOneCleanErrorLine();
            Assert.Contains(file, run.Error, StringComparison.Ordinal);
            Assert.Contains("'prod'", run.Error, StringComparison.Ordinal);
            Assert.Contains("'plainHtpp'", run.Error, StringComparison.Ordinal);
            Assert.Contains("plainHttp", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
