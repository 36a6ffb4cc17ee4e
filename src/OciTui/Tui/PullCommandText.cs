using OciTui.Registry.Profiles;
using OciTui.Registry.Transfers;
using OciTui.Registry.Versions;

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
        string version = HelmTags.ToVersion(tag);
        if (!SemanticVersion.TryParseLoose(version, out _))
        {
            // helm reads --version (and a :tag in the reference) as a semver constraint and refuses "latest" or "stable"
            // ("improper constraint"); it does pull by digest, so a tag that is not a version is given that way.
            return digest is null
                ? $"ocitui pull {profile.Name}/{repository}:{tag}\n(the tag is not a version, so helm pulls it only by digest: open it in Details first)"
                : $"helm pull oci://{host}/{repository}@{digest}{flags}\n(the tag {tag} is not a version: helm pulls it by digest)";
        }

        string command = $"helm pull oci://{host}/{repository} --version {version}{flags}";
        return digest is null ? command : $"{command}\noci://{host}/{repository}@{digest}";
    }
}
