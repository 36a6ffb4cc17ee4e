using System.Text.Json;
using OciTui.Testing;

namespace OciTui.Tests.Cli;

/// <summary><c>repos</c> and <c>tags --long</c> on a Harbor list through its API, as the TUI does.</summary>
public sealed class HarborCommandTests
{
    private static readonly DateTimeOffset Pushed = new(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);

    private static async Task<FakeHarbor> HarborAsync()
    {
        FakeHarbor harbor = await FakeHarbor.StartAsync();
        harbor.Project("library", isPublic: true)
            .Artifact("library/app", HarborArtifactSeed.Chart("1.1.0", "2.0", "The app \u001b]0;title\u0007", Pushed, signed: true))
            .Artifact("library/app", HarborArtifactSeed.Chart("1.0.0", "1.0", null, Pushed.AddDays(-1)));
        return harbor;
    }

    [Fact]
    public async Task Repos_lists_harbor_s_projects_repositories_and_says_where_they_came_from()
    {
        await using FakeHarbor harbor = await HarborAsync();

        CliRun run = await CliRun.RunAsync(["repos", harbor.Server.HostAndPort, "--plain-http", "--json"]);

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal("harbor", json.RootElement.GetProperty("source").GetString());
        Assert.Equal(["library/app"], json.RootElement.GetProperty("repositories").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Tags_long_fills_every_row_from_the_artifact_list_without_a_request_to_the_registry_api()
    {
        await using FakeHarbor harbor = await HarborAsync();

        CliRun run = await CliRun.RunAsync(["tags", $"{harbor.Server.HostAndPort}/library/app", "--plain-http", "--long"]);

        Assert.Equal(0, run.ExitCode);
        string[] lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^TAG\s+APP VERSION\s+CREATED\s+DIGEST\s+SIGNED\s+DESCRIPTION$", lines[0]);
        Assert.Matches(@"^1\.1\.0\s+2\.0\s+2026-05-06T07:08:09Z\s+sha256:[0-9a-f]{64}\s+yes\s+The app ", lines[1]);
        Assert.Matches(@"^1\.0\.0\s+1\.0\s+2026-05-05T07:08:09Z\s+sha256:[0-9a-f]{64}\s+no$", lines[2]);
        Assert.DoesNotContain('\u001b', run.Out);
        Assert.DoesNotContain(harbor.Requests, r => r.PathAndQuery.StartsWith("/v2/", StringComparison.Ordinal));
    }
}
