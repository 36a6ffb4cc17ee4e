using System.Formats.Tar;
using System.IO.Compression;
using OciTui.Registry.Charts;
using OciTui.Registry.Errors;

namespace OciTui.Registry.Tests.Charts;

public sealed class ChartArchiveTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-archive-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Reads_chart_values_and_readme_in_memory()
    {
        byte[] archive = new ChartArchiveBuilder("web", "1.0.0") { Readme = "# web\n" }.Build();
        ChartFiles files = await ChartArchive.ReadFilesAsync(new MemoryStream(archive));
        Assert.Contains("name: web", files.ChartYaml, StringComparison.Ordinal);
        Assert.Contains("replicaCount: 1", files.ValuesYaml, StringComparison.Ordinal);
        Assert.Equal("# web\n", files.Readme);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Theory]
    [InlineData("../evil", 1)]
    [InlineData("/etc/cron.d/evil", 1)]
    [InlineData("web/../../evil", 1)]
    [InlineData("C:/windows/evil", 1)]
    [InlineData("web/big.bin", 6 * 1024 * 1024)]
    public async Task Hostile_entries_are_refused_and_nothing_is_written(string path, int size)
    {
        byte[] archive = new ChartArchiveBuilder("web", "1.0.0").WithFile(path, new byte[size], raw: true).Build();
        // The archive is the registry's content, not the user's input: a registry failure (exit 1), not a usage error.
        ChartArchiveException read = await Assert.ThrowsAsync<ChartArchiveException>(() => ChartArchive.ReadFilesAsync(new MemoryStream(archive)));
        Assert.False(read.IsUsageError);
        string tgz = Path.Combine(_directory, "web.tgz");
        await File.WriteAllBytesAsync(tgz, archive);
        await Assert.ThrowsAsync<ChartArchiveException>(() => ChartArchive.ExtractAsync(tgz, _directory));
        Assert.Equal([tgz], Directory.GetFileSystemEntries(_directory));
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink)]
    [InlineData(TarEntryType.HardLink)]
    public async Task Links_are_refused(TarEntryType type)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            tar.WriteEntry(new UstarTarEntry(type, "web/Chart.yaml") { LinkName = "/etc/passwd" });
        }
        ChartArchiveException error = await Assert.ThrowsAsync<ChartArchiveException>(() => ChartArchive.ReadFilesAsync(new MemoryStream(buffer.ToArray())));
        Assert.Contains("link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gzip_bomb_is_stopped_at_the_unpacked_limit()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            using var tar = new TarWriter(gzip, TarEntryFormat.Ustar);
            for (int i = 0; i < 30; i++)
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, $"web/zero{i}.bin") { DataStream = new ZeroStream(4L * 1024 * 1024) };
                tar.WriteEntry(entry);
            }
        }
        Assert.True(buffer.Length < 2 * 1024 * 1024, $"bomb is {buffer.Length} bytes");
        ChartArchiveException error = await Assert.ThrowsAsync<ChartArchiveException>(() => ChartArchive.ReadFilesAsync(new MemoryStream(buffer.ToArray())));
        Assert.Contains("100 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extract_places_the_chart_folder_and_leaves_no_staging_folder()
    {
        string tgz = Path.Combine(_directory, "web-1.0.0.tgz");
        await File.WriteAllBytesAsync(tgz, new ChartArchiveBuilder("web", "1.0.0").Build());
        string folder = await ChartArchive.ExtractAsync(tgz, _directory);
        Assert.Equal(Path.Combine(_directory, "web"), folder);
        Assert.True(File.Exists(Path.Combine(folder, "Chart.yaml")));
        Assert.True(File.Exists(Path.Combine(folder, "templates", "deployment.yaml")));
        Assert.DoesNotContain(Directory.GetDirectories(_directory), d => Path.GetFileName(d).StartsWith(".ocitui-untar", StringComparison.Ordinal));
        // Unpacking again would replace the user's own folder: that is the user's to resolve (exit 2).
        await Assert.ThrowsAsync<InvalidInputException>(() => ChartArchive.ExtractAsync(tgz, _directory));
    }
}
