namespace OciTui.Cli;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A registry, network or verification failure.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or bad input.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl-C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}
