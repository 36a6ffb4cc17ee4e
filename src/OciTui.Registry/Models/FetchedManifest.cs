using OciTui.Registry.References;

namespace OciTui.Registry.Models;

/// <summary>
/// A manifest as received: the exact bytes (hashed before parsing), their verified digest, the media type, and
/// exactly one of <see cref="Manifest"/> or <see cref="Index"/>.
/// </summary>
public sealed record FetchedManifest(Digest Digest, string MediaType, byte[] Bytes, ImageManifest? Manifest, ImageIndex? Index)
{
    public long Size => Bytes.LongLength;

    public Descriptor ToDescriptor() => new() { MediaType = MediaType, Digest = Digest.ToString(), Size = Size };

    public IReadOnlyDictionary<string, string> Annotations =>
        (IReadOnlyDictionary<string, string>?)Manifest?.Annotations ?? Index?.Annotations ?? EmptyAnnotations;

    private static readonly Dictionary<string, string> EmptyAnnotations = [];
}
