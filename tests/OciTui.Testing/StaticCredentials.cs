using OciTui.Registry.Credentials;

namespace OciTui.Testing;

/// <summary>Fixed credentials for any host, counting lookups.</summary>
public sealed class StaticCredentials(string username, string password) : ICredentialProvider
{
    public int Lookups { get; private set; }

    public Task<RegistryCredential?> GetAsync(string registryHost, CancellationToken cancellationToken = default)
    {
        Lookups++;
        return Task.FromResult<RegistryCredential?>(new RegistryCredential { Username = username, Password = password, Source = "test" });
    }
}
