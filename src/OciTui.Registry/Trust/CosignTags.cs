using System.Runtime.CompilerServices;
using OciTui.Registry.Errors;
using OciTui.Registry.Models;
using OciTui.Registry.References;

namespace OciTui.Registry.Trust;

/// <summary>An artifact cosign attached to a manifest by its tag scheme: the tag, what it holds and its descriptor.</summary>
public sealed record CosignTag(string Tag, ReferrerKind Kind, Descriptor Descriptor);

/// <summary>
/// cosign's tag scheme, for registries without the referrers API: the artifacts of <c>sha256:HEX</c> are tagged
/// <c>sha256-HEX.sig</c>, <c>.att</c> and <c>.sbom</c> in the same repository
/// (<see href="https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md">cosign signature spec: tag-based discovery</see>).
/// One place names and finds them, for the Trust view, <c>show</c> and <c>copy</c>.
/// </summary>
public static class CosignTags
{
    private static readonly (string Suffix, ReferrerKind Kind)[] Suffixes =
    [
        (".sig", ReferrerKind.CosignSignature),
        (".att", ReferrerKind.InTotoAttestation),
        (".sbom", ReferrerKind.SpdxSbom),
    ];

    /// <summary>The three tags cosign would use for <paramref name="subject"/>, with the kind each holds.</summary>
    public static IEnumerable<(string Tag, ReferrerKind Kind)> For(Digest subject) =>
        Suffixes.Select(s => ($"{subject.Algorithm}-{subject.Encoded}{s.Suffix}", s.Kind));

    /// <summary>Whether <paramref name="tag"/> is one of cosign's tag-scheme tags (of any subject), to keep them out of version lists.</summary>
    public static bool IsCosignTag(string tag) =>
        Suffixes.Any(s => tag.EndsWith(s.Suffix, StringComparison.Ordinal))
        && tag.IndexOf('-') is > 0 and var dash
        && Digest.TryParse(string.Concat(tag.AsSpan(0, dash), ":", tag.AsSpan(dash + 1, tag.LastIndexOf('.') - dash - 1)), out _);

    /// <summary>
    /// The tag-scheme artifacts present for <paramref name="subject"/>: one resolve per candidate tag; an absent tag is
    /// skipped. When the caller already holds the repository's tags, pass them to skip the requests for absent ones.
    /// </summary>
    public static async IAsyncEnumerable<CosignTag> FindAsync(
        IRegistry registry,
        string repository,
        Digest subject,
        IReadOnlySet<string>? knownTags = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach ((string tag, ReferrerKind kind) in For(subject))
        {
            if (knownTags is not null && !knownTags.Contains(tag))
            {
                continue;
            }

            Descriptor? found;
            try
            {
                found = await registry.ResolveAsync(repository, ManifestReference.ForTag(tag), cancellationToken).ConfigureAwait(false);
            }
            catch (NotFoundException)
            {
                found = null;
            }

            if (found is not null)
            {
                yield return new CosignTag(tag, kind, found);
            }
        }
    }
}
