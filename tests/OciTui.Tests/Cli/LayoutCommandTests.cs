using System.Security.Cryptography;
using System.Text.Json;

namespace OciTui.Tests.Cli;

/// <summary>The commands on the sample OCI layouts, through a profile with "layout" and through oci-layout: references.</summary>
public sealed class LayoutCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-layout-cli-").FullName;
    private readonly string _profiles;

    public LayoutCommandTests()
    {
        _profiles = Path.Combine(_directory, "profiles.json");
        File.WriteAllText(_profiles, JsonSerializer.Serialize(new { profiles = new { demo = new { layout = RepositoryPaths.DemoLayout } } }));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<CliRun> Run(params string[] args) => CliRun.RunAsync([.. args, "--profiles", _profiles], _directory);

    [Fact]
    public async Task Repos_lists_every_layout_below_the_folder()
    {
        CliRun run = await Run("repos", "demo");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("charts/hello\ncharts/webapp\nplatform/ingress-lite\n", run.Out);
    }

    [Fact]
    public async Task Tags_are_semver_sorted_newest_first_and_json_has_the_documented_shape()
    {
        CliRun run = await Run("tags", "demo/platform/ingress-lite", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal("demo/platform/ingress-lite", json.RootElement.GetProperty("repository").GetString());
        Assert.Equal(["0.10.0", "0.9.0"], json.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        CliRun all = await Run("tags", "demo/platform/ingress-lite", "--all");
        Assert.Equal("0.10.0\n0.9.0\nlatest\n", all.Out);
    }

    [Fact]
    public async Task Show_json_carries_digest_media_types_layers_and_chart_metadata()
    {
        CliRun run = await Run("show", "demo/charts/webapp:2.0.0", "--json");
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        JsonElement root = json.RootElement;
        Assert.Equal("demo/charts/webapp:2.0.0", root.GetProperty("reference").GetString());
        Assert.StartsWith("sha256:", root.GetProperty("digest").GetString(), StringComparison.Ordinal);
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", root.GetProperty("mediaType").GetString());
        Assert.Equal("application/vnd.cncf.helm.config.v1+json", root.GetProperty("artifactType").GetString());
        Assert.Equal("webapp", root.GetProperty("annotations").GetProperty("org.opencontainers.image.title").GetString());
        Assert.Equal("application/vnd.cncf.helm.config.v1+json", root.GetProperty("config").GetProperty("mediaType").GetString());
        JsonElement layer = Assert.Single(root.GetProperty("layers").EnumerateArray());
        Assert.Equal("application/vnd.cncf.helm.chart.content.v1.tar+gzip", layer.GetProperty("mediaType").GetString());
        Assert.True(layer.GetProperty("size").GetInt64() > 0);
        JsonElement chart = root.GetProperty("chart");
        Assert.Equal("2.0.0", chart.GetProperty("version").GetString());
        Assert.Equal("4.0.0", chart.GetProperty("appVersion").GetString());
        Assert.Equal(">=1.27.0-0", chart.GetProperty("kubeVersion").GetString());
    }

    [Fact]
    public async Task Show_without_a_tag_takes_the_newest_stable_version()
    {
        CliRun run = await Run("show", "demo/charts/hello");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Reference:      demo/charts/hello:1.0.0", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_values_and_readme_print_the_chart_files()
    {
        CliRun values = await Run("show", "demo/charts/webapp:2.0.0", "--values");
        Assert.Equal(0, values.ExitCode);
        Assert.Contains("repository: ghcr.io/example/webapp", values.Out, StringComparison.Ordinal);
        CliRun readme = await Run("show", "demo/charts/webapp:2.0.0", "--readme");
        Assert.StartsWith("# webapp", readme.Out, StringComparison.Ordinal);
        CliRun chart = await Run("show", "demo/charts/webapp:2.0.0", "--chart");
        Assert.Contains("name: webapp", chart.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pull_writes_a_verified_chart_named_like_helm_and_untars_it()
    {
        string target = Path.Combine(_directory, "out");
        Directory.CreateDirectory(target);
        CliRun run = await Run("pull", "demo/charts/webapp", "--version", "1.2.3", "-d", target, "--untar");
        Assert.Equal(0, run.ExitCode);
        string file = Path.Combine(target, "webapp-1.2.3.tgz");
        Assert.Contains($"Saved:  {file}", run.Out, StringComparison.Ordinal);
        string digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file)));
        Assert.Contains($"Digest: {digest} (verified)", run.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(target, "webapp", "Chart.yaml")));
        Assert.Equal(["webapp-1.2.3.tgz"], Directory.GetFiles(target).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Pull_refuses_to_replace_an_existing_file()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "hello-0.1.0.tgz"), "mine");
        string file = Path.Combine(_directory, "hello-0.1.0.tgz");
        CliRun run = await Run("pull", "demo/charts/hello:0.1.0");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"ocitui: {file} already exists; nothing was downloaded.\nhint: Remove it, or pass --force to replace it.\n", run.Error);
        Assert.Equal("mine", await File.ReadAllTextAsync(file));

        CliRun forced = await Run("pull", "demo/charts/hello:0.1.0", "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("(verified)", forced.Out, StringComparison.Ordinal);
        Assert.NotEqual("mine", await File.ReadAllTextAsync(file));
        Assert.Empty(Directory.GetFiles(_directory, "*.partial*"));
    }

    [Fact]
    public async Task An_oci_layout_reference_names_one_layout()
    {
        string layout = Path.Combine(RepositoryPaths.DemoLayout, "charts", "hello");
        CliRun run = await CliRun.RunAsync(["show", $"oci-layout:{layout}:0.2.0", "--json"]);
        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal("0.2.0", json.RootElement.GetProperty("chart").GetProperty("version").GetString());
    }

    [Fact]
    public async Task A_missing_tag_exits_1_with_a_clean_message()
    {
        CliRun run = await Run("show", "demo/charts/hello:9.9.9");
        Assert.Equal(1, run.ExitCode);
        run.AssertOneCleanErrorLine();
        Assert.Contains("not found", run.Error, StringComparison.Ordinal);
    }
}
