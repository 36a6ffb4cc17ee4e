using OciTui.Registry.Credentials;
using OciTui.Registry.Http;
using OciTui.Registry.Layout;
using OciTui.Registry.Profiles;
using OciTui.Registry.Wire;

namespace OciTui.Registry;

/// <summary>Opens the registry a profile describes: a layout folder, or a remote registry with its TLS settings and credential chain.</summary>
public static class RegistryFactory
{
    public static IRegistry Open(Profile profile, CredentialEnvironment? environment = null, Action<string>? onWarning = null)
    {
        if (profile.Kind == ProfileKind.Layout) return new LayoutRegistry(profile.Layout!);
        return new RemoteRegistry(ConnectionOptions(profile, environment ?? CredentialEnvironment.Process, onWarning));
    }

    internal static RegistryConnectionOptions ConnectionOptions(Profile profile, CredentialEnvironment environment, Action<string>? onWarning = null)
    {
        Uri baseAddress = RegistryEndpoint.BaseAddressOf(profile);
        return new RegistryConnectionOptions
        {
            BaseAddress = baseAddress,
            CredentialHost = RegistryEndpoint.CredentialHost(baseAddress),
            Credentials = CredentialChain.Default(profile.Credentials, environment),
            InsecureSkipTlsVerify = profile.InsecureSkipTlsVerify,
            CaFile = profile.CaFile,
            AllowBasicOverPlainHttp = profile.AllowBasicOverHttp,
            OnWarning = onWarning,
            ListingApi = profile.Api switch
            {
                "harbor" => ListingApi.Harbor,
                "distribution" => ListingApi.Distribution,
                _ => ListingApi.Detect,
            },
            HubNamespace = RegistryEndpoint.IsDockerHub(profile) ? profile.Namespace : null,
        };
    }
}
