using OciTui.Cli;

namespace OciTui.Tests.Cli;

/// <summary>
/// A mistyped profile is a usage error, not a request to Docker Hub: a first segment one or two edits from a profile
/// (a swap of two letters counting as one), or a name of three segments with no registry host, exits 2 before any request.
/// </summary>
public sealed class MistypedProfileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-mistyped-").FullName;
    private readonly string _profiles;

    public MistypedProfileTests()
    {
        _profiles = Path.Combine(_directory, "profiles.json");
        File.WriteAllText(_profiles, """
        { "profiles": {
            "lab":  { "registry": "127.0.0.1:1", "plainHttp": true },
            "slow": { "registry": "127.0.0.1:2", "plainHttp": true },
            "production": { "registry": "127.0.0.1:3", "plainHttp": true } } }
        """);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<CliRun> Run(params string[] args) => CliRun.RunAsync([.. args, "--profiles", _profiles], _directory);

    [Theory]
    [InlineData("tags", "lba/charts/webapp", "lba", "lab")]
    [InlineData("show", "slwo/charts/webapp:1.0.0", "slwo", "slow")]
    [InlineData("pull", "lb/charts/webapp", "lb", "lab")]
    [InlineData("tags", "prodcution/charts/webapp", "prodcution", "production")]
    [InlineData("tags", "prodution/webapp", "prodution", "production")]
    public async Task A_first_segment_close_to_a_profile_exits_2_suggesting_it(string command, string reference, string typed, string meant)
    {
        CliRun run = await Run(command, reference);
        Assert.Equal(2, run.ExitCode);
        run.AssertOneCleanErrorLine();
        Assert.StartsWith($"ocitui: No profile '{typed}' (profiles: lab, slow, production); did you mean '{meant}'?\n", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("docker.io", run.Error.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_segments_without_a_registry_host_exit_2_since_docker_hub_has_no_such_name()
    {
        CliRun run = await Run("tags", "team/charts/webapp");
        Assert.Equal(2, run.ExitCode);
        run.AssertOneCleanErrorLine();
        Assert.Contains("No profile 'team' (profiles: lab, slow, production)", run.Error, StringComparison.Ordinal);
        Assert.Contains("no registry host", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tags")]
    [InlineData("show")]
    [InlineData("pull")]
    public async Task A_profile_without_a_repository_exits_2_naming_repos(string command)
    {
        CliRun run = await Run(command, "lab");
        Assert.Equal(2, run.ExitCode);
        run.AssertOneCleanErrorLine();
        Assert.Contains("PROFILE/REPOSITORY", run.Error, StringComparison.Ordinal);
        Assert.Contains("ocitui repos lab", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bitnamicharts/nginx", "bitnamicharts/nginx")]
    [InlineData("nginx", "library/nginx")]
    [InlineData("labs-team/nginx", "labs-team/nginx")]
    [InlineData("docker.io/team/charts/app", "team/charts/app")]
    public void Docker_hub_names_far_from_every_profile_still_mean_docker_hub(string reference, string repository)
    {
        var context = new CliContext { Out = TextWriter.Null, Error = TextWriter.Null, WorkingDirectory = _directory, HomeDirectory = _directory, GetVariable = _ => null };
        using ResolvedTarget resolved = new TargetResolver(context, new ConnectionOverrides(_profiles, null, null, false, false, false, null)).ResolveReference(reference);
        Assert.Equal("docker.io", resolved.Profile.Registry);
        Assert.Equal(repository, resolved.Repository);
    }

    [Fact]
    public async Task Repos_with_a_mistyped_profile_suggests_it()
    {
        CliRun run = await Run("repos", "lba");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("did you mean 'lab'?", run.Error, StringComparison.Ordinal);
    }
}
