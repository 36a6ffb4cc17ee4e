using OciTui.Registry.Errors;
using OciTui.Registry.Text;

namespace OciTui.Registry.References;

/// <summary>
/// A parsed, validated artifact reference: <c>[oci://]host[:port]/repo/path[:tag][@sha256:...]</c>.
/// A first segment without a dot, a colon or "localhost" means Docker Hub, as docker and helm read it:
/// <c>bitnamicharts/nginx</c> is <c>docker.io/bitnamicharts/nginx</c>, <c>nginx</c> is <c>docker.io/library/nginx</c>.
/// </summary>
public sealed record Reference
{
    public const string DockerHub = "docker.io";
    public const string DockerHubApiHost = "registry-1.docker.io";
    public const string OciScheme = "oci://";

    public Reference(string registry, string repository, string? tag = null, Digest? digest = null)
    {
        if (!ReferenceGrammar.IsValidHost(registry))
            throw new InvalidReferenceException($"'{TerminalText.Sanitize(registry, 80)}' is not a valid registry host.");
        if (!ReferenceGrammar.IsValidRepository(repository))
            throw new InvalidReferenceException($"'{TerminalText.Sanitize(repository, 120)}' is not a valid repository name (lower-case letters, digits, '.', '_', '-' and '/').");
        if (tag is not null && !ReferenceGrammar.IsValidTag(tag))
            throw new InvalidReferenceException($"'{TerminalText.Sanitize(tag, 140)}' is not a valid tag (letters, digits, '_', '.', '-', at most 128).");
        Registry = NormalizeRegistry(registry);
        Repository = Registry == DockerHub && !repository.Contains('/', StringComparison.Ordinal) ? $"library/{repository}" : repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry as the user names it (<c>docker.io</c>, <c>ghcr.io</c>, <c>127.0.0.1:5000</c>).</summary>
    public string Registry { get; }

    public string Repository { get; }
    public string? Tag { get; }
    public Digest? Digest { get; }

    /// <summary>The host the API lives on: Docker Hub's is <c>registry-1.docker.io</c>.</summary>
    public string ApiHost => Registry == DockerHub ? DockerHubApiHost : Registry;

    /// <summary>What goes after <c>/manifests/</c>: the digest when there is one, else the tag, else null.</summary>
    public ManifestReference? ManifestReference =>
        Digest is { } digest ? References.ManifestReference.ForDigest(digest) : Tag is { } tag ? References.ManifestReference.ForTag(tag) : null;

    public Reference WithTag(string? tag) => new(Registry, Repository, tag, null);
    public Reference WithDigest(Digest digest) => new(Registry, Repository, Tag, digest);

    public override string ToString()
    {
        string text = $"{Registry}/{Repository}";
        if (Tag is not null) text += $":{Tag}";
        if (Digest is { } digest) text += $"@{digest}";
        return text;
    }

    /// <summary>
    /// A repository and a manifest reference as one names them: <c>repo:tag</c>, or <c>repo@sha256:…</c> for a digest
    /// (a tag never holds a colon). Every message that names a manifest builds its name here.
    /// </summary>
    public static string Join(string repository, ManifestReference reference) =>
        reference.IsDigest ? $"{repository}@{reference}" : $"{repository}:{reference}";

    /// <summary>The <c>oci://host/repo</c> form helm takes, without tag or digest.</summary>
    public string ToOciRepositoryUrl() => $"{OciScheme}{Registry}/{Repository}";

    public static Reference Parse(string? text) =>
        TryParse(text, out Reference? reference, out string? error) ? reference : throw new InvalidReferenceException(error);

    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Reference? reference,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        reference = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "An empty reference was given.";
            return false;
        }
        string rest = text.Trim();
        if (rest.StartsWith(OciScheme, StringComparison.OrdinalIgnoreCase)) rest = rest[OciScheme.Length..];
        else if (rest.Contains("://", StringComparison.Ordinal))
        {
            error = $"'{TerminalText.Sanitize(text, 120)}' is not a reference: only oci:// or no scheme is accepted.";
            return false;
        }

        Digest? digest = null;
        int at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            if (!References.Digest.TryParse(rest[(at + 1)..], out Digest parsed))
            {
                error = $"'{TerminalText.Sanitize(rest[(at + 1)..], 140)}' is not a valid digest (expected sha256:<64 lower-case hex> or sha512:<128>).";
                return false;
            }
            digest = parsed;
            rest = rest[..at];
        }

        string? tag = null;
        int lastSlash = rest.LastIndexOf('/');
        int tagColon = rest.IndexOf(':', lastSlash + 1);
        if (tagColon >= 0 && lastSlash >= 0)
        {
            tag = rest[(tagColon + 1)..];
            rest = rest[..tagColon];
        }

        string registry;
        string repository;
        int firstSlash = rest.IndexOf('/', StringComparison.Ordinal);
        string first = firstSlash < 0 ? rest : rest[..firstSlash];
        if (firstSlash > 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" || first.StartsWith('[')))
        {
            registry = first;
            repository = rest[(firstSlash + 1)..];
        }
        else
        {
            // Docker Hub shorthand; a tag without a slash ("nginx:1.0") is split here.
            registry = DockerHub;
            repository = rest;
            if (tag is null && lastSlash < 0)
            {
                int colon = repository.IndexOf(':', StringComparison.Ordinal);
                if (colon >= 0)
                {
                    tag = repository[(colon + 1)..];
                    repository = repository[..colon];
                }
            }
        }

        try
        {
            reference = new Reference(registry, repository, tag, digest);
            return true;
        }
        catch (InvalidReferenceException e)
        {
            error = e.Message;
            return false;
        }
    }

    private static string NormalizeRegistry(string registry) =>
        registry.ToLowerInvariant() switch
        {
            "index.docker.io" or "registry-1.docker.io" or DockerHub => DockerHub,
            var lower => lower,
        };
}
