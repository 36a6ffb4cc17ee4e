using OciTui.Registry.Compare;
using OciTui.Testing;

namespace OciTui.Registry.Tests.Compare;

/// <summary>
/// The values reader against helm itself: each file is a chart's values.yaml for <c>helm template</c>, and the reader
/// reads what helm reads and refuses what helm refuses. The cases are where a fuzzed values file once split the
/// reader and helm (a bar in a flow list, an empty key, keys helm cannot turn into JSON, anchors across documents, a
/// byte order mark).
/// </summary>
public sealed class YamlHelmAgreementTests
{
    [HelmTheory]
    [InlineData("a: 1\nb: [1, 2]\nc: {d: e}\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("~: 1\n")]
    [InlineData("a:\n  : 1\n")]
    [InlineData("? {a: 1}\n: x\n")]
    [InlineData("? [1, 2]\n: x\n")]
    [InlineData("\"\": 1\n")]
    [InlineData("a: &x 1\n---\nb: *x\n")]
    [InlineData("a: &x 1\n---\nb: &x 2\nc: *x\n")]
    [InlineData("a: [x,| \"b\"]\n")]
    [InlineData("a: [x, \"b\",%'c']\n")]
    [InlineData("a: [x, ?\"b\"]\n")]
    [InlineData("value: |#\n  text\n")]
    [InlineData("a: [x, \"\n\", y]\n")]
    [InlineData("env:\n  - {name: B, >alue: 2}\n")]
    [InlineData("base: &b\n  x: 1\napp:\n  <<: *b\n  x: 2\n")]
    [InlineData("\uFEFF# saved by an editor that writes a byte order mark\na: 1\n")]
    public async Task The_reader_reads_what_helm_reads_and_refuses_what_helm_refuses(string values)
    {
        using HelmClient helm = await HelmClient.CreateAsync();
        string chart = Directory.CreateDirectory(Path.Combine(helm.Home, "chart")).FullName;
        Directory.CreateDirectory(Path.Combine(chart, "templates"));
        await File.WriteAllTextAsync(Path.Combine(chart, "Chart.yaml"), "apiVersion: v2\nname: values\nversion: 0.1.0\n");
        await File.WriteAllTextAsync(Path.Combine(chart, "values.yaml"), values);

        HelmRun run = await helm.RunAsync("template", "x", chart);
        YamlReadResult read = YamlReader.Read(values);

        Assert.True(run.ExitCode == 0 == read.Parsed, $"helm {(run.ExitCode == 0 ? "reads it" : $"refuses it ({run.Error.Trim()})")}, the reader {(read.Parsed ? "reads it" : $"refuses it ({read.Problem})")}");
    }
}
