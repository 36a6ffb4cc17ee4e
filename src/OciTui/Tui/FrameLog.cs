using System.Diagnostics;
using System.Globalization;
using Terminal.Gui.App;
using Terminal.Gui.Input;

namespace OciTui.Tui;

/// <summary>
/// For the benchmarks (<c>OCITUI_FRAME_LOG=FILE</c>): appends <c>ready MS</c> when the first screen is drawn (ms since
/// the process started) and <c>key NAME MS</c> for each key press (ms from the key to the end of the redraw after it).
/// </summary>
public sealed class FrameLog : IDisposable
{
    private readonly IApplication _app;
    private readonly StreamWriter _writer;
    private readonly Stopwatch _sinceKey = new();
    private string? _key;
    private bool _ready;

    private FrameLog(IApplication app, string path)
    {
        _app = app;
        _writer = new StreamWriter(path, append: true) { AutoFlush = true };
        app.Keyboard.KeyDown += OnKey;
        app.LayoutAndDrawComplete += OnDrawn;
    }

    public static FrameLog? Start(IApplication app) =>
        Environment.GetEnvironmentVariable("OCITUI_FRAME_LOG") is { Length: > 0 } path ? new FrameLog(app, path) : null;

    private void OnKey(object? sender, Key key)
    {
        _key ??= key.ToString();
        _sinceKey.Restart();
    }

    private void OnDrawn(object? sender, EventArgs e)
    {
        if (!_ready)
        {
            _ready = true;
            TimeSpan sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready {sinceStart.TotalMilliseconds:0.0}"));
        }
        if (_key is not null)
        {
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"key {_key} {_sinceKey.Elapsed.TotalMilliseconds:0.00}"));
            _key = null;
        }
    }

    public void Dispose()
    {
        _app.Keyboard.KeyDown -= OnKey;
        _app.LayoutAndDrawComplete -= OnDrawn;
        _writer.Dispose();
    }
}
