using System.Security.Cryptography;
using System.Text.Json;

namespace OciTui.Tests.Cli;

/// <summary><c>ocitui copy</c> from the demo layout into a real registry and into a layout: output, re-run, dry run, read back.</summary>
public sealed class CopyCommandTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-copy-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Profiles()
    {
        string file = Path.Combine(_directory, "profiles.json");
        File.WriteAllText(file, JsonSerializer.Serialize(new { profiles = new { demo = new { layout = RepositoryPaths.DemoLayout } } }));
        return file;
    }

    private Task<CliRun> Run(params string[] args) => CliRun.RunAsync([.. args, "--profiles", Profiles()], _directory);

    [RegistryFact]
    public async Task Copy_to_a_registry_reports_per_version_json_and_a_rerun_is_already_there()
    {
        string destination = $"{registry.Host}/cli/copy/hello";
        CliRun first = await Run("copy", "demo/charts/hello", "--version", "1.0.0", "--version", "^0.1", destination, "--plain-http", "--json");

        Assert.Equal(0, first.ExitCode);
        using JsonDocument document = JsonDocument.Parse(first.Out);
        Assert.Equal(2, document.RootElement.GetArrayLength());
        JsonElement copied = document.RootElement[0];
        Assert.Equal("demo/charts/hello:1.0.0", copied.GetProperty("source").GetString());
        Assert.Equal($"{destination}:1.0.0", copied.GetProperty("destination").GetString());
        Assert.True(copied.GetProperty("bytesSent").GetInt64() > 0);
        Assert.Equal(0, copied.GetProperty("blobsSkipped").GetInt32());
        Assert.Equal("demo/charts/hello:0.1.0", document.RootElement[1].GetProperty("source").GetString());

        CliRun again = await Run("copy", "demo/charts/hello:1.0.0", destination, "--plain-http");
        Assert.Equal(0, again.ExitCode);
        Assert.Equal($"Already there: {destination}:1.0.0 ({copied.GetProperty("digest").GetString()![..19]})\n", again.Out);

        CliRun show = await Run("show", $"{destination}:1.0.0", "--plain-http", "--json");
        Assert.Equal(0, show.ExitCode);
        Assert.Contains(copied.GetProperty("digest").GetString()!, show.Out, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task A_dry_run_lists_what_would_be_sent_and_sends_nothing()
    {
        string destination = $"{registry.Host}/cli/dryrun/hello:latest-copy";
        CliRun run = await Run("copy", "demo/charts/hello:1.0.0", destination, "--plain-http", "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith($"Would copy demo/charts/hello:1.0.0 -> {destination}\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("  send    blob     sha256:", run.Out, StringComparison.Ordinal);
        Assert.Contains("  send    tag      latest-copy -> sha256:", run.Out, StringComparison.Ordinal);
        CliRun tags = await Run("tags", $"{registry.Host}/cli/dryrun/hello", "--plain-http");
        Assert.NotEqual(0, tags.ExitCode);
    }

    [Fact]
    public async Task Copy_into_a_new_layout_folder_reads_back_through_a_layout_profile()
    {
        string layout = Path.Combine(_directory, "usb", "hello");
        CliRun run = await Run("copy", "demo/charts/hello:1.0.0", $"oci-layout:{layout}");

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(layout, "oci-layout")));
        CliRun pulled = await Run("pull", $"oci-layout:{layout}:1.0.0", "-d", _directory);
        Assert.Equal(0, pulled.ExitCode);
        CliRun original = await Run("pull", "demo/charts/hello:1.0.0", "--json", "-d", Directory.CreateDirectory(Path.Combine(_directory, "original")).FullName);
        using JsonDocument document = JsonDocument.Parse(original.Out);
        string expected = document.RootElement.GetProperty("digest").GetString()!;
        Assert.Equal(expected, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(_directory, "layout-1.0.0.tgz")))));
    }

    [Fact]
    public async Task A_digest_as_the_destination_is_a_usage_error()
    {
        CliRun run = await Run("copy", "demo/charts/hello:1.0.0", $"oci-layout:{_directory}/x@sha256:{new string('a', 64)}");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("ocitui: DEST takes a tag, not a digest: the copy keeps SRC's digest.\n", run.Error);
    }

    [HelmFact]
    public async Task Helm_pulls_the_copied_chart_with_the_same_sha256_as_at_the_source()
    {
        string destination = $"{registry.Host}/cli/helm/hello";
        Assert.Equal(0, (await Run("copy", "demo/charts/hello:1.0.0", destination, "--plain-http")).ExitCode);
        using HelmClient helm = await HelmClient.CreateAsync();
        string into = Directory.CreateDirectory(Path.Combine(_directory, "helm")).FullName;
        (await helm.RunAsync("pull", $"oci://{destination}", "--version", "1.0.0", "--plain-http", "-d", into)).EnsureSuccess();

        CliRun original = await Run("pull", "demo/charts/hello:1.0.0", "--json", "-d", Directory.CreateDirectory(Path.Combine(_directory, "original")).FullName);
        using JsonDocument document = JsonDocument.Parse(original.Out);
        string pulled = Directory.GetFiles(into, "*.tgz").Single();
        Assert.Equal(document.RootElement.GetProperty("digest").GetString(), "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(pulled))));
    }
}
