using OciTui.Registry.Errors;
using OciTui.Registry.Profiles;
using OciTui.Registry.Text;
using Terminal.Gui.App;
using Terminal.Gui.Views;

namespace OciTui.Tui;

/// <summary>
/// The commands that change the profiles file: add, edit, delete, pin, reload. Each writes the file atomically, shows the
/// profiles it holds now, tells the browse session (the open profile goes on with its new settings, or closes), and says
/// what it did on the status line.
/// </summary>
public sealed class ProfileCommands(IApplication app, BrowseSession session, ProfilesPane profiles, string profilesFile, Action<string> notify)
{
    private string _profilesFile = profilesFile;

    public void TogglePin(string repository)
    {
        if (session.Profile is not { } profile) return;
        var pinned = profile.Repositories.ToList();
        bool pinning = !pinned.Remove(repository);
        if (pinning) pinned.Add(repository);
        if (SaveProfiles(() => ProfileFile.SetRepositories(_profilesFile, profile.Name, pinned), profile.Name) is not { } saved) return;
        notify((pinning ? $"pinned {TerminalText.Sanitize(repository, 60)} to {profile.Name}" : $"unpinned {TerminalText.Sanitize(repository, 60)}") + CommentsNote(saved));
    }

    public void AddProfile()
    {
        SavedProfiles? written = null;
        ProfileDraft? saved = ProfileDialog.Run(app, null, _profilesFile, draft => SaveDraft(draft, null, out written));
        if (saved is not null) notify($"added profile {saved.Name} to {DisplayPath.Of(_profilesFile)}" + CommentsNote(written));
    }

    public void EditProfile()
    {
        if (profiles.Selected is not { } profile) return;
        ProfileDraft? original;
        try
        {
            original = ProfileFile.ReadDraft(_profilesFile, profile.Name);
        }
        catch (ProfileException e)
        {
            MessageBox.ErrorQuery(app, "Profile", e.Message, "_OK");
            return;
        }
        if (original is null) return;
        SavedProfiles? written = null;
        ProfileDraft? saved = ProfileDialog.Run(app, original, _profilesFile, draft => SaveDraft(draft, profile.Name, out written));
        if (saved is not null) notify($"saved profile {saved.Name}" + CommentsNote(written));
    }

    private string? SaveDraft(ProfileDraft draft, string? replacing, out SavedProfiles? written)
    {
        written = null;
        try
        {
            written = ProfileFile.Save(_profilesFile, draft, replacing);
            session.Forget(replacing ?? draft.Name);
            Show(written.Profiles, draft.Name);
            return null;
        }
        catch (ProfileException e)
        {
            return e.Message;
        }
    }

    public void DeleteProfile()
    {
        if (profiles.Selected is not { } profile) return;
        int? answer = MessageBox.Query(app, "Delete profile", $"Delete the profile '{TerminalText.Sanitize(profile.Name, 40)}' from {_profilesFile}?", "_Delete", "_Keep");
        // The last button is the one Enter presses: keeping is the safe answer.
        if (answer != 0) return;
        if (SaveProfiles(() => ProfileFile.Delete(_profilesFile, profile.Name), null) is { } saved) notify($"deleted profile {profile.Name}" + CommentsNote(saved));
    }

    /// <summary>Writes the profiles file; on success shows the new profiles, on failure says why. Returns what was written or null.</summary>
    private SavedProfiles? SaveProfiles(Func<SavedProfiles> save, string? select)
    {
        try
        {
            SavedProfiles saved = save();
            Show(saved.Profiles, select);
            return saved;
        }
        catch (ProfileException e)
        {
            MessageBox.ErrorQuery(app, "Profiles", e.Message, "_OK");
            return null;
        }
    }

    public void Reload(string? select)
    {
        try
        {
            Show(ProfileLoader.Load(_profilesFile), select);
            notify($"reloaded {DisplayPath.Of(_profilesFile)}");
        }
        catch (ProfileException e)
        {
            profiles.ShowProblem(e.Message);
        }
    }

    private void Show(ProfileSet set, string? select)
    {
        _profilesFile = set.SourceFile ?? _profilesFile;
        profiles.Show(set.Profiles, select);
        session.ProfilesChanged(set);
    }

    private static string CommentsNote(SavedProfiles? saved) =>
        saved?.CommentsKeptIn is { } copy ? $" (comments dropped; old file: {Path.GetFileName(copy)})" : "";
}
