using System.Text;

namespace OciTui.Tui;

/// <summary>Copies text to the terminal's clipboard with OSC 52, which works over SSH in terminals that allow it.</summary>
public static class Clipboard
{
    public static void TrySendOsc52(string text)
    {
        if (Console.IsOutputRedirected || Environment.GetEnvironmentVariable("DisableRealDriverIO") == "1") return;
        try
        {
            string payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
            using Stream output = Console.OpenStandardOutput();
            output.Write(Encoding.ASCII.GetBytes($"\u001b]52;c;{payload}\u0007"));
        }
        catch (IOException)
        {
        }
    }
}
