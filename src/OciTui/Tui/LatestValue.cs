namespace OciTui.Tui;

/// <summary>
/// An <see cref="IProgress{T}"/> that only keeps the latest report: a transfer reports after every read from any
/// thread, and the UI reads the value at its own pace instead of receiving thousands of posts.
/// </summary>
public sealed class LatestValue<T> : IProgress<T> where T : class
{
    private T? _value;

    public T? Value => Volatile.Read(ref _value);

    public void Report(T value) => Volatile.Write(ref _value, value);
}
