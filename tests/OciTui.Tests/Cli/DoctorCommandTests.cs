using System.Text.Json;

namespace OciTui.Tests.Cli;

/// <summary>
/// <c>ocitui doctor</c> against the real docker-registry with htpasswd: exit 0 when no step failed and 1 when one did,
/// 2 for bad usage, the --json shape, text within 80 columns, and a planted password that never appears in the output.
/// </summary>
public sealed class DoctorCommandTests(HtpasswdRegistryFixture registry) : IClassFixture<HtpasswdRegistryFixture>, IDisposable
{
    private static readonly string[] StepNames = ["dns", "connect", "tls", "ping", "credentials", "token", "catalog", "clock", "proxy"];
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-doctor-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Profiles(object lab)
    {
        string file = Path.Combine(_directory, "profiles.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new { profiles = new Dictionary<string, object> { ["lab"] = lab } }));
        return file;
    }

    private Task<CliRun> DoctorAsync(string password, params string[] extra)
    {
        string profiles = Profiles(new { registry = registry.Host, plainHttp = true, username = DockerRegistryFixture.Username, passwordEnv = "LAB_PASSWORD" });
        return CliRun.RunAsync(["doctor", "lab", "--profiles", profiles, .. extra], _directory,
            environment: new Dictionary<string, string> { ["LAB_PASSWORD"] = password });
    }

    [RegistryFact]
    public async Task A_healthy_profile_prints_one_status_line_per_step_and_exits_0()
    {
        CliRun run = await DoctorAsync(DockerRegistryFixture.Password);
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
        string[] lines = run.Out.TrimEnd('\n').Split('\n');
        Assert.Equal($"Connection check of http://{registry.Host}", lines[0]);
        string[] stepLines = [.. lines.Where(l => !l.StartsWith(' ') && l != lines[0] && l != lines[^1])];
        Assert.Equal(StepNames, stepLines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
        Assert.Equal(["ok", "ok", "skipped", "ok", "ok", "ok", "ok", "ok", "ok"], stepLines.Select(l => l.Split(' ')[0]));
        Assert.Equal("Nothing failed.", lines[^1]);
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.DoesNotContain(DockerRegistryFixture.Password, run.Out, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task A_wrong_password_exits_1_and_the_password_appears_nowhere()
    {
        const string Planted = "Pl4nted-Wr0ng-Secret";
        CliRun run = await DoctorAsync(Planted);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAILED   token        Basic auth, no tokens: the registry refused user", run.Out, StringComparison.Ordinal);
        Assert.EndsWith("1 failed, 1 warning: see the fix under each.\n", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Planted, run.Out + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{DockerRegistryFixture.Username}:{Planted}")), run.Out + run.Error, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task Json_lists_every_step_in_order_with_status_detail_and_fix()
    {
        const string Planted = "Pl4nted-Json-Secret";
        CliRun run = await DoctorAsync(Planted, "--json");
        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain(Planted, run.Out + run.Error, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        JsonElement root = json.RootElement;
        Assert.Equal(["target", "steps"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal($"http://{registry.Host}", root.GetProperty("target").GetString());
        JsonElement[] steps = [.. root.GetProperty("steps").EnumerateArray()];
        Assert.Equal(StepNames, steps.Select(s => s.GetProperty("step").GetString()));
        Assert.All(steps, s => Assert.Equal(["step", "status", "detail", "fix"], s.EnumerateObject().Select(p => p.Name)));
        Assert.All(steps, s => Assert.Contains(s.GetProperty("status").GetString(), new[] { "ok", "warning", "failure", "skipped" }));
        JsonElement token = steps.Single(s => s.GetProperty("step").GetString() == "token");
        Assert.Equal("failure", token.GetProperty("status").GetString());
        Assert.StartsWith("Check the password", token.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, steps[0].GetProperty("fix").ValueKind);
    }

    [RegistryFact]
    public async Task A_password_from_standard_input_is_used_and_never_printed()
    {
        CliRun run = await CliRun.RunAsync(["doctor", registry.Host, "--plain-http", "-u", DockerRegistryFixture.Username, "--password-stdin"], _directory,
            stdin: DockerRegistryFixture.Password + "\n");
        Assert.Equal(0, run.ExitCode);
        // The text wraps at 80 columns: read it as one line of words.
        string words = string.Join(' ', run.Out.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("(password in the profile, or --password-stdin)", words, StringComparison.Ordinal);
        Assert.DoesNotContain(DockerRegistryFixture.Password, run.Out + run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("doctor")]
    [InlineData("doctor", "not a host!")]
    [InlineData("doctor", "127.0.0.1:5000", "--repository", "Not/Valid")]
    public async Task Bad_usage_exits_2(params string[] args)
    {
        CliRun run = await CliRun.RunAsync(args, _directory);
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task A_layout_profile_has_no_connection_to_check()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "layout"));
        string file = Path.Combine(_directory, "profiles.json");
        File.WriteAllText(file, """{"profiles":{"demo":{"layout":"layout"}}}""");
        CliRun run = await CliRun.RunAsync(["doctor", "demo", "--profiles", file], _directory);
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Equal("ocitui: Profile 'demo' is a layout folder; there is no connection to check.\n", run.Error);
    }
}
