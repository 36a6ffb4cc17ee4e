using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OciTui.Tests;

/// <summary>
/// The repository holds no file that a run of ocitui or of its tests leaves behind: a downloaded chart, its provenance
/// or partial file, an exit marker. Tests work in temp folders; one that writes into the clone shows up here at the
/// latest on the next run, because what it left is still there. Ignored build output does not count. The one exception
/// is the README's quick start, which downloads a chart of the bundled sample into the working directory (the clone's
/// root): .gitignore ignores charts at the root only, and only the sample's charts may lie there.
/// </summary>
public sealed class RepositoryLeftoversTests
{
    private static readonly Regex Leftover = new(@"(\.tgz|\.prov|\.partial)$|(^|/)\.ocitui-[^/]*$", RegexOptions.CultureInvariant);

    [Fact]
    public void No_download_or_run_marker_is_committed_or_lying_in_the_clone()
    {
        // Committed files and untracked ones that .gitignore does not cover: what `git add -A` would commit.
        string[] leftovers = Git("ls-files", "--cached", "--others", "--exclude-standard", "-z").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(path => !path.StartsWith("tests/fixtures/", StringComparison.Ordinal) && Leftover.IsMatch(path))
            .ToArray();
        Assert.True(leftovers.Length == 0,
            $"left in the repository by a run (ocitui downloads into its working directory; tests must use a temp folder): {string.Join(", ", leftovers)}");
    }

    [Fact]
    public void Only_the_quick_starts_sample_charts_may_lie_ignored_at_the_root()
    {
        string[] samples = SampleChartNames();
        // Ignored untracked entries, folders collapsed (bin/, obj/): a root-level chart shows as its bare name.
        string[] foreign = Git("ls-files", "--others", "--ignored", "--exclude-standard", "--directory", "-z").Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(path => !path.Contains('/', StringComparison.Ordinal) && Leftover.IsMatch(path))
            .Where(name => !samples.Any(chart => name.TrimStart('.').StartsWith($"{chart}-", StringComparison.Ordinal)))
            .ToArray();
        Assert.True(foreign.Length == 0, $"charts at the root that the quick start cannot have downloaded (a test left them): {string.Join(", ", foreign)}");
    }

    [Theory]
    [InlineData("hello-1.0.0.tgz", true)]
    [InlineData("hello-1.0.0.tgz.prov", true)]
    [InlineData(".hello-1.0.0.tgz.partial", true)]
    [InlineData("tests/OciTui.Tests/hello-1.0.0.tgz", false)]
    [InlineData("src/OciTui/app-1.0.0.tgz", false)]
    [InlineData("docs/.app-1.0.0.tgz.partial", false)]
    public void Gitignore_spares_downloaded_charts_at_the_root_only(string path, bool ignored)
    {
        // check-ignore exits 0 for an ignored path and 1 for one that is not; --no-index: the path need not exist.
        (int code, _) = Run("check-ignore", "-q", "--no-index", path);
        Assert.Equal(ignored ? 0 : 1, code);
    }

    /// <summary>The chart names of the bundled sample (tests/fixtures/demo-layout): all the quick start can download.</summary>
    private static string[] SampleChartNames() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "demo-layout"), "oci-layout", SearchOption.AllDirectories)
            .Select(file => Path.GetFileName(Path.GetDirectoryName(file)!))
            .ToArray();

    private static string Git(params string[] args)
    {
        (int code, string output) = Run(args);
        Assert.True(code == 0, $"git {string.Join(' ', args)} failed with {code}");
        return output;
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "-C", RepositoryPaths.Root }.Concat(args)) start.ArgumentList.Add(arg);
        using Process git = Process.Start(start)!;
        string output = git.StandardOutput.ReadToEnd();
        git.StandardError.ReadToEnd();
        git.WaitForExit();
        return (git.ExitCode, output);
    }
}
