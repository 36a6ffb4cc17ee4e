using OciTui.Registry.Models;

namespace OciTui.Registry.Trust;

/// <summary>What a referrer of a tag is, from its artifact type.</summary>
public enum ReferrerKind
{
    CosignSignature,
    NotationSignature,
    SpdxSbom,
    CycloneDxSbom,
    InTotoAttestation,
    Other,
}

public static class ReferrerKinds
{
    /// <summary>
    /// Classifies a referrer descriptor by its <c>artifactType</c> (<see href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#listing-referrers">distribution-spec: listing referrers</see>),
    /// falling back to its media type; the type names are the producers' own (cosign, notation, SPDX, CycloneDX, in-toto).
    /// </summary>
    public static ReferrerKind Of(Descriptor referrer)
    {
        string type = (referrer.ArtifactType ?? referrer.MediaType ?? "").ToLowerInvariant();
        return type switch
        {
            "application/vnd.dev.cosign.artifact.sig.v1+json" or "application/vnd.dev.cosign.simplesigning.v1+json" => ReferrerKind.CosignSignature,
            "application/vnd.cncf.notary.signature" => ReferrerKind.NotationSignature,
            _ when type.StartsWith("application/spdx", StringComparison.Ordinal) || type.StartsWith("text/spdx", StringComparison.Ordinal) => ReferrerKind.SpdxSbom,
            _ when type.StartsWith("application/vnd.cyclonedx", StringComparison.Ordinal) => ReferrerKind.CycloneDxSbom,
            _ when type.StartsWith("application/vnd.in-toto", StringComparison.Ordinal) || type == "application/vnd.dsse.envelope.v1+json"
                || type == "application/vnd.dev.cosign.attestation.v1+json" => ReferrerKind.InTotoAttestation,
            _ => ReferrerKind.Other,
        };
    }

    /// <summary>How <c>show</c> writes the kind: "cosign signature", "SPDX SBOM", ...</summary>
    public static string Describe(ReferrerKind kind) => kind switch
    {
        ReferrerKind.CosignSignature => "cosign signature",
        ReferrerKind.NotationSignature => "notation signature",
        ReferrerKind.SpdxSbom => "SPDX SBOM",
        ReferrerKind.CycloneDxSbom => "CycloneDX SBOM",
        ReferrerKind.InTotoAttestation => "in-toto attestation",
        _ => "other",
    };

    /// <summary>How <c>show --json</c> writes the kind: <c>cosign-signature</c>, <c>spdx-sbom</c>, ...</summary>
    public static string JsonName(ReferrerKind kind) => kind switch
    {
        ReferrerKind.CosignSignature => "cosign-signature",
        ReferrerKind.NotationSignature => "notation-signature",
        ReferrerKind.SpdxSbom => "spdx-sbom",
        ReferrerKind.CycloneDxSbom => "cyclonedx-sbom",
        ReferrerKind.InTotoAttestation => "in-toto-attestation",
        _ => "other",
    };
}
