using System.Diagnostics;
using System.Text.Json;
using OciTui.Tests.Cli;

namespace OciTui.Tests.Interop;

/// <summary>
/// Two versions of a chart made by <c>helm create</c> and pushed by <c>helm push</c>: the key paths <c>ocitui diff</c>
/// reports agree with what a plain <c>diff</c> of the two <c>helm show values</c> outputs implies (issue 12).
/// </summary>
public sealed class HelmDiffAgreementTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>
{
    [HelmFact]
    public async Task Ocitui_diff_reports_the_keys_of_the_lines_a_plain_diff_of_helm_show_values_changes()
    {
        string work = Directory.CreateTempSubdirectory("ocitui-helm-diff-").FullName;
        try
        {
            using HelmClient helm = await HelmClient.CreateAsync();
            (await helm.RunAsync(["create", "web"], work)).EnsureSuccess();
            string valuesPath = Path.Combine(work, "web", "values.yaml");
            string original = await File.ReadAllTextAsync(valuesPath);
            await PackageAndPushAsync(helm, work, "1.0.0");
            string changed = original
                .Replace("replicaCount: 1\n", "replicaCount: 2\n", StringComparison.Ordinal)
                .Replace("  tag: \"\"\n", "  tag: \"1.2.3\"\n", StringComparison.Ordinal)
                .Replace("  pullPolicy: IfNotPresent\n", "", StringComparison.Ordinal)
                .Replace("  maxReplicas: 100\n", "  maxReplicas: 10\n", StringComparison.Ordinal)
                + "metrics:\n  enabled: true\n";
            Assert.NotEqual(original, changed);
            await File.WriteAllTextAsync(valuesPath, changed);
            await PackageAndPushAsync(helm, work, "1.1.0");

            string reference = $"oci://{registry.Host}/helmdiff/web";
            string old = Path.Combine(work, "old.yaml"), now = Path.Combine(work, "new.yaml");
            await File.WriteAllTextAsync(old, (await helm.RunAsync(["show", "values", reference, "--version", "1.0.0", "--plain-http"])).EnsureSuccess().Out);
            await File.WriteAllTextAsync(now, (await helm.RunAsync(["show", "values", reference, "--version", "1.1.0", "--plain-http"])).EnsureSuccess().Out);
            HashSet<string> diffKeys = ChangedKeys(await PlainDiffAsync(old, now));

            CliRun run = await CliRun.RunAsync(["diff", reference, "1.0.0", "1.1.0", "--json", "--plain-http"]);
            Assert.Equal(0, run.ExitCode);
            using JsonDocument json = JsonDocument.Parse(run.Out);
            string[] paths = [.. json.RootElement.GetProperty("values").GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("path").GetString()!)];
            Assert.Equal(["autoscaling.maxReplicas", "image.pullPolicy", "image.tag", "metrics.enabled", "replicaCount"], paths.Order(StringComparer.Ordinal));

            // Every leaf ocitui reports ends in a key whose line diff changed, and every key diff touched is on a reported path.
            foreach (string path in paths) Assert.Contains(path.Split('.')[^1], diffKeys);
            foreach (string key in diffKeys) Assert.Contains(paths, p => p.Split('.').Contains(key));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task PackageAndPushAsync(HelmClient helm, string work, string version)
    {
        string output = Directory.CreateDirectory(Path.Combine(work, $"package-{version}")).FullName;
        (await helm.RunAsync(["package", "web", "--version", version, "-d", output], work)).EnsureSuccess();
        (await helm.RunAsync(["push", Directory.GetFiles(output).Single(), $"oci://{registry.Host}/helmdiff", "--plain-http"], work)).EnsureSuccess();
    }

    /// <summary>The keys of the lines a unified diff adds or removes (<c>+  tag: "1.2.3"</c> gives <c>tag</c>).</summary>
    private static HashSet<string> ChangedKeys(string unifiedDiff) =>
        [.. unifiedDiff.Split('\n')
            .Where(l => l.Length > 1 && l[0] is '+' or '-' && !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal))
            .Select(l => l[1..].Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(':')[0].Trim())];

    private static async Task<string> PlainDiffAsync(string old, string now)
    {
        using Process diff = Process.Start(new ProcessStartInfo("diff", ["-u", old, now]) { RedirectStandardOutput = true })!;
        string output = await diff.StandardOutput.ReadToEndAsync();
        await diff.WaitForExitAsync();
        Assert.Equal(1, diff.ExitCode);
        return output;
    }
}
