using OciTui.Registry.Browsing;
using OciTui.Registry.Text;
using OciTui.Registry.Transfers;

namespace OciTui.Cli;

/// <summary>
/// pull's progress: bytes, rate and time left as one line on a terminal's stderr, redrawn in place with a carriage
/// return at most ten times a second, and ended with a newline so what follows starts on its own line. It always keeps
/// the latest figures (for the message after Ctrl-C); it draws only when <c>draw</c> is set (stderr is a terminal, no --json).
/// </summary>
public sealed class ProgressLine(TextWriter error, bool draw) : IProgress<TransferProgress>
{
    /// <summary>Ten redraws a second: smooth to the eye, and no flood through a slow SSH link.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private TimeSpan? _drawnAt;
    private int _width;

    public TransferProgress? Latest { get; private set; }

    public void Report(TransferProgress value)
    {
        Latest = value;
        // The downloader reports after every read; its own clock (Elapsed) paces the redraws.
        if (!draw || (_drawnAt is { } at && value.Elapsed - at < Interval && value.BytesDone != value.TotalBytes)) return;
        string text = Describe(value);
        error.Write($"\r{text.PadRight(_width)}");
        error.Flush();
        _width = text.Length;
        _drawnAt = value.Elapsed;
    }

    /// <summary>Ends the line, if one was drawn, with the last figures on it.</summary>
    public void Finish()
    {
        if (_drawnAt is null) return;
        if (Latest is { } last)
        {
            _drawnAt = null;
            string text = Describe(last);
            error.Write($"\r{text.PadRight(_width)}");
        }
        error.Write('\n');
        error.Flush();
        _drawnAt = null;
    }

    public static string Describe(TransferProgress progress)
    {
        string done = ByteSize.Format(progress.BytesDone);
        string total = progress.TotalBytes is long size ? $" of {ByteSize.Format(size)}" : "";
        string rate = $"{ByteSize.Format((long)progress.BytesPerSecond)}/s";
        string left = progress.BytesDone == progress.TotalBytes ? "done"
            : progress.Remaining is { } remaining ? $"{Clock(remaining)} left" : "--:-- left";
        return $"{done}{total}  {rate}  {left}";
    }

    private static string Clock(TimeSpan span) => span.TotalHours >= 1
        ? $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}"
        : $"{span.Minutes}:{span.Seconds:00}";
}
