using OciTui.Registry.Profiles;
using OciTui.Registry.Text;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace OciTui.Tui;

/// <summary>
/// Adds or edits one profile, field for field as profiles.json holds them. Save hands the draft to the caller, which
/// writes the file; a refusal (a missing address, two password sources...) shows in the dialog, which stays open.
/// A typed password is masked and never shown again: editing leaves it as it is unless a new one is typed.
/// </summary>
public sealed class ProfileDialog : Dialog
{
    private const int LabelWidth = 18;
    private readonly IApplication _app;
    private readonly Func<ProfileDraft, string?> _save;
    private readonly ProfileDraft? _original;
    private int _row;

    private ProfileDialog(IApplication app, ProfileDraft? original, string file, Func<ProfileDraft, string?> save)
    {
        _app = app;
        _original = original;
        _save = save;
        Title = original is null ? "Add a profile" : $"Edit profile {TerminalText.Sanitize(original.Name, 40)}";
        Width = Dim.Percent(90);
        Height = 21;
        NameField = Field("_Name", original?.Name);
        RegistryField = Field("_Registry", original?.Registry);
        LayoutField = Field("or _Layout folder", original?.Layout);
        UsernameField = Field("_Username", original?.Username);
        PasswordEnvField = Field("Password _env var", original?.PasswordEnv);
        PasswordFileField = Field("Password _file", original?.PasswordFile);
        PasswordField = Field("or pass_word", null);
        PasswordField.Secret = true;
        CaFileField = Field("_CA file", original?.CaFile);
        DescriptionField = Field("Descr_iption", original?.Description);
        RepositoriesField = Field("Pinned re_pos", original is null ? null : string.Join(", ", original.Repositories));
        PlainHttp = Check("plain _HTTP", original?.PlainHttp == true, 0);
        InsecureSkipTlsVerify = Check("_skip TLS verification (insecure)", original?.InsecureSkipTlsVerify == true, 16);
        _row++;
        AllowBasicOverHttp = Check("allow password over plain HTTP to a remote host", original?.AllowBasicOverHttp == true, 0);
        _row++;
        string kept = original?.Password is not null ? "A password is stored: leave the password empty to keep it. " : "";
        Problem = new Label { X = 0, Y = ++_row, Width = Dim.Fill(), Height = 3, Text = $"{kept}Saves to {DisplayPath.Of(file)}" };
        Add(Problem);
        var saveButton = new Button { Text = "_Save", IsDefault = true };
        saveButton.Accepting += (_, e) =>
        {
            e.Handled = true;
            TrySave();
        };
        AddButton(new Button { Text = "Cancel" });
        AddButton(saveButton);
        // A new profile starts at its address: the name can be left empty and comes from it.
        if (original is null) RegistryField.SetFocus();
        else NameField.SetFocus();
        app.Keyboard.KeyDown += OnKey;
    }

    public TextField NameField { get; }
    public TextField RegistryField { get; }
    public TextField LayoutField { get; }
    public TextField UsernameField { get; }
    public TextField PasswordEnvField { get; }
    public TextField PasswordFileField { get; }
    public TextField PasswordField { get; }
    public TextField CaFileField { get; }
    public TextField DescriptionField { get; }
    public TextField RepositoriesField { get; }
    public CheckBox PlainHttp { get; }
    public CheckBox InsecureSkipTlsVerify { get; }
    public CheckBox AllowBasicOverHttp { get; }
    public Label Problem { get; }

    /// <summary>The draft that was saved, or null when the dialog was cancelled.</summary>
    public ProfileDraft? Saved { get; private set; }

    /// <summary>Shows the dialog until it is saved or cancelled; returns the saved draft or null.</summary>
    public static ProfileDraft? Run(IApplication app, ProfileDraft? original, string file, Func<ProfileDraft, string?> save)
    {
        using var dialog = new ProfileDialog(app, original, file, save);
        app.Run(dialog);
        return dialog.Saved;
    }

    private TextField Field(string label, string? value)
    {
        int y = _row++;
        Add(new Label { X = 0, Y = y, Text = label });
        var field = new TextField { X = LabelWidth, Y = y, Width = Dim.Fill(), Text = value ?? "" };
        Add(field);
        return field;
    }

    private CheckBox Check(string label, bool value, int x)
    {
        var box = new CheckBox { X = LabelWidth + x, Y = _row, Text = label, Value = value ? CheckState.Checked : CheckState.UnChecked };
        Add(box);
        return box;
    }

    private void OnKey(object? sender, Key key)
    {
        // Enter in any field saves, as the default button would; Tab still moves between fields.
        if (key.Handled || _app.TopRunnableView != this || key != Key.Enter || MostFocused is Button) return;
        key.Handled = true;
        TrySave();
    }

    private void TrySave()
    {
        ProfileDraft draft = Draft();
        string? problem = _save(draft);
        if (problem is not null)
        {
            Problem.Text = problem;
            return;
        }
        Saved = draft;
        _app.RequestStop(this);
    }

    /// <summary>What the fields say; an empty password field keeps the password the profile already had.</summary>
    public ProfileDraft Draft()
    {
        static string? Text(TextField field) => string.IsNullOrWhiteSpace(field.Text) ? null : field.Text.Trim();
        string? typed = string.IsNullOrEmpty(PasswordField.Text) ? null : PasswordField.Text;
        return new ProfileDraft
        {
            Name = Text(NameField) ?? SuggestedName(Text(RegistryField), Text(LayoutField)) ?? "",
            Registry = Text(RegistryField),
            Layout = Text(LayoutField),
            Username = Text(UsernameField),
            Password = typed ?? (Text(PasswordEnvField) is null && Text(PasswordFileField) is null ? _original?.Password : null),
            PasswordEnv = Text(PasswordEnvField),
            PasswordFile = Text(PasswordFileField),
            PlainHttp = PlainHttp.Value == CheckState.Checked,
            InsecureSkipTlsVerify = InsecureSkipTlsVerify.Value == CheckState.Checked,
            AllowBasicOverHttp = AllowBasicOverHttp.Value == CheckState.Checked,
            CaFile = Text(CaFileField),
            // The form has no keyring field yet (issue 13's TUI part): editing keeps the one the file holds.
            Keyring = _original?.Keyring,
            Description = Text(DescriptionField),
            // No form fields for the listing API and Docker Hub namespace: editing keeps what the file holds.
            Api = _original?.Api,
            Namespace = _original?.Namespace,
            Repositories = (RepositoriesField.Text ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        };
    }

    /// <summary>
    /// The name a profile gets when the form leaves it empty: the registry's host (<c>ghcr.io</c>,
    /// <c>127.0.0.1-5000</c>) or the layout folder's name, in the characters a profile name may hold.
    /// </summary>
    public static string? SuggestedName(string? registry, string? layout)
    {
        string? source = registry is not null
            ? registry.Split("://", 2)[^1].Split('/')[0].Replace(':', '-').ToLowerInvariant()
            : layout is not null ? Path.GetFileName(Path.TrimEndingDirectorySeparator(layout)) : null;
        if (source is null) return null;
        string name = new(source.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-').ToArray());
        return ProfileLoader.IsValidProfileName(name) ? name : null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _app.Keyboard.KeyDown -= OnKey;
        base.Dispose(disposing);
    }
}
