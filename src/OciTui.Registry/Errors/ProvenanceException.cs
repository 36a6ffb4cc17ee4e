using OciTui.Registry.Trust;

namespace OciTui.Registry.Errors;

/// <summary>A pull with verification asked for whose provenance did not verify; nothing was kept. Exit code 1.</summary>
public sealed class ProvenanceException(ProvenanceVerdict verdict)
    : RegistryException($"Provenance {verdict.OutcomeName}: {verdict.Summary}")
{
    public ProvenanceVerdict Verdict { get; } = verdict;
}
