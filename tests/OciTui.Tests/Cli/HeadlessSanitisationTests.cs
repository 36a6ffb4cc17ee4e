using System.Text;
using System.Text.Json;
using OciTui.Registry.Models;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Tests.Cli;

/// <summary>
/// Every registry string the headless commands print (tags, annotations, config fields, chart files, error messages,
/// Warning headers, names inside a chart) reaches the terminal escaped and cut: C0/C1 controls, OSC and CSI
/// sequences, <c>\r</c>, bidi overrides, bytes that are not UTF-8, megabyte strings.
/// </summary>
public sealed class HeadlessSanitisationTests : IAsyncLifetime
{
    private const string Osc = "\u001b]0;pwned\u0007";
    private const string Csi = "\u001b[2J\u001b[31m";
    private const string Hostile = Osc + "a\rb" + Csi + "\u202etxt.exe\u2066x\u2069\u009b6n\u0085";
    private static readonly string Megabyte = new('M', 1024 * 1024);

    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-sanitise-").FullName;
    private FakeRegistry _registry = null!;
    private byte[] _manifest = [];

    public async Task InitializeAsync()
    {
        byte[] config = JsonSerializer.SerializeToUtf8Bytes(new
        {
            name = "chart" + Hostile,
            version = "1.0.0",
            apiVersion = "v2",
            appVersion = Hostile,
            description = Hostile + Megabyte,
            home = "https://example.com/" + Hostile,
            sources = new[] { Hostile },
            keywords = new[] { Hostile, Megabyte },
            maintainers = new[] { new { name = Hostile, email = Hostile } },
            dependencies = new[] { new { name = Hostile, version = "1", repository = Hostile } },
            annotations = new Dictionary<string, string> { ["k" + Hostile] = Hostile },
        });
        byte[] layer = new ChartArchiveBuilder("chart", "1.0.0")
        {
            Values = $"replicaCount: 1 # {Hostile}\n",
            Readme = $"# Title {Hostile}\n{Megabyte}\n",
        }.Build();
        _manifest = JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = MediaTypes.OciManifest,
            config = new { mediaType = MediaTypes.HelmConfig, digest = Sha256(config), size = config.Length },
            layers = new[] { new { mediaType = MediaTypes.HelmChart, digest = Sha256(layer), size = layer.Length, annotations = new Dictionary<string, string> { ["org.opencontainers.image.title"] = Hostile } } },
            annotations = new Dictionary<string, string>
            {
                ["org.opencontainers.image.description"] = Hostile + Megabyte,
                ["org.opencontainers.image.created"] = "2026-01-01T00:00:00Z",
                [Hostile] = "value",
            },
        });
        _registry = await StartAsync(async context =>
        {
            string path = context.Request.Path.Value!;
            if (path.EndsWith("/tags/list", StringComparison.Ordinal))
                await WriteAsync(context, 200, JsonSerializer.Serialize(new { tags = new[] { "1.0.0", "2.0.0" + Hostile, Megabyte } }));
            else if (path.EndsWith("/manifests/1.0.0", StringComparison.Ordinal))
                await WriteBytesAsync(context, _manifest, MediaTypes.OciManifest);
            else if (path.EndsWith(Sha256(config), StringComparison.Ordinal))
                await WriteBytesAsync(context, config, "application/octet-stream");
            else if (path.EndsWith(Sha256(layer), StringComparison.Ordinal))
                await WriteBytesAsync(context, layer, "application/octet-stream");
            else
                await WriteAsync(context, 404, JsonSerializer.Serialize(new { errors = new[] { new { code = "MANIFEST_UNKNOWN" + Hostile, message = Hostile + new string('E', 50_000) } } }));
        });
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Nothing a terminal would act on: no C0 but newline, no DEL or C1, no bidi controls; no line longer than a screenful.</summary>
    private static void AssertTerminalSafe(string text, int maxLine = 1000)
    {
        foreach (char c in text)
        {
            Assert.False(c < 0x20 && c != '\n', $"C0 control U+{(int)c:X4} reached the terminal");
            Assert.False(c is >= '\u007f' and <= '\u009f', $"C1 control U+{(int)c:X4} reached the terminal");
            Assert.False(c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069' or '\u200e' or '\u200f' or '\u061c',
                $"bidi control U+{(int)c:X4} reached the terminal");
        }
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= maxLine, $"a line of {line.Length} characters"));
    }

    private Task<CliRun> Run(params string[] args) => CliRun.RunAsync([.. args, "--plain-http"], _directory);

    private string Ref(string suffix = ":1.0.0") => $"{_registry.Server.HostAndPort}/charts/chart{suffix}";

    [Fact]
    public async Task Show_escapes_annotations_and_chart_metadata_and_cuts_megabyte_values()
    {
        CliRun run = await Run("show", Ref());
        Assert.Equal(0, run.ExitCode);
        AssertTerminalSafe(run.Out + run.Error);
        Assert.Contains("\\e]0;pwned\\x07a\\rb\\e[2J\\e[31mtxt.exex\\x9B6n\\x85", run.Out, StringComparison.Ordinal);
        Assert.Contains("  Description:  \\e]0;pwned", run.Out, StringComparison.Ordinal);
        Assert.Contains("  Maintainer:   \\e]0;pwned", run.Out, StringComparison.Ordinal);
        Assert.Contains("…", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_json_keeps_the_data_exact_but_escaped()
    {
        CliRun run = await Run("show", Ref(), "--json");
        Assert.Equal(0, run.ExitCode);
        AssertTerminalSafe(run.Out, maxLine: int.MaxValue);
        using JsonDocument json = JsonDocument.Parse(run.Out);
        Assert.Equal(Hostile + Megabyte, json.RootElement.GetProperty("annotations").GetProperty("org.opencontainers.image.description").GetString());
        Assert.Equal(Hostile, json.RootElement.GetProperty("chart").GetProperty("appVersion").GetString());
    }

    [Theory]
    [InlineData("--values", "replicaCount: 1 # \\e]0;pwned")]
    [InlineData("--readme", "# Title \\e]0;pwned")]
    public async Task Chart_files_are_printed_escaped(string option, string expected)
    {
        CliRun run = await Run("show", Ref(), option);
        Assert.Equal(0, run.ExitCode);
        AssertTerminalSafe(run.Out + run.Error, maxLine: 2 * 1024 * 1024);
        Assert.Contains(expected, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tags_drops_hostile_tags_and_errors_are_escaped_and_cut()
    {
        CliRun tags = await Run("tags", Ref(""), "--all");
        Assert.Equal(0, tags.ExitCode);
        Assert.Equal("1.0.0\n", tags.Out);
        AssertTerminalSafe(tags.Out + tags.Error);

        CliRun missing = await Run("show", Ref(":9.9.9"));
        Assert.Equal(1, missing.ExitCode);
        missing.AssertOneCleanErrorLine();
        AssertTerminalSafe(missing.Error, maxLine: 600);
        Assert.Contains("(MANIFEST_UNKNOWN\\e]0;pwned\\x07", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warning_headers_with_escapes_and_bytes_that_are_not_utf8_are_shown_escaped_once()
    {
        byte[] warning = [.. "Warning: 299 - \"deprecated "u8, 0x1B, .. "]0;pwned"u8, 0x07, 0x9B, .. "6n "u8, 0xE2, 0x80, 0xAE, .. "evil\"\r\n"u8];
        byte[] longWarning = [.. "Warning: 299 - \""u8, .. Encoding.ASCII.GetBytes(new string('W', 60_000)), .. "\"\r\n"u8];
        await using var raw = new RawHttpServer(async request =>
        {
            byte[] body = "{\"tags\":[\"1.0.0\"]}"u8.ToArray();
            await request.Stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"u8.ToArray());
            await request.Stream.WriteAsync(warning);
            await request.Stream.WriteAsync(warning);
            await request.Stream.WriteAsync(longWarning);
            await request.Stream.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
            await request.Stream.WriteAsync(body);
        });
        CliRun run = await CliRun.RunAsync(["tags", $"{raw.HostAndPort}/charts/chart", "--plain-http"], _directory);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("1.0.0\n", run.Out);
        AssertTerminalSafe(run.Error, maxLine: 300);
        string[] warnings = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, warnings.Length);
        Assert.Equal("warning: deprecated \\e]0;pwned\\x07\\x9B6n â\\x80®evil", warnings[0]);
        Assert.StartsWith("warning: WWWW", warnings[1], StringComparison.Ordinal);
        Assert.EndsWith("…", warnings[1], StringComparison.Ordinal);
    }
}
