using OciTui.Registry;
using OciTui.Registry.Errors;
using OciTui.Registry.Profiles;
using OciTui.Registry.References;
using OciTui.Registry.Text;

namespace OciTui.Cli;

/// <summary>A command's target, resolved: the registry to talk to, the profile whose settings apply, and what in it was named.</summary>
public sealed record ResolvedTarget(IRegistry Registry, Profile Profile, string? Repository, string? Tag, Digest? Digest, string Prefix) : IDisposable
{
    /// <summary>The manifest reference: digest, else tag, else null.</summary>
    public string? Reference => Digest?.ToString() ?? Tag;

    /// <summary>How the target is shown: <c>host/repo:tag</c>, <c>profile/repo@sha256:…</c>.</summary>
    public string Display(string? reference = null)
    {
        string text = Repository is null ? Prefix : $"{Prefix}/{Repository}";
        string? shown = reference ?? Reference;
        if (shown is null) return text;
        return OciTui.Registry.References.Reference.Join(text, ManifestReference.Parse(shown));
    }

    public void Dispose() => Registry.Dispose();
}

/// <summary>
/// Reads TARGET and REF as the commands take them: a profile name, <c>PROFILE/repo</c>, <c>host/repo</c>,
/// <c>oci://host/repo</c> or <c>oci-layout:PATH</c>, each with an optional <c>:tag</c> or <c>@digest</c>.
/// </summary>
public sealed class TargetResolver(CliContext context, ConnectionOverrides overrides)
{
    public const string LayoutScheme = "oci-layout:";
    private ProfileSet? _profiles;

    public ProfileSet Profiles => _profiles ??= ProfileLocator.LoadOrEmpty(
        ProfileLocator.Locate(overrides.ProfilesFile, context.GetVariable, context.HomeDirectory, context.WorkingDirectory));

    /// <summary>TARGET of <c>repos</c>: a profile name or a registry host.</summary>
    public ResolvedTarget ResolveRegistry(string target)
    {
        (Profile profile, string prefix) = ResolveProfile(target);
        return Open(profile, null, null, null, prefix);
    }

    /// <summary>TARGET as a profile with the command line's overrides applied, and how the target is shown; nothing is opened.</summary>
    public (Profile Profile, string Prefix) ResolveProfile(string target)
    {
        if (Profiles.Find(target) is { } profile) return (Apply(profile), target);
        string host = target.StartsWith(Registry.References.Reference.OciScheme, StringComparison.OrdinalIgnoreCase) ? target[Registry.References.Reference.OciScheme.Length..] : target;
        host = host.TrimEnd('/');
        if (!ReferenceGrammar.IsValidHost(host) || LooksLikeProfileTypo(host, out _))
            throw new InvalidReferenceException($"'{TerminalText.Sanitize(target, 120)}' is neither a profile nor a registry host{Suggestion(host)}");
        return (Apply(ProfileForHost(host)), host);
    }

    /// <summary>REF of <c>tags</c>, <c>show</c> and <c>pull</c>.</summary>
    public ResolvedTarget ResolveReference(string text)
    {
        if (text.StartsWith(LayoutScheme, StringComparison.Ordinal)) return ResolveLayout(text[LayoutScheme.Length..]);

        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && !text.Contains("://", StringComparison.Ordinal) && Profiles.Find(text[..slash]) is { } named)
        {
            (string repository, string? tag, Digest? digest) = SplitRepository(text[(slash + 1)..]);
            return Open(Apply(named), repository, tag, digest, named.Name);
        }

        if (slash < 0 && !text.Contains("://", StringComparison.Ordinal) && Profiles.Find(text.Split(':', '@')[0]) is { } bare)
            throw new InvalidInputException($"'{TerminalText.Sanitize(bare.Name, 64)}' is a profile; tags, show and pull need PROFILE/REPOSITORY.")
            {
                Hint = $"ocitui repos {bare.Name} lists its repositories.",
            };

        Reference reference = Registry.References.Reference.Parse(text);
        RefuseDockerHubGuess(text, reference);
        Profile profile = ProfileForHost(reference.Registry);
        return Open(Apply(profile), reference.Repository, reference.Tag, reference.Digest, reference.Registry);
    }

    /// <summary>
    /// A name without a registry host means Docker Hub, as docker and helm read it; but a first segment one typo away
    /// from a profile, or a name of three or more segments (Docker Hub's have at most two), was meant for a profile, and
    /// sending it to Docker Hub would only say "cannot reach" or leak an internal repository name there.
    /// </summary>
    private void RefuseDockerHubGuess(string text, Reference reference)
    {
        string rest = text.StartsWith(Registry.References.Reference.OciScheme, StringComparison.OrdinalIgnoreCase) ? text[Registry.References.Reference.OciScheme.Length..] : text;
        string path = rest.Split('@')[0];
        string first = path.Split('/')[0].Split(':')[0];
        // docker.io, index.docker.io and registry-1.docker.io name Docker Hub outright: the user chose it.
        if (reference.Registry != Registry.References.Reference.DockerHub || first.Contains('.', StringComparison.Ordinal)) return;
        if (LooksLikeProfileTypo(first, out string? meant))
            throw new InvalidInputException($"No profile '{TerminalText.Sanitize(first, 64)}' {ProfileList()}; did you mean '{meant}'?")
            {
                Hint = $"For Docker Hub, write docker.io/{TerminalText.Sanitize(rest, 200)}.",
            };
        if (path.Split('/').Length >= 3)
            throw new InvalidInputException($"No profile '{TerminalText.Sanitize(first, 64)}' {ProfileList()}, and '{TerminalText.Sanitize(path, 200)}' names no registry host (Docker Hub has no names of three segments).")
            {
                Hint = "Write PROFILE/REPOSITORY, HOST/REPOSITORY or oci://HOST/REPOSITORY.",
            };
    }

    private bool LooksLikeProfileTypo(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? meant)
    {
        meant = Spelling.Closest(name, Profiles.Profiles.Select(p => p.Name));
        return meant is not null;
    }

    private string Suggestion(string name) =>
        LooksLikeProfileTypo(name, out string? meant) ? $" {ProfileList()}; did you mean '{meant}'?" : ".";

    /// <summary><c>(profiles: a, b)</c>, at most ten names, or where none came from.</summary>
    private string ProfileList()
    {
        if (Profiles.Profiles.Count == 0) return Profiles.SourceFile is null ? "(no profiles file found)" : $"(no profiles in {Profiles.SourceFile})";
        IEnumerable<string> names = Profiles.Profiles.Take(10).Select(p => p.Name);
        return $"(profiles: {string.Join(", ", names)}{(Profiles.Profiles.Count > 10 ? ", ..." : "")})";
    }

    private ResolvedTarget ResolveLayout(string rest)
    {
        string path = rest;
        string? tag = null;
        Digest? digest = null;
        int at = path.LastIndexOf('@');
        if (at > 0 && Digest.TryParse(path[(at + 1)..], out Digest parsed))
        {
            digest = parsed;
            path = path[..at];
        }
        int colon = path.LastIndexOf(':');
        if (colon > 0 && colon > path.LastIndexOf('/') && ReferenceGrammar.IsValidTag(path[(colon + 1)..]))
        {
            tag = path[(colon + 1)..];
            path = path[..colon];
        }
        if (path.Length == 0) throw new InvalidReferenceException("oci-layout: needs a path to an OCI image layout.");
        string full = Path.GetFullPath(path, context.WorkingDirectory);
        var profile = new Profile { Name = "oci-layout", Layout = full };
        IRegistry registry = Registry.Layout.LayoutRegistry.ForSingleLayout(full);
        return new ResolvedTarget(registry, profile, Registry.Layout.LayoutRegistry.SingleLayoutRepository, tag, digest, $"{LayoutScheme}{path}");
    }

    /// <summary><c>repo/path[:tag][@digest]</c>, validated.</summary>
    public static (string Repository, string? Tag, Digest? Digest) SplitRepository(string text)
    {
        string rest = text;
        Digest? digest = null;
        int at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = Digest.Parse(rest[(at + 1)..]);
            rest = rest[..at];
        }
        string? tag = null;
        int colon = rest.IndexOf(':', rest.LastIndexOf('/') + 1);
        if (colon >= 0)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!ReferenceGrammar.IsValidTag(tag))
                throw new InvalidReferenceException($"'{TerminalText.Sanitize(tag, 140)}' is not a valid tag (letters, digits, '_', '.', '-', at most 128).");
        }
        if (!ReferenceGrammar.IsValidRepository(rest))
            throw new InvalidReferenceException($"'{TerminalText.Sanitize(rest, 120)}' is not a valid repository name (lower-case letters, digits, '.', '_', '-' and '/').");
        return (rest, tag, digest);
    }

    /// <summary>The profile whose settings apply to a host: <c>--profile</c>, else one whose registry is that host, else a bare one.</summary>
    private Profile ProfileForHost(string host)
    {
        if (overrides.ProfileName is { } name)
            return Profiles.Find(name) is { } chosen
                ? chosen with { Registry = chosen.Kind == ProfileKind.Layout ? host : chosen.Registry }
                : throw new InvalidInputException($"There is no profile named '{TerminalText.Sanitize(name, 64)}'{(Profiles.SourceFile is null ? " (no profiles file found)" : $" in {Profiles.SourceFile}")}.");
        foreach (Profile candidate in Profiles.Profiles)
        {
            if (candidate.Kind != ProfileKind.Registry) continue;
            Uri address = RegistryEndpoint.BaseAddressOf(candidate);
            if (address.AbsolutePath.Trim('/').Length == 0 && RegistryEndpoint.ReferenceHost(address) == NormalizeHost(host)) return candidate;
        }
        return new Profile { Name = host, Registry = host };
    }

    private static string NormalizeHost(string host) =>
        new Reference(host, "x").Registry is var registry && registry == Registry.References.Reference.DockerHub ? registry : host.ToLowerInvariant();

    private Profile Apply(Profile profile)
    {
        if (profile.Kind == ProfileKind.Layout) return profile;
        if (overrides.PlainHttp && RegistryEndpoint.Contradicts(profile.Registry, plainHttp: true))
            throw new InvalidInputException($"Profile '{TerminalText.Sanitize(profile.Name, 64)}' has the https:// address {TerminalText.Sanitize(profile.Registry!, 120)}; --plain-http contradicts it.")
            {
                Hint = "Drop --plain-http, or give the profile an http:// address.",
            };
        Profile result = profile with
        {
            PlainHttp = profile.PlainHttp || overrides.PlainHttp,
            InsecureSkipTlsVerify = profile.InsecureSkipTlsVerify || overrides.InsecureSkipTlsVerify,
            CaFile = overrides.CaFile is { } ca ? Path.GetFullPath(ca, context.WorkingDirectory) : profile.CaFile,
        };
        if (overrides.Username is { } username)
        {
            if (!overrides.PasswordStdin) throw new InvalidInputException("--username needs --password-stdin (a password is never taken on the command line).");
            string password = context.Input.ReadLine() ?? throw new InvalidInputException("--password-stdin: nothing was read from standard input.");
            result = result with { Username = username, Password = password.TrimEnd('\r'), PasswordEnv = null, PasswordFile = null };
        }
        else if (overrides.PasswordStdin)
        {
            throw new InvalidInputException("--password-stdin needs --username.");
        }
        if (result.InsecureSkipTlsVerify)
            context.Error.WriteLine($"warning: TLS certificate verification is off for {result.DisplayAddress}.");
        return result;
    }

    private ResolvedTarget Open(Profile profile, string? repository, string? tag, Digest? digest, string prefix) =>
        new(context.OpenRegistry(profile, context), profile, repository, tag, digest, prefix);
}
