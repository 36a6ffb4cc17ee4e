using OciTui.Registry.Errors;

namespace OciTui.Tui;

/// <summary>How an error reads on screen: its sentence, then what to do about it.</summary>
public static class Messages
{
    public static string Sentence(OciTuiException e) => e.Hint is null ? e.Message : $"{e.Message} {e.Hint}";
}
