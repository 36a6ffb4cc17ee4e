using OciTui.Registry.Errors;
using OciTui.Registry.Models;
using OciTui.Registry.References;

namespace OciTui.Registry.Trust;

/// <summary>
/// One artifact that refers to a tag: found through the referrers API (or its tag-schema fallback), or through cosign's
/// tag scheme (then <see cref="Tag"/> names it). <see cref="Type"/> and <see cref="Created"/> are as the registry sent
/// them: sanitise before showing.
/// </summary>
public sealed record TagReferrer(ReferrerKind Kind, Descriptor Descriptor, string? Tag = null)
{
    /// <summary>The artifact type, else the media type.</summary>
    public string? Type => Descriptor.ArtifactType ?? Descriptor.MediaType;

    /// <summary>The referrer manifest's <c>org.opencontainers.image.created</c> annotation, when it has one.</summary>
    public string? Created => Descriptor.Annotation(Annotations.Created);
}

/// <summary>Every referrer of a manifest, for the Trust view and <c>show</c>: the referrers API's, then cosign's tag-scheme artifacts.</summary>
public static class TagReferrers
{
    /// <summary>At most this many referrers are listed: a tag with more is not one a person reads through.</summary>
    public const int MaxReferrers = 50;

    /// <summary>
    /// Whether <paramref name="tag"/> names an artifact about another manifest rather than a version: one of cosign's
    /// tags, or the referrers tag schema's <c>&lt;alg&gt;-&lt;hex&gt;</c> index
    /// (<see href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#referrers-tag-schema">distribution-spec: referrers tag schema</see>).
    /// </summary>
    public static bool IsArtifactTag(string tag) =>
        CosignTags.IsCosignTag(tag) || (tag.IndexOf('-') is > 0 and var dash && Digest.TryParse(string.Concat(tag.AsSpan(0, dash), ":", tag.AsSpan(dash + 1)), out _));

    /// <summary>
    /// The referrers of <paramref name="subject"/>. The referrers API (with its tag-schema fallback) lists descriptors
    /// that carry the referrer manifest's annotations (<see href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#listing-referrers">distribution-spec: listing referrers</see>);
    /// cosign's tag-scheme artifacts are read as manifests, for their type and annotations (at most three requests).
    /// A registry that refuses to list referrers throws <see cref="RegistryException"/>; the cosign tags are still looked for first.
    /// </summary>
    public static async Task<IReadOnlyList<TagReferrer>> FindAsync(IRegistry registry, string repository, Digest subject,
        IReadOnlySet<string>? knownTags = null, CancellationToken cancellationToken = default)
    {
        var found = new List<TagReferrer>();
        await foreach (CosignTag cosign in CosignTags.FindAsync(registry, repository, subject, knownTags, cancellationToken).ConfigureAwait(false))
        {
            found.Add(new TagReferrer(cosign.Kind, await DescribeAsync(registry, repository, cosign, cancellationToken).ConfigureAwait(false), cosign.Tag));
        }
        var listed = new List<TagReferrer>();
        await foreach (Descriptor referrer in registry.ListReferrersAsync(repository, subject, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            listed.Add(new TagReferrer(ReferrerKinds.Of(referrer), referrer));
            if (listed.Count + found.Count >= MaxReferrers) break;
        }
        return [.. listed, .. found];
    }

    /// <summary>The tag's manifest as a descriptor with its artifact type and annotations, or the resolved descriptor when it cannot be read.</summary>
    private static async Task<Descriptor> DescribeAsync(IRegistry registry, string repository, CosignTag cosign, CancellationToken cancellationToken)
    {
        try
        {
            FetchedManifest manifest = await registry.GetManifestAsync(repository, ManifestReference.ForTag(cosign.Tag), cancellationToken).ConfigureAwait(false);
            return cosign.Descriptor with
            {
                ArtifactType = manifest.Manifest?.ArtifactType ?? manifest.Manifest?.Layers.FirstOrDefault()?.MediaType ?? manifest.Index?.ArtifactType,
                Annotations = manifest.Annotations.Count == 0 ? null : new Dictionary<string, string>(manifest.Annotations, StringComparer.Ordinal),
            };
        }
        catch (OciTuiException)
        {
            return cosign.Descriptor;
        }
    }
}
