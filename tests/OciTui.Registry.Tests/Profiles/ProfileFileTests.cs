using OciTui.Registry.Errors;
using OciTui.Registry.Profiles;

namespace OciTui.Registry.Tests.Profiles;

/// <summary>Saving profiles from the TUI: one profile changes, the rest of the file stays, and a bad save changes nothing.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProfileFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-profile-file-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string File(string json)
    {
        string file = Path.Combine(_directory, "profiles.json");
        System.IO.File.WriteAllText(file, json);
        return file;
    }

    private const string TwoProfiles = """
        {
          "profiles": {
            "demo": { "layout": "layouts/demo", "description": "kept as written" },
            "local": { "registry": "127.0.0.1:5000", "plainHttp": true }
          }
        }
        """;

    [Fact]
    public void The_first_save_creates_the_folder_and_the_file()
    {
        string file = Path.Combine(_directory, "config", "ocitui", "profiles.json");
        SavedProfiles saved = ProfileFile.Save(file, new ProfileDraft { Name = "hub", Registry = "registry.example.com", Repositories = ["team/app"] });
        Assert.Equal(file, saved.Profiles.SourceFile);
        Assert.Null(saved.CommentsKeptIn);
        Profile hub = Assert.Single(ProfileLoader.Load(file).Profiles);
        Assert.Equal("registry.example.com", hub.Registry);
        Assert.Equal(["team/app"], hub.Repositories);
        Assert.Equal(file, hub.SourceFile);
    }

    [Fact]
    public void Adding_keeps_the_other_profiles_as_written_and_in_order()
    {
        string file = File(TwoProfiles);
        ProfileFile.Save(file, new ProfileDraft { Name = "ghcr", Registry = "ghcr.io" });
        Assert.Equal(["demo", "local", "ghcr"], ProfileLoader.Load(file).Profiles.Select(p => p.Name));
        ProfileDraft demo = ProfileFile.ReadDraft(file, "demo")!;
        Assert.Equal("layouts/demo", demo.Layout);
        Assert.Equal("kept as written", demo.Description);
    }

    [Fact]
    public void Editing_replaces_in_place_and_a_rename_keeps_the_position()
    {
        string file = File(TwoProfiles);
        ProfileDraft local = ProfileFile.ReadDraft(file, "local")!;
        ProfileFile.Save(file, local with { Name = "loopback", Description = "renamed" }, replacing: "local");
        ProfileSet set = ProfileLoader.Load(file);
        Assert.Equal(["demo", "loopback"], set.Profiles.Select(p => p.Name));
        Assert.Equal("renamed", set.Find("loopback")!.Description);
        Assert.True(set.Find("loopback")!.PlainHttp);
    }

    [Fact]
    public void A_name_in_use_is_refused()
    {
        string file = File(TwoProfiles);
        var e = Assert.Throws<ProfileException>(() => ProfileFile.Save(file, new ProfileDraft { Name = "demo", Registry = "x.example.com" }));
        Assert.Contains("exists already", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_profile_is_refused_naming_the_real_file_and_nothing_changes()
    {
        string file = File(TwoProfiles);
        var e = Assert.Throws<ProfileException>(() => ProfileFile.Save(file, new ProfileDraft { Name = "broken", Username = "bob" }));
        Assert.StartsWith(file + ": profile 'broken', field 'registry'", e.Message, StringComparison.Ordinal);
        Assert.Equal(TwoProfiles, System.IO.File.ReadAllText(file));
        Assert.Equal([file], Directory.GetFiles(_directory));
    }

    [Fact]
    public void A_password_in_the_file_makes_it_owner_only_and_never_reaches_an_error()
    {
        string file = File(TwoProfiles);
        ProfileFile.Save(file, new ProfileDraft { Name = "inline", Registry = "r.example.com", Username = "bob", Password = "hunter2-secret" });
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(file));
        Assert.Equal("hunter2-secret", ProfileLoader.Load(file).Find("inline")!.Password);

        var e = Assert.Throws<ProfileException>(() =>
            ProfileFile.Save(file, new ProfileDraft { Name = "bad", Registry = "not a host!", Username = "bob", Password = "other-secret" }));
        Assert.DoesNotContain("secret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_password_the_mode_of_the_file_is_kept()
    {
        string file = File(TwoProfiles);
        System.IO.File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        ProfileFile.Save(file, new ProfileDraft { Name = "env", Registry = "r.example.com", Username = "bob", PasswordEnv = "BOB_PASSWORD" });
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, System.IO.File.GetUnixFileMode(file));
    }

    [Fact]
    public void Delete_and_pins_change_only_their_profile()
    {
        string file = File(TwoProfiles);
        ProfileFile.SetRepositories(file, "local", ["charts/a", "charts/b"]);
        Assert.Equal(["charts/a", "charts/b"], ProfileLoader.Load(file).Find("local")!.Repositories);
        ProfileFile.SetRepositories(file, "local", []);
        Assert.Empty(ProfileLoader.Load(file).Find("local")!.Repositories);
        Assert.Null(ProfileFile.ReadDraft(file, "local")!.Repositories.FirstOrDefault());

        ProfileFile.Delete(file, "demo");
        Assert.Equal(["local"], ProfileLoader.Load(file).Profiles.Select(p => p.Name));
        Assert.Throws<ProfileException>(() => ProfileFile.Delete(file, "demo"));
    }

    [Fact]
    public void A_file_that_is_not_json_is_left_alone()
    {
        string file = File("{ \"profiles\": { \"x\": ");
        var e = Assert.Throws<ProfileException>(() => ProfileFile.Save(file, new ProfileDraft { Name = "y", Registry = "r.example.com" }));
        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
        Assert.Equal("{ \"profiles\": { \"x\": ", System.IO.File.ReadAllText(file));
    }

    [Fact]
    public void A_save_that_cannot_replace_the_file_says_so_and_leaves_no_temporary_file()
    {
        // A folder where the file should be: the new file is written and checked, then the rename fails, even as root.
        string file = Path.Combine(_directory, "profiles.json");
        Directory.CreateDirectory(Path.Combine(file, "in-the-way"));
        var e = Assert.Throws<ProfileException>(() =>
            ProfileFile.Save(file, new ProfileDraft { Name = "hub", Registry = "r.example.com", Username = "bob", Password = "never-shown" }));
        Assert.Equal($"{file}: cannot be written (is a directory); nothing was changed.", e.Message);
        Assert.DoesNotContain("never-shown", e.ToString(), StringComparison.Ordinal);
        Assert.Equal([file], Directory.GetFileSystemEntries(_directory));
        Assert.True(Directory.Exists(Path.Combine(file, "in-the-way")));
    }

    [Fact]
    public void A_folder_that_refuses_new_files_says_the_file_cannot_be_written()
    {
        // procfs refuses new files whoever asks (ENOENT), so this holds when the tests run as root too.
        string file = Path.Combine("/proc/self", "profiles.json");
        var e = Assert.Throws<ProfileException>(() => ProfileFile.Save(file, new ProfileDraft { Name = "hub", Registry = "r.example.com" }));
        Assert.Equal($"{file}: cannot be written (no such file); nothing was changed.", e.Message);
    }

    [Fact]
    public void A_file_with_comments_is_kept_as_a_bak_copy_as_private_as_it_was()
    {
        const string Commented = """
            {
              // our team's registries
              "profiles": {
                "lab": { "registry": "lab.example.com", "username": "bot", "password": "inline-secret" } /* rotate monthly */
              }
            }
            """;
        string file = File(Commented);
        System.IO.File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        SavedProfiles saved = ProfileFile.SetRepositories(file, "lab", ["team/app"]);

        Assert.Equal(file + ".bak", saved.CommentsKeptIn);
        Assert.Equal(Commented, System.IO.File.ReadAllText(file + ".bak"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(file + ".bak"));
        Assert.DoesNotContain("//", System.IO.File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Equal(["team/app"], ProfileLoader.Load(file).Find("lab")!.Repositories);

        // The rewritten file has no comments left: the next save makes no copy and leaves the first one alone.
        Assert.Null(ProfileFile.SetRepositories(file, "lab", []).CommentsKeptIn);
        Assert.Equal(Commented, System.IO.File.ReadAllText(file + ".bak"));
    }

    [Fact]
    public void A_file_without_comments_gets_no_copy()
    {
        string file = File(TwoProfiles);
        Assert.Null(ProfileFile.Delete(file, "demo").CommentsKeptIn);
        Assert.Equal([file], Directory.GetFiles(_directory));
    }
}
