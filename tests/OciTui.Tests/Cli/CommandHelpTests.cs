using System.CommandLine;
using OciTui.Cli;

namespace OciTui.Tests.Cli;

/// <summary>Every command's --help carries examples, the reference forms and the exit codes, within 80 columns.</summary>
public sealed class CommandHelpTests
{
    private static string HelpAt80Columns(params string[] args)
    {
        var output = new StringWriter();
        var context = new CliContext { Out = output, Error = output, GetVariable = _ => null };
        RootCommand root = CommandLine.Build(context);
        CommandHelp.StandardAction(root).MaxWidth = 80;
        ParseResult result = root.Parse(args);
        Assert.Equal(0, result.Invoke(new InvocationConfiguration { Output = output, Error = output }));
        return output.ToString();
    }

    [Theory]
    [InlineData("repos", "ocitui repos lab", "Targets:")]
    [InlineData("tags", "ocitui tags lab/charts/webapp", "References:")]
    [InlineData("show", "ocitui show lab/charts/webapp:1.2.3", "References:")]
    [InlineData("pull", "ocitui pull lab/charts/webapp --version 1.2.3", "References:")]
    [InlineData("diff", "ocitui diff lab/charts/webapp 1.2.3 ~1.3 --all", "References:")]
    public void Each_commands_help_shows_examples_reference_forms_and_exit_codes_within_80_columns(string command, string example, string forms)
    {
        string help = HelpAt80Columns(command, "--help");
        Assert.Contains("Examples:\n", help, StringComparison.Ordinal);
        Assert.Contains($"  {example}", help, StringComparison.Ordinal);
        Assert.Contains($"{forms}\n", help, StringComparison.Ordinal);
        Assert.Contains("Exit codes:\n  0    success\n  1    registry, network or verification failure\n  2    bad usage or bad input\n", help, StringComparison.Ordinal);
        Assert.All(help.Split('\n'), line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
    }

    [Fact]
    public void Doctors_help_shows_examples_targets_and_its_own_exit_codes_within_80_columns()
    {
        string help = HelpAt80Columns("doctor", "--help");
        Assert.Contains("  ocitui doctor lab --repository charts/webapp\n", help, StringComparison.Ordinal);
        Assert.Contains("Targets:\n", help, StringComparison.Ordinal);
        Assert.Contains("Exit codes:\n  0    no step failed (warnings allowed)\n  1    a step failed\n  2    bad usage or bad input\n", help, StringComparison.Ordinal);
        Assert.All(help.Split('\n'), line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
    }

    [Fact]
    public void The_root_help_lists_the_commands_without_the_per_command_sections()
    {
        string help = HelpAt80Columns("--help");
        Assert.Contains("pull", help, StringComparison.Ordinal);
        Assert.DoesNotContain("Examples:", help, StringComparison.Ordinal);
    }
}
