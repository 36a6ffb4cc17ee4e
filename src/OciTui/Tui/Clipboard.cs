using System.Text;

namespace OciTui.Tui;

/// <summary>Copies text to the terminal's clipboard with OSC 52, which works over SSH in terminals that allow it.</summary>
public static class Clipboard
{
    /// <summary>True when the sequence was written; whether the terminal honours it, no terminal tells.</summary>
    public static bool TrySendOsc52(string text)
    {
        if (Console.IsOutputRedirected || Environment.GetEnvironmentVariable("DisableRealDriverIO") == "1") return false;
        try
        {
            string payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
            using Stream output = Console.OpenStandardOutput();
            output.Write(Encoding.ASCII.GetBytes($"\u001b]52;c;{payload}\u0007"));
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
