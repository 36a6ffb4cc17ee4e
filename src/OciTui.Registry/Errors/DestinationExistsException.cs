namespace OciTui.Registry.Errors;

/// <summary>A download would replace a file the user already has; nothing is replaced unless they say so.</summary>
public sealed class DestinationExistsException(string path)
    : InvalidInputException($"{path} already exists; nothing was downloaded.")
{
    public string Path { get; } = path;
}
