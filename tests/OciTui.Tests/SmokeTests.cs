namespace OciTui.Tests;

public class SmokeTests
{
    [Fact]
    public async Task Unknown_usage_exits_2()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(2, await OciTui.Cli.CommandLine.RunAsync(["nonsense"], stdout, stderr));
    }
}
