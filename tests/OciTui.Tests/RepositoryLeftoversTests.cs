using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OciTui.Tests;

/// <summary>
/// The repository holds no file that a run of ocitui or of its tests leaves behind: a downloaded chart, its provenance
/// or partial file, an exit marker. Tests work in temp folders; one that writes into the clone shows up here at the
/// latest on the next run, because what it left is still there. Ignored build output does not count.
/// </summary>
public sealed class RepositoryLeftoversTests
{
    private static readonly Regex Leftover = new(@"(\.tgz|\.prov|\.partial)$|(^|/)\.ocitui-[^/]*$", RegexOptions.CultureInvariant);

    [Fact]
    public void No_download_or_run_marker_is_committed_or_lying_in_the_clone()
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Committed files and untracked ones that .gitignore does not cover: what `git add -A` would commit.
        foreach (string arg in new[] { "-C", RepositoryPaths.Root, "ls-files", "--cached", "--others", "--exclude-standard", "-z" }) start.ArgumentList.Add(arg);
        using Process git = Process.Start(start)!;
        string listing = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git ls-files failed: {git.StandardError.ReadToEnd()}");

        string[] leftovers = listing.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(path => !path.StartsWith("tests/fixtures/", StringComparison.Ordinal) && Leftover.IsMatch(path))
            .ToArray();
        Assert.True(leftovers.Length == 0,
            $"left in the repository by a run (ocitui downloads into its working directory; tests must use a temp folder): {string.Join(", ", leftovers)}");
    }
}
