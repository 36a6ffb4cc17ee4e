namespace OciTui.Registry.Errors;

/// <summary>
/// What an error's hint is about, when each front end has its own way to act on it: the core words the hint in terms
/// of profiles and registries, and the command line (a flag) or the terminal UI (a key) says it in its own verbs.
/// </summary>
public enum HintTopic
{
    /// <summary>The hint needs no front end's words.</summary>
    None,

    /// <summary>The registry may speak plain HTTP: the profile's plainHttp, or the front end's own switch for it.</summary>
    PlainHttp,

    /// <summary>The registry will not list its repositories: name one directly, or pin them in the profile.</summary>
    RepositoryListingRefused,
}
