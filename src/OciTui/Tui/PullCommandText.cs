using OciTui.Registry.Profiles;
using OciTui.Registry.Transfers;

namespace OciTui.Tui;

/// <summary>The helm pull command and the immutable reference of a tag, ready to copy.</summary>
public static class PullCommandText
{
    public static string For(Profile profile, string repository, string tag, string? digest)
    {
        if (profile.Kind == ProfileKind.Layout)
            return $"ocitui pull {profile.Name}/{repository}:{tag}\n(an OCI layout: helm cannot pull from it directly)";
        Uri address = RegistryEndpoint.BaseAddressOf(profile);
        // The API host as helm's own docs write it (registry-1.docker.io for Docker Hub), with any path prefix.
        string host = (address.IsDefaultPort ? address.Host : $"{address.Host}:{address.Port}") + address.AbsolutePath.TrimEnd('/');
        string flags = profile.UsesPlainHttp ? " --plain-http" : profile.InsecureSkipTlsVerify ? " --insecure-skip-tls-verify" : "";
        string command = $"helm pull oci://{host}/{repository} --version {HelmTags.ToVersion(tag)}{flags}";
        return digest is null ? command : $"{command}\noci://{host}/{repository}@{digest}";
    }
}
