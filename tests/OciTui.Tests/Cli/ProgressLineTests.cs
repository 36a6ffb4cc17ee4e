using OciTui.Cli;
using OciTui.Registry.Transfers;

namespace OciTui.Tests.Cli;

/// <summary>pull's progress line: redrawn in place at most ten times a second, with bytes, rate and time left, ended with a newline.</summary>
public sealed class ProgressLineTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void A_second_of_reports_every_millisecond_redraws_at_most_ten_times_and_ends_with_a_newline()
    {
        var error = new StringWriter();
        var line = new ProgressLine(error, draw: true);
        for (int ms = 1; ms <= 1000; ms++)
            line.Report(new TransferProgress(ms * 10 * 1024L, 20 * MiB, 10 * MiB, TimeSpan.FromMilliseconds(ms)));
        line.Finish();

        string text = error.ToString();
        int draws = text.Count(c => c == '\r');
        Assert.InRange(draws, 9, 11 + 1);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Single(text, '\n');
        Assert.Contains("9.8 MiB of 20 MiB  10 MiB/s  0:01 left", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_last_report_is_drawn_even_within_the_interval_and_says_done()
    {
        var error = new StringWriter();
        var line = new ProgressLine(error, draw: true);
        line.Report(new TransferProgress(MiB, 3 * MiB, MiB, TimeSpan.FromMilliseconds(1)));
        line.Report(new TransferProgress(3 * MiB, 3 * MiB, 3 * MiB, TimeSpan.FromMilliseconds(2)));
        line.Finish();
        string text = error.ToString();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r3 MiB of 3 MiB  3 MiB/s  done", text.TrimEnd('\n', ' '), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_terminal_nothing_is_drawn_but_the_latest_figures_are_kept()
    {
        var error = new StringWriter();
        var line = new ProgressLine(error, draw: false);
        line.Report(new TransferProgress(MiB, 3 * MiB, MiB, TimeSpan.FromSeconds(1)));
        line.Finish();
        Assert.Empty(error.ToString());
        Assert.Equal(MiB, line.Latest!.BytesDone);
    }
}
