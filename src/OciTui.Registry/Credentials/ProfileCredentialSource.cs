using OciTui.Registry.Errors;

namespace OciTui.Registry.Credentials;

/// <summary>Credentials named in a profile: a username and a password from an environment variable, a file, or (discouraged) inline.</summary>
public sealed class ProfileCredentialSource(ProfileCredentials profile, CredentialEnvironment environment) : ICredentialProvider
{
    public Task<RegistryCredential?> GetAsync(string registryHost, CancellationToken cancellationToken = default)
    {
        string source = $"profile '{profile.ProfileName}'";
        string? password = profile switch
        {
            { PasswordEnv: { } variable } => environment.GetVariable(variable)
                ?? throw new CredentialException($"Profile '{profile.ProfileName}' takes its password from ${variable}, which is not set."),
            { PasswordFile: { } file } => ReadPasswordFile(file),
            _ => profile.Password,
        };
        return Task.FromResult<RegistryCredential?>(new RegistryCredential { Username = profile.Username, Password = password ?? "", Source = source });
    }

    private string ReadPasswordFile(string file)
    {
        try
        {
            return File.ReadAllText(file).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CredentialException($"Profile '{profile.ProfileName}' takes its password from '{file}', which cannot be read ({FileProblem.Describe(e, file)}).");
        }
    }
}
