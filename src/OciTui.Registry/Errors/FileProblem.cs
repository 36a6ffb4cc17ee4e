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
        _ => Reason(e.Message),
    };

    private static string Reason(string message)
    {
        // On Unix, .NET words an errno failure as "<strerror> : '<path>'" or "<strerror> in '<path>'"; its own messages quote the path inside.
        string reason = QuotedPath().Replace(message, "").Trim().TrimEnd('.', ':').Trim();
        if (reason.Length == 0) return "an input/output error";
        reason = TerminalText.Sanitize(reason, 100);
        return reason.Length > 1 && char.IsUpper(reason[0]) && !char.IsUpper(reason[1]) ? char.ToLowerInvariant(reason[0]) + reason[1..] : reason;
    }

    [GeneratedRegex(@"(\s+(in|at|of|for))?\s*:?\s*'[^']*'")]
    private static partial Regex QuotedPath();
}
