namespace OciTui.Registry.Errors;

/// <summary>
/// Base of every error ocitui reports to a person. <see cref="Exception.Message"/> is always one clean,
/// sanitised sentence that carries no secret, so the UI and the commands can print it as it is.
/// </summary>
public abstract class OciTuiException : Exception
{
    protected OciTuiException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>True for bad input from the user (exit code 2), false for registry, network or verification failures (exit code 1).</summary>
    public abstract bool IsUsageError { get; }

    /// <summary>Optional second sentence: what the user can do about it, in terms of profiles and registries.</summary>
    public string? Hint { get; init; }

    /// <summary>What <see cref="Hint"/> is about, so a front end can say it with its own flag or key instead.</summary>
    public HintTopic HintTopic { get; init; }
}

/// <summary>Bad input from the user: a malformed reference, digest, option or file. Exit code 2.</summary>
public class InvalidInputException : OciTuiException
{
    public InvalidInputException(string message, Exception? inner = null) : base(message, inner) { }
    public override bool IsUsageError => true;
}

/// <summary>A registry, network, auth or verification failure. Exit code 1.</summary>
public class RegistryException : OciTuiException
{
    public RegistryException(string message, Exception? inner = null) : base(message, inner) { }
    public override bool IsUsageError => false;
}
