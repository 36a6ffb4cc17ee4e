namespace OciTui.Registry.Diagnostics;

/// <summary>The steps of a connection check, in the order they run and are reported.</summary>
public enum DoctorStep
{
    Dns,
    Connect,
    Tls,
    Ping,
    Credentials,
    Token,
    Catalog,
    Clock,
    Proxy,
}

public enum DoctorStatus
{
    Ok,
    Warning,
    Failure,
    Skipped,
}

/// <summary>
/// One step's verdict: a sentence of what was found and, unless all is well, one of what to do. Both are safe to paste
/// into a ticket: built from sanitised registry strings, never holding a secret or a token.
/// </summary>
public sealed record DoctorStepResult(DoctorStep Step, DoctorStatus Status, string Detail, string? Fix = null)
{
    /// <summary>The step's name in the report and in <c>--json</c>: dns, connect, tls, ping, credentials, token, catalog, clock, proxy.</summary>
    public string Name => NameOf(Step);

    public string StatusName => Status.ToString().ToLowerInvariant();

    public static string NameOf(DoctorStep step) => step.ToString().ToLowerInvariant();
}

/// <summary>What <see cref="ConnectionDoctor"/> found about one registry, every step in order.</summary>
public sealed record DoctorReport(string Target, IReadOnlyList<DoctorStepResult> Steps)
{
    public bool HasFailure => Steps.Any(s => s.Status == DoctorStatus.Failure);

    public DoctorStepResult this[DoctorStep step] => Steps.Single(s => s.Step == step);
}
