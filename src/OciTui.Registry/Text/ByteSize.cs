using System.Globalization;

namespace OciTui.Registry.Text;

/// <summary>A byte count as people read it (binary units, one decimal): what every front end shows for a size.</summary>
public static class ByteSize
{
    public static string Format(long size) => size switch
    {
        < 1024 => $"{size} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{size / 1024.0:0.#} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{size / (1024.0 * 1024):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{size / (1024.0 * 1024 * 1024):0.##} GiB"),
    };
}
