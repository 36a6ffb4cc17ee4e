using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace OciTui.Testing;

/// <summary>
/// Builds real Helm chart archives (a gzip'd tar with <c>name/Chart.yaml</c>, <c>values.yaml</c>, <c>README.md</c>,
/// <c>templates/</c>) and the matching config blob JSON, as <c>helm package</c> and <c>helm push</c> would.
/// Deterministic: the same inputs give the same bytes, so digests are stable.
/// </summary>
public sealed class ChartArchiveBuilder(string name, string version)
{
    private static readonly DateTimeOffset FixedTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<(string Path, byte[] Content)> _extra = [];

    public string Name { get; } = name;
    public string Version { get; } = version;
    public string AppVersion { get; init; } = "1.0.0";
    public string Description { get; init; } = "A Helm chart for tests";
    /// <summary>The values.yaml; null for a chart without one.</summary>
    public string? Values { get; init; } = "replicaCount: 1\nimage:\n  repository: nginx\n  tag: stable\n";
    public string Readme { get; init; } = "";
    public string? KubeVersion { get; init; }
    public bool Deprecated { get; init; }
    /// <summary>YAML appended to Chart.yaml (a dependencies list, annotations).</summary>
    public string ExtraChartYaml { get; init; } = "";

    /// <summary>Adds a file at a path relative to the chart folder (or any raw path when <paramref name="raw"/>), for hostile archives.</summary>
    public ChartArchiveBuilder WithFile(string path, byte[] content, bool raw = false)
    {
        _extra.Add((raw ? path : $"{Name}/{path}", content));
        return this;
    }

    public string ChartYaml =>
        $"apiVersion: v2\nname: {Name}\nversion: {Version}\nappVersion: \"{AppVersion}\"\ndescription: {Description}\ntype: application\n" +
        (KubeVersion is null ? "" : $"kubeVersion: \"{KubeVersion}\"\n") + (Deprecated ? "deprecated: true\n" : "") +
        "home: https://example.com/charts\nsources:\n  - https://example.com/src\nkeywords:\n  - test\nmaintainers:\n  - name: ocitui\n    email: ocitui@example.com\n" + ExtraChartYaml;

    /// <summary>The config blob helm pushes: Chart.yaml's metadata as JSON.</summary>
    public byte[] ConfigJson()
    {
        var config = new Dictionary<string, object?>
        {
            ["name"] = Name,
            ["version"] = Version,
            ["description"] = Description,
            ["home"] = "https://example.com/charts",
            ["sources"] = new[] { "https://example.com/src" },
            ["keywords"] = new[] { "test" },
            ["maintainers"] = new[] { new Dictionary<string, string> { ["name"] = "ocitui", ["email"] = "ocitui@example.com" } },
            ["apiVersion"] = "v2",
            ["appVersion"] = AppVersion,
            ["type"] = "application",
        };
        if (KubeVersion is not null) config["kubeVersion"] = KubeVersion;
        if (Deprecated) config["deprecated"] = true;
        return JsonSerializer.SerializeToUtf8Bytes(config);
    }

    public byte[] Build()
    {
        using var tarBuffer = new MemoryStream();
        using (var tar = new TarWriter(tarBuffer, TarEntryFormat.Ustar, leaveOpen: true))
        {
            Add(tar, $"{Name}/Chart.yaml", Encoding.UTF8.GetBytes(ChartYaml));
            if (Values is not null) Add(tar, $"{Name}/values.yaml", Encoding.UTF8.GetBytes(Values));
            if (Readme.Length > 0) Add(tar, $"{Name}/README.md", Encoding.UTF8.GetBytes(Readme));
            Add(tar, $"{Name}/templates/deployment.yaml", Encoding.UTF8.GetBytes(
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n"));
            foreach ((string path, byte[] content) in _extra) Add(tar, path, content);
        }
        using var gzBuffer = new MemoryStream();
        using (var gzip = new GZipStream(gzBuffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            tarBuffer.Position = 0;
            tarBuffer.CopyTo(gzip);
        }
        return gzBuffer.ToArray();
    }

    private static void Add(TarWriter tar, string path, byte[] content)
    {
        var entry = new UstarTarEntry(TarEntryType.RegularFile, path)
        {
            DataStream = new MemoryStream(content),
            ModificationTime = FixedTime,
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        };
        tar.WriteEntry(entry);
    }
}
