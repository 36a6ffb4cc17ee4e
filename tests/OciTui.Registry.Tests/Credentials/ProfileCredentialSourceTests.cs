using OciTui.Registry.Credentials;
using OciTui.Registry.Errors;

namespace OciTui.Registry.Tests.Credentials;

/// <summary>A profile's own username and password: from an environment variable, a file, or inline.</summary>
public sealed class ProfileCredentialSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-profile-credentials-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private CredentialEnvironment Environment(params (string Name, string Value)[] variables) =>
        new(name => variables.FirstOrDefault(v => v.Name == name).Value, _directory);

    private static Task<RegistryCredential?> GetAsync(ProfileCredentials profile, CredentialEnvironment environment) =>
        new ProfileCredentialSource(profile, environment).GetAsync("r.example.com");

    [Fact]
    public async Task The_password_comes_from_the_named_variable()
    {
        RegistryCredential? credential = await GetAsync(new ProfileCredentials("lab", "bot", PasswordEnv: "LAB_PASSWORD"), Environment(("LAB_PASSWORD", "s3cret")));
        Assert.Equal(("bot", "s3cret", "profile 'lab'"), (credential!.Username, credential.Password, credential.Source));
    }

    [Fact]
    public async Task An_unset_variable_is_named_in_the_error()
    {
        var error = await Assert.ThrowsAsync<CredentialException>(() => GetAsync(new ProfileCredentials("lab", "bot", PasswordEnv: "LAB_PASSWORD"), Environment()));
        Assert.Equal("Profile 'lab' takes its password from $LAB_PASSWORD, which is not set.", error.Message);
    }

    [Fact]
    public async Task A_password_file_loses_its_trailing_line_breaks_and_nothing_else()
    {
        string file = Path.Combine(_directory, "pw");
        await File.WriteAllTextAsync(file, " pass word \r\n\n");
        RegistryCredential? credential = await GetAsync(new ProfileCredentials("lab", "bot", PasswordFile: file), Environment());
        Assert.Equal(" pass word ", credential!.Password);
    }

    [Fact]
    public async Task A_missing_password_file_says_why_and_shows_no_secret()
    {
        string file = Path.Combine(_directory, "absent");
        var error = await Assert.ThrowsAsync<CredentialException>(() => GetAsync(new ProfileCredentials("lab", "bot", PasswordFile: file), Environment()));
        Assert.Equal($"Profile 'lab' takes its password from '{file}', which cannot be read (no such file).", error.Message);
    }

    [Fact]
    public async Task A_folder_named_as_the_password_file_is_called_a_folder()
    {
        var error = await Assert.ThrowsAsync<CredentialException>(() => GetAsync(new ProfileCredentials("lab", "bot", PasswordFile: _directory), Environment()));
        Assert.Equal($"Profile 'lab' takes its password from '{_directory}', which cannot be read (it is a folder, not a file).", error.Message);
    }
}
