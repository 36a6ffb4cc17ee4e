using OciTui.Registry.Errors;
using OciTui.Registry.References;
using OciTui.Registry.Text;

namespace OciTui.Registry.Models;

/// <summary>
/// Checks a descriptor from a registry before anything is allocated or requested for it (GHSA-f36w-mj3v-6jqv):
/// its digest by the grammar and its size as a non-negative count
/// (<see href="https://github.com/opencontainers/image-spec/blob/v1.1.0/descriptor.md#properties">image-spec: descriptor properties</see>).
/// </summary>
public static class DescriptorRules
{
    /// <summary>Largest blob ocitui will consider: 64 GiB. A size beyond it is treated as hostile.</summary>
    public const long MaxBlobSize = 64L * 1024 * 1024 * 1024;

    public static Digest Validate(Descriptor descriptor, string what)
    {
        if (!Digest.TryParse(descriptor.Digest, out Digest digest))
            throw new RegistryProtocolException($"The {what} descriptor has an invalid digest '{TerminalText.Sanitize(descriptor.Digest, 80)}'.");
        if (descriptor.Size < 0 || descriptor.Size > MaxBlobSize)
            throw new RegistryProtocolException($"The {what} descriptor {digest.Short} has an impossible size {descriptor.Size}.");
        return digest;
    }
}
