using OciTui.Registry.Errors;

namespace OciTui.Tui;

/// <summary>How an error reads on screen: its sentence, then what to do about it.</summary>
public static class Messages
{
    public static string Sentence(OciTuiException e) => HintFor(e) is { } hint ? $"{e.Message} {hint}" : e.Message;

    /// <summary>The core's hint, said with the terminal UI's own keys and fields where it has them.</summary>
    public static string? HintFor(OciTuiException e) => e.HintTopic switch
    {
        HintTopic.PlainHttp => "If the registry serves plain HTTP, tick \"plain HTTP\" when editing the profile, or give an http:// address.",
        HintTopic.RepositoryListingRefused => "Type a repository path, or pin the repositories you use in the profile.",
        _ => e.Hint,
    };
}
