using System.Text;
using System.Text.Json;

namespace OciTui.Tests.Cli;

/// <summary>
/// <c>ocitui diff</c> on the real docker-registry, against three revisions of one chart that differ in values,
/// dependencies, files and images (issue 12).
/// </summary>
public sealed class DiffCommandTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>, IAsyncLifetime
{
    private const string Repository = "diff/charts/shop";
    private const string Hostile = "diff/charts/hostile";
    private const string Broken = "diff/charts/broken";

    private const string Values100 = """
        replicaCount: 1
        image:
          registry: docker.io
          repository: org/shop
          tag: v4.1.0
        redis:
          replicas: 3
          image: redis:7.0
        service:
          port: "8080"
        podAnnotations:
          prometheus.io/scrape: "true"
        """;

    private const string Values110 = """
        replicaCount: 1
        image:
          registry: docker.io
          repository: org/shop
          tag: v4.1.1
        redis:
          image: redis:7.2
        service:
          port: 8080
        podAnnotations:
          prometheus.io/scrape: "true"
        metrics:
          enabled: false
        """;

    private const string Deps100 = "dependencies:\n  - name: redis\n    version: 17.0.0\n    repository: https://charts.example.com\n    condition: redis.enabled\n";
    private const string Deps110 = "dependencies:\n  - name: redis\n    version: 18.1.0\n    repository: oci://registry.example.com/charts\n    condition: redis.enabled\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-diff-").FullName;

    public async Task InitializeAsync()
    {
        if (!registry.Started) return;
        await registry.Seeder.PushChartAsync(Repository, new ChartArchiveBuilder("shop", "1.0.0") { Values = Values100, ExtraChartYaml = Deps100 });
        await registry.Seeder.PushChartAsync(Repository, new ChartArchiveBuilder("shop", "1.1.0") { Values = Values110, ExtraChartYaml = Deps110 }
            .WithFile("templates/service.yaml", Encoding.UTF8.GetBytes("kind: Service\n")));
        await registry.Seeder.PushChartAsync(Repository, new ChartArchiveBuilder("shop", "1.2.0-rc.1") { Values = Values110 + "new: x\n" });
        await registry.Seeder.PushChartAsync(Broken, new ChartArchiveBuilder("broken", "1.0.0") { Values = "a: 1\n" });
        await registry.Seeder.PushChartAsync(Broken, new ChartArchiveBuilder("broken", "2.0.0") { Values = "a: 2\nb: [1, 2\n" });
        await registry.Seeder.PushChartAsync(Hostile, new ChartArchiveBuilder("hostile", "1.0.0") { Values = "a: 1\n" });
        await registry.Seeder.PushChartAsync(Hostile, new ChartArchiveBuilder("hostile", "2.0.0") { Values = "a: \"\e]0;pwned\a\e[31mred \u202Eevil\"\n\"\e[2Jkey\": 1\n" }
            .WithFile("templates/\u202Etxt.yaml", [1]));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private string Ref => $"{registry.Host}/{Repository}";

    private Task<CliRun> Run(params string[] args) => CliRun.RunAsync([.. args, "--plain-http"], _directory);

    [RegistryFact]
    public async Task Values_changes_are_listed_by_key_path_and_followed_by_a_unified_diff()
    {
        CliRun run = await Run("diff", Ref, "1.0.0", "1.1.0");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("image.tag: v4.1.0 -> v4.1.1\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("redis.replicas: 3 -> removed\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("redis.image: redis:7.0 -> redis:7.2\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("service.port: \"8080\" -> 8080 (string -> number)\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("metrics.enabled: added -> false\n", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("podAnnotations", run.Out.Split("--- a/values.yaml")[0], StringComparison.Ordinal);
        Assert.Contains("--- a/values.yaml (1.0.0)\n+++ b/values.yaml (1.1.0)\n@@ ", run.Out, StringComparison.Ordinal);
        Assert.Contains("\n-  tag: v4.1.0\n+  tag: v4.1.1\n", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\e[", run.Out, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task To_defaults_to_the_newest_stable_version_and_from_takes_a_range()
    {
        CliRun run = await Run("diff", Ref, "~1.0", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal("1.0.0", json.RootElement.GetProperty("from").GetProperty("version").GetString());
        Assert.Equal("1.1.0", json.RootElement.GetProperty("to").GetProperty("version").GetString());
        Assert.StartsWith("sha256:", json.RootElement.GetProperty("to").GetProperty("digest").GetString(), StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task Json_gives_each_leaf_change_with_typed_old_and_new_values()
    {
        CliRun run = await Run("diff", Ref, "1.0.0", "1.1.0", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        JsonElement changes = json.RootElement.GetProperty("values").GetProperty("changes");
        JsonElement port = changes.EnumerateArray().Single(c => c.GetProperty("path").GetString() == "service.port");
        Assert.Equal("changed", port.GetProperty("change").GetString());
        Assert.Equal(JsonValueKind.String, port.GetProperty("from").ValueKind);
        Assert.Equal(8080, port.GetProperty("to").GetInt32());
        JsonElement replicas = changes.EnumerateArray().Single(c => c.GetProperty("path").GetString() == "redis.replicas");
        Assert.Equal("removed", replicas.GetProperty("change").GetString());
        Assert.False(replicas.TryGetProperty("to", out _));
        Assert.True(json.RootElement.GetProperty("values").GetProperty("structural").GetBoolean());
        Assert.False(json.RootElement.TryGetProperty("images", out _));
    }

    [RegistryFact]
    public async Task All_compares_dependencies_by_name_files_with_sizes_and_images_old_and_new()
    {
        CliRun run = await Run("diff", Ref, "1.0.0", "1.1.0", "--all", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        JsonElement redis = json.RootElement.GetProperty("chart").GetProperty("dependencies").GetProperty("redis");
        Assert.Equal("changed", redis.GetProperty("change").GetString());
        Assert.Equal("17.0.0", redis.GetProperty("from").GetProperty("version").GetString());
        Assert.Equal("oci://registry.example.com/charts", redis.GetProperty("to").GetProperty("repository").GetString());
        JsonElement service = json.RootElement.GetProperty("files").GetProperty("changes").EnumerateArray().Single(f => f.GetProperty("path").GetString() == "templates/service.yaml");
        Assert.Equal("added", service.GetProperty("change").GetString());
        Assert.Equal(14, service.GetProperty("toSize").GetInt64());
        string[] images = [.. json.RootElement.GetProperty("images").GetProperty("changes").EnumerateArray()
            .Select(i => $"{i.GetProperty("path").GetString()} {i.GetProperty("from").GetString()} -> {i.GetProperty("to").GetString()}")];
        Assert.Equal(["image docker.io/org/shop:v4.1.0 -> docker.io/org/shop:v4.1.1", "redis.image redis:7.0 -> redis:7.2"], images);
    }

    [RegistryFact]
    public async Task Files_with_a_pattern_diffs_the_text_of_the_matching_files()
    {
        CliRun run = await Run("diff", Ref, "1.0.0", "1.1.0", "--files", "templates/*", "-U", "0");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("added    templates/service.yaml (14 B)", run.Out, StringComparison.Ordinal);
        Assert.Contains("--- a/templates/service.yaml (1.0.0)\n+++ b/templates/service.yaml (1.1.0)\n@@ -0,0 +1 @@\n+kind: Service\n", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("== values ==", run.Out, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task Exit_code_is_zero_whether_or_not_they_differ_and_three_with_exit_code_when_they_do()
    {
        Assert.Equal(0, (await Run("diff", Ref, "1.0.0", "1.1.0")).ExitCode);
        Assert.Equal(3, (await Run("diff", Ref, "1.0.0", "1.1.0", "--exit-code")).ExitCode);
        CliRun same = await Run("diff", Ref, "1.1.0", "1.1.0", "--all", "--exit-code");
        Assert.Equal(0, same.ExitCode);
        Assert.Contains("values.yaml: no difference.", same.Out, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task Values_the_new_version_cannot_parse_still_get_the_text_diff_and_one_sentence_why()
    {
        CliRun run = await Run("diff", $"{registry.Host}/{Broken}", "1.0.0", "2.0.0", "--exit-code");
        Assert.Equal(3, run.ExitCode);
        string[] lines = run.Out.Split('\n');
        Assert.Single(lines, l => l.StartsWith("No key-path view: the new version's values.yaml cannot be read: it is not valid YAML", StringComparison.Ordinal));
        Assert.Contains("-a: 1\n+a: 2\n+b: [1, 2\n", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("a: ", StringComparison.Ordinal));
    }

    [RegistryFact]
    public async Task A_missing_version_is_one_clean_error_with_exit_one()
    {
        CliRun run = await Run("diff", Ref, "9.9.9", "1.1.0");
        Assert.Equal(1, run.ExitCode);
        run.AssertOneCleanErrorLine();
    }

    [RegistryFact]
    public async Task Escape_sequences_and_bidi_controls_from_the_chart_never_reach_the_output_raw()
    {
        string hostile = $"{registry.Host}/{Hostile}";
        CliRun text = await Run("diff", hostile, "1.0.0", "2.0.0", "--all");
        Assert.Equal(0, text.ExitCode);
        Assert.DoesNotContain('\e', text.Out);
        Assert.DoesNotContain('\a', text.Out);
        Assert.DoesNotContain('\u202E', text.Out);
        Assert.Contains("txt.yaml", text.Out, StringComparison.Ordinal);
        CliRun json = await Run("diff", hostile, "1.0.0", "2.0.0", "--all", "--json");
        Assert.DoesNotContain('\e', json.Out);
        Assert.DoesNotContain('\u202E', json.Out);
        using JsonDocument document = JsonDocument.Parse(json.Out);
        Assert.Contains(document.RootElement.GetProperty("values").GetProperty("changes").EnumerateArray(), c => c.GetProperty("to").GetString()!.Contains('\u202E', StringComparison.Ordinal));
    }

    [RegistryFact]
    public async Task Colour_only_on_a_terminal_and_never_with_no_color()
    {
        var stdout = new StringWriter();
        var context = new OciTui.Cli.CliContext { Out = stdout, Error = new StringWriter(), OutIsTerminal = true, HomeDirectory = _directory, WorkingDirectory = _directory, GetVariable = _ => null };
        Assert.Equal(0, await OciTui.Cli.CommandLine.RunAsync(["diff", Ref, "1.0.0", "1.1.0", "--plain-http"], context));
        Assert.Contains("\e[32m+  tag: v4.1.1\e[0m", stdout.ToString(), StringComparison.Ordinal);

        var plain = new StringWriter();
        context = context with { Out = plain, GetVariable = name => name == "NO_COLOR" ? "1" : null };
        Assert.Equal(0, await OciTui.Cli.CommandLine.RunAsync(["diff", Ref, "1.0.0", "1.1.0", "--plain-http"], context));
        Assert.DoesNotContain("\e[", plain.ToString(), StringComparison.Ordinal);
        Assert.Contains("+  tag: v4.1.1", plain.ToString(), StringComparison.Ordinal);
    }
}
