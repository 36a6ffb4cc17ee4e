using OciTui.Registry.Profiles;
using OciTui.Testing;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui;

/// <summary>
/// Browsing a Harbor (the fake written from Harbor's API definition): repositories grouped under their project, and the
/// version table filled from the artifact list (appVersion, push time, signed, description) without a request per tag.
/// </summary>
public sealed class HarborBrowseTests
{
    private static readonly DateTimeOffset Pushed = new(2026, 4, 2, 9, 15, 0, TimeSpan.Zero);

    [Fact]
    public async Task Repositories_are_grouped_by_project_and_the_version_table_fills_from_the_artifact_list()
    {
        await using FakeHarbor harbor = await FakeHarbor.StartAsync();
        harbor.Project("apps", isPublic: true).Project("library", isPublic: true)
            .Artifact("apps/api", HarborArtifactSeed.Chart("2.0.0", "9.1.0", "API \u001b[31mgateway", Pushed, signed: true))
            .Artifact("apps/api", HarborArtifactSeed.Chart("1.9.0", "9.0.0", "API gateway", Pushed.AddDays(-30)))
            .Artifact("apps/web", HarborArtifactSeed.Chart("0.1.0", "1.0.0", "Web", Pushed))
            .Artifact("library/redis", HarborArtifactSeed.Chart("18.0.0", "7.2.0", "Redis", Pushed));
        var profile = new Profile { Name = "harbor", Registry = harbor.Server.HostAndPort, PlainHttp = true, Api = "harbor" };
        using var tui = new TuiHarness([profile], columns: 120, rows: 30);

        await tui
            .Keys(Key.Enter).WaitFor("3 in 2 projects")
            .WaitUntil(s => s.Contains("apps/ (2)", StringComparison.Ordinal) && s.Contains("library/ (1)", StringComparison.Ordinal), "project headings")
            .Keys(Key.Enter).WaitFor("apps/api (2, 2 semver)")
            .WaitUntil(s => s.Contains(" 2.0.0    9.1.0        2026-04-02 09:15 signed   API ", StringComparison.Ordinal)
                && s.Contains(" 1.9.0    9.0.0        2026-03-03 09:15          API gateway", StringComparison.Ordinal), "the version table filled from Harbor")
            .RunAsync();

        // The description's escape sequence is shown as text, never sent to the terminal.
        Assert.DoesNotContain(tui.Window.Tags.Source.ToList().Cast<object>(), row => row.ToString()!.Contains('\u001b', StringComparison.Ordinal));
        // The registry API is asked only for the selected tag's details, never once per row.
        Assert.InRange(harbor.Requests.Count(r => r.PathAndQuery.Contains("/manifests/", StringComparison.Ordinal)), 0, 1);
    }
}
