using OciTui.Registry.Browsing;
using OciTui.Registry.Text;

namespace OciTui.Registry.Errors;

/// <summary>
/// A download that the destination's filesystem could not hold: no space, a quota used up, or a file too large for it.
/// Says which folder and how much the file needs, in place of .NET's "No space left on device : '/…/.x.partial'".
/// </summary>
public sealed class DiskFullException(string folder, string fileName, long size, IOException inner)
    : RegistryException(Compose(folder, fileName, size, inner), inner)
{
    // errno values as .NET on Unix reports them in IOException.HResult (Linux numbering; macOS's EDQUOT is 69).
    private const int Enospc = 28;
    private const int Efbig = 27;
    private const int EdquotLinux = 122;
    private const int EdquotMac = 69;

    // Windows: ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL as HRESULTs.
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int WindowsDiskFull = unchecked((int)0x80070070);

    public string Folder { get; } = folder;

    /// <summary>True when a write failed because the filesystem could not hold more.</summary>
    public static bool IsOutOfSpace(IOException e) => e.HResult switch
    {
        WindowsHandleDiskFull or WindowsDiskFull => true,
        Enospc or Efbig or EdquotLinux => !OperatingSystem.IsWindows(),
        EdquotMac => OperatingSystem.IsMacOS(),
        _ => false,
    };

    private static string Compose(string folder, string fileName, long size, IOException inner)
    {
        string needs = $"it needs {ByteSize.Format(size)}; nothing was kept.";
        return inner.HResult switch
        {
            Efbig when !OperatingSystem.IsWindows() => $"The filesystem of {folder} cannot hold a file as large as {fileName}: {needs}",
            EdquotLinux or EdquotMac when !OperatingSystem.IsWindows() => $"The disk quota in {folder} is used up, so {fileName} does not fit: {needs}",
            _ => $"No space left in {folder} for {fileName}: {needs}",
        };
    }
}
