using OciTui.Registry.Profiles;
using OciTui.Registry.Text;

namespace OciTui.Tui;

/// <summary>The saved profiles, each with its kind and address; with none yet, how to add one.</summary>
public sealed class ProfilesPane : ListPane
{
    private IReadOnlyList<Profile> _profiles = [];

    public ProfilesPane() : base("_Profiles") { }

    public IReadOnlyList<Profile> Profiles => _profiles;

    public Profile? Selected => SelectedIndex is int i && i < _profiles.Count ? _profiles[i] : null;

    public void Show(IReadOnlyList<Profile> profiles, string? select = null)
    {
        _profiles = profiles;
        if (profiles.Count == 0)
        {
            SetContext(null);
            SetStatus("No profiles yet. Press a to add one: a registry address, or a folder of OCI layouts.");
            return;
        }
        int width = Math.Min(16, profiles.Max(p => p.Name.Length));
        int index = select is null ? 0 : Math.Max(0, profiles.ToList().FindIndex(p => p.Name == select));
        SetContext(profiles.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        SetItems(profiles.Select(p => Line(p, width)).ToList(), index);
    }

    /// <summary>The profiles file cannot be used: say why and how to go on, in place of the list.</summary>
    public void ShowProblem(string problem)
    {
        _profiles = [];
        SetContext(null);
        SetStatus($"{problem} Fix the file, then press r to read it again.");
    }

    /// <summary><c>name  registry  https://host</c>, or <c>layout</c> and a folder; an unverified TLS profile says so.</summary>
    public static string Line(Profile profile, int nameWidth)
    {
        string kind = profile.Kind == ProfileKind.Layout ? "layout  " : profile.InsecureSkipTlsVerify ? "INSECURE" : "registry";
        // https is the default and goes without saying; plain http is shown, it matters.
        string address = profile.Kind == ProfileKind.Layout ? DisplayPath.Of(profile.Layout!)
            : profile.DisplayAddress.StartsWith("https://", StringComparison.Ordinal) ? profile.DisplayAddress["https://".Length..] : profile.DisplayAddress;
        return $"{TerminalText.Sanitize(profile.Name, 40).PadRight(nameWidth)} {kind} {TerminalText.Sanitize(address, 200)}";
    }
}
