using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using OciTui.Registry.Models;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Tests.Cli;

/// <summary>
/// Hostile chart archives from a registry: <c>show --values</c> (the preview) refuses them with one clear line and
/// writes nothing to disk; <c>pull --untar</c> keeps the verified archive it was asked for and unpacks nothing.
/// The archive came from the registry, not from the user, so both exit 1 (a registry failure), not 2 (bad input).
/// </summary>
public sealed class HostileChartPreviewTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-hostile-chart-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static byte[] Archive(Action<TarWriter> entries)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "web/Chart.yaml") { DataStream = new MemoryStream("apiVersion: v2\nname: web\nversion: 1.0.0\n"u8.ToArray()) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "web/values.yaml") { DataStream = new MemoryStream("a: 1\n"u8.ToArray()) });
            entries(tar);
        }
        return buffer.ToArray();
    }

    private static void File(TarWriter tar, string name, long size) =>
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new ZeroStream(size) });

    public static TheoryData<string, string> Hostile => new()
    {
        { "dotdot", "The chart archive entry 'web/../../evil' has an unsafe path; refused." },
        { "absolute", "The chart archive entry '/etc/cron.d/evil' has an unsafe path; refused." },
        { "symlink", "The chart archive holds a link 'web/templates/x.yaml'; refused." },
        { "hardlink", "The chart archive holds a link 'web/hard'; refused." },
        { "bomb", "The chart archive unpacks to more than helm's 100 MiB limit; refused." },
        { "big-file", "The chart file 'web/big.bin' is 6291456 bytes, over helm's 5242880-byte limit; refused." },
        { "escape-in-name", "The chart archive entry 'web/\\e]0;pwned\\x07.yaml' has an unsafe path; refused." },
    };

    private static byte[] Build(string kind) => Archive(tar =>
    {
        switch (kind)
        {
            case "dotdot": File(tar, "web/../../evil", 10); break;
            case "absolute": File(tar, "/etc/cron.d/evil", 10); break;
            case "symlink": tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "web/templates/x.yaml") { LinkName = "/etc/shadow" }); break;
            case "hardlink": tar.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, "web/hard") { LinkName = "/etc/passwd" }); break;
            case "bomb":
                for (int i = 0; i < 30; i++) File(tar, $"web/zero{i}.bin", 4L * 1024 * 1024);
                break;
            case "big-file": File(tar, "web/big.bin", 6L * 1024 * 1024); break;
            case "escape-in-name": File(tar, "web/\u001b]0;pwned\u0007.yaml", 10); break;
        }
    });

    private static Task<FakeRegistry> Serving(byte[] layer)
    {
        byte[] config = new ChartArchiveBuilder("web", "1.0.0").ConfigJson();
        byte[] manifest = ChartManifestFor(config, layer);
        return StartAsync(async context =>
        {
            string path = context.Request.Path.Value!;
            if (path.Contains("/manifests/", StringComparison.Ordinal)) await WriteBytesAsync(context, manifest, MediaTypes.OciManifest);
            else if (path.EndsWith(Sha256(config), StringComparison.Ordinal)) await WriteBytesAsync(context, config, "application/octet-stream");
            else await WriteBytesAsync(context, layer, "application/octet-stream");
        });
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task The_preview_refuses_it_and_writes_nothing(string kind, string message)
    {
        byte[] layer = Build(kind);
        Assert.True(layer.Length < 4 * 1024 * 1024, $"the {kind} archive is {layer.Length} bytes");
        await using FakeRegistry fake = await Serving(layer);
        CliRun run = await CliRun.RunAsync(["show", $"{fake.Server.HostAndPort}/charts/web:1.0.0", "--values", "--plain-http"], _directory);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"ocitui: {message}\n", run.Error);
        Assert.Empty(run.Out);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Untar_keeps_the_verified_archive_and_unpacks_nothing(string kind, string message)
    {
        await using FakeRegistry fake = await Serving(Build(kind));
        CliRun run = await CliRun.RunAsync(["pull", $"{fake.Server.HostAndPort}/charts/web:1.0.0", "--untar", "--plain-http"], _directory);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"ocitui: {message}\n", run.Error);
        Assert.Equal(["web-1.0.0.tgz"], Directory.GetFileSystemEntries(_directory).Select(Path.GetFileName));
    }
}
