using OciTui.Registry.Profiles;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui;

/// <summary>Adding, editing and deleting profiles from the TUI: saved to the file, a typed password masked and kept private.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProfileEditingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-tui-profiles-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string ProfilesFile(string json)
    {
        string file = Path.Combine(_directory, "profiles.json");
        File.WriteAllText(file, json);
        return file;
    }

    [Fact]
    public async Task A_first_profile_is_added_from_an_empty_start_and_creates_the_file_owner_only()
    {
        string file = Path.Combine(_directory, "config", "ocitui", "profiles.json");
        using var tui = new TuiHarness(ProfileSet.Empty, file);
        var screens = new List<string>();
        await tui
            .WaitFor("No profiles yet. Press a to add one")
            .Keys(Key.A).WaitFor("Add a profile")
            // The form starts at the address; the name is one field up.
            .Keys(Key.Tab.WithShift).Type("hub").Keys(Key.Tab).Type("registry.example.com")
            .Keys(Key.Tab, Key.Tab).Type("bob")
            .Keys(Key.Tab, Key.Tab, Key.Tab).Type("hunter2-typed")
            .Do(() => screens.Add(tui.Screen), "capture while typing")
            .Keys(Key.Enter)
            .WaitFor("hub").WaitFor("registry.example.com")
            .WaitFor("added profile hub")
            .Do(() => screens.Add(tui.Screen), "capture after saving")
            .RunAsync();

        Profile hub = Assert.Single(ProfileLoader.Load(file).Profiles);
        Assert.Equal(("registry.example.com", "bob", "hunter2-typed"), (hub.Registry, hub.Username, hub.Password));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.All(screens, s => Assert.DoesNotContain("hunter2", s, StringComparison.Ordinal));
        Assert.Contains(new string('∙', "hunter2-typed".Length), screens[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_profile_keeps_the_dialog_open_with_the_reason_and_writes_nothing()
    {
        string file = ProfilesFile("""{ "profiles": { "demo": { "layout": "layouts/demo" } } }""");
        using var tui = new TuiHarness(ProfileLoader.Load(file), file);
        await tui
            .Keys(Key.A).WaitFor("Add a profile")
            .Keys(Key.Tab.WithShift).Type("nowhere").Keys(Key.Enter)
            .WaitFor("a profile needs a registry or a layout")
            .Keys(Key.Esc).WaitFor("demo")
            .RunAsync();
        Assert.Equal("""{ "profiles": { "demo": { "layout": "layouts/demo" } } }""", File.ReadAllText(file));
    }

    [Fact]
    public async Task Editing_renames_in_place_and_keeps_a_stored_password_unless_a_new_one_is_typed()
    {
        string file = ProfilesFile("""
            { "profiles": {
                "first": { "registry": "one.example.com" },
                "old": { "registry": "two.example.com", "username": "bob", "password": "kept-secret", "repositories": ["a/b"] } } }
            """);
        using var tui = new TuiHarness(ProfileLoader.Load(file), file);
        string dialog = "";
        await tui
            .Keys(Key.J, Key.E).WaitFor("Edit profile old")
            .Do(() => dialog = tui.Screen, "capture")
            .Keys(Key.End).Keys(Key.Backspace, Key.Backspace, Key.Backspace).Type("renamed")
            .Keys(Key.Enter).WaitFor("saved profile renamed")
            .RunAsync();

        Assert.DoesNotContain("kept-secret", dialog, StringComparison.Ordinal);
        Assert.Contains("A password is stored", dialog, StringComparison.Ordinal);
        ProfileSet saved = ProfileLoader.Load(file);
        Assert.Equal(["first", "renamed"], saved.Profiles.Select(p => p.Name));
        Profile renamed = saved.Find("renamed")!;
        Assert.Equal(("two.example.com", "bob", "kept-secret"), (renamed.Registry, renamed.Username, renamed.Password));
        Assert.Equal(["a/b"], renamed.Repositories);
    }

    [Fact]
    public async Task Editing_keeps_the_keyring_the_form_does_not_show()
    {
        string file = ProfilesFile("""
            { "profiles": { "signed": { "registry": "one.example.com", "keyring": "keys/publisher.asc" } } }
            """);
        using var tui = new TuiHarness(ProfileLoader.Load(file), file);
        await tui
            .Keys(Key.E).WaitFor("Edit profile signed")
            .Keys(Key.End).Keys(Key.Backspace, Key.Backspace, Key.Backspace, Key.Backspace, Key.Backspace, Key.Backspace).Type("edited")
            .Keys(Key.Enter).WaitFor("saved profile edited")
            .RunAsync();

        Assert.Equal(Path.Combine(_directory, "keys", "publisher.asc"), ProfileLoader.Load(file).Find("edited")!.Keyring);
    }

    [Fact]
    public async Task Deleting_asks_first_and_removes_only_that_profile()
    {
        string file = ProfilesFile("""{ "profiles": { "keep": { "registry": "one.example.com" }, "drop": { "registry": "two.example.com" } } }""");
        using var tui = new TuiHarness(ProfileLoader.Load(file), file);
        await tui
            .Keys(Key.J, Key.X).WaitFor("Delete the profile 'drop'")
            .Keys(Key.Esc).WaitFor("drop")
            .Do(() => Assert.Equal(2, ProfileLoader.Load(file).Profiles.Count), "Esc keeps it")
            .Keys(Key.X).WaitFor("Delete the profile 'drop'")
            .Keys(Key.Enter).WaitFor("drop")
            .Do(() => Assert.Equal(2, ProfileLoader.Load(file).Profiles.Count), "Enter presses Keep")
            .Keys(Key.X).WaitFor("Delete the profile 'drop'")
            .Keys(Key.Tab.WithShift, Key.Enter).WaitFor("deleted profile drop")
            .RunAsync();
        Assert.Equal(["keep"], ProfileLoader.Load(file).Profiles.Select(p => p.Name));
    }

    [Fact]
    public async Task Saving_over_a_file_with_comments_says_where_the_old_file_is_kept()
    {
        const string Commented = """
            { "profiles": {
                // staging: delete after the migration
                "keep": { "registry": "one.example.com" }, "drop": { "registry": "two.example.com" } } }
            """;
        string file = ProfilesFile(Commented);
        using var tui = new TuiHarness(ProfileLoader.Load(file), file);
        await tui
            .Keys(Key.J, Key.X).WaitFor("Delete the profile 'drop'")
            .Keys(Key.Tab.WithShift, Key.Enter)
            .WaitFor("deleted profile drop (comments dropped; old file: profiles.json.bak)")
            .RunAsync();
        Assert.Equal(Commented, File.ReadAllText(file + ".bak"));
        Assert.Equal(["keep"], ProfileLoader.Load(file).Profiles.Select(p => p.Name));
    }

    [Fact]
    public async Task A_new_profile_needs_only_its_address_and_takes_its_name_from_the_host()
    {
        string file = Path.Combine(_directory, "config", "ocitui", "profiles.json");
        using var tui = new TuiHarness(ProfileSet.Empty, file);
        await tui
            .Keys(Key.A).WaitFor("Add a profile")
            .Type("http://127.0.0.1:5081").Keys(Key.Enter)
            .WaitFor("added profile 127.0.0.1-5081")
            .RunAsync();
        Profile saved = Assert.Single(ProfileLoader.Load(file).Profiles);
        Assert.Equal(("127.0.0.1-5081", "http://127.0.0.1:5081"), (saved.Name, saved.Registry));
    }

    [Theory]
    [InlineData("ghcr.io", null, "ghcr.io")]
    [InlineData("https://Harbor.Example.com:8443/sub/path", null, "harbor.example.com-8443")]
    [InlineData(null, "/srv/charts/", "charts")]
    [InlineData(null, null, null)]
    public void A_suggested_name_holds_only_what_a_profile_name_may(string? registry, string? layout, string? name) =>
        Assert.Equal(name, OciTui.Tui.ProfileDialog.SuggestedName(registry, layout));
}
