namespace OciTui.Registry.Profiles;

/// <summary>What a change to the profiles file left: the profiles as now written, and the copy of the old file kept
/// because it had comments the rewrite could not carry over (null when it had none).</summary>
public sealed record SavedProfiles(ProfileSet Profiles, string? CommentsKeptIn);
