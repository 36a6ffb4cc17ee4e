using System.Text.RegularExpressions;
using OciTui.Registry.Text;

namespace OciTui.Registry.Errors;

/// <summary>
/// What went wrong with a file, in the words of the operating system ("no space left on device", "permission denied"),
/// for a sentence that already names the file: an exception's type name tells a user nothing, and its message repeats
/// a path (often a temporary one the user never chose).
/// </summary>
public static partial class FileProblem
{
    /// <param name="path">The file the operation was on, when known: .NET reports opening a folder as a file as "access denied".</param>
    public static string Describe(Exception e, string? path = null) => e switch
    {
        UnauthorizedAccessException when path is not null && Directory.Exists(path) => "it is a folder, not a file",
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "a folder on the path does not exist",
        FileNotFoundException => "no such file",
        IOException when TrailingPath().Match(e.Message) is { Success: true } m && m.Index > 0 => Lower(TerminalText.Sanitize(e.Message[..m.Index], 100)),
        _ => Lower(TerminalText.Sanitize(e.Message, 100)),
    };

    private static string Lower(string s) => s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1]) ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    // On Unix, .NET words an errno failure as "<strerror> : '<path>'".
    [GeneratedRegex(@"\s*:\s*'[^']*'\s*$")]
    private static partial Regex TrailingPath();
}
