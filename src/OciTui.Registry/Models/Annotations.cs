namespace OciTui.Registry.Models;

/// <summary>Well-known annotation keys (<see href="https://github.com/opencontainers/image-spec/blob/v1.1.0/annotations.md#pre-defined-annotation-keys">image-spec: pre-defined annotation keys</see>).</summary>
public static class Annotations
{
    public const string Title = "org.opencontainers.image.title";
    public const string Version = "org.opencontainers.image.version";
    public const string Description = "org.opencontainers.image.description";
    public const string Created = "org.opencontainers.image.created";
    public const string Url = "org.opencontainers.image.url";
    public const string Source = "org.opencontainers.image.source";
    public const string Authors = "org.opencontainers.image.authors";
    public const string RefName = "org.opencontainers.image.ref.name";
}
