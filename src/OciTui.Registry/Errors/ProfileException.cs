namespace OciTui.Registry.Errors;

/// <summary>A profiles file that cannot be used: names the file, the profile and the field at fault.</summary>
public sealed class ProfileException : InvalidInputException
{
    public ProfileException(string file, string? profile, string? field, string problem, Exception? inner = null)
        : base(Compose(file, profile, field, problem), inner)
    {
        File = file;
        Profile = profile;
        Field = field;
        Problem = problem;
    }

    public string File { get; }
    public string? Profile { get; }
    public string? Field { get; }

    /// <summary>What is wrong, without the file, profile and field that <see cref="Exception.Message"/> puts before it.</summary>
    public string Problem { get; }

    private static string Compose(string file, string? profile, string? field, string problem)
    {
        string where = file;
        if (profile is not null) where += $": profile '{Text.TerminalText.Sanitize(profile, 64)}'";
        if (field is not null) where += $", field '{Text.TerminalText.Sanitize(field, 64)}'";
        return $"{where}: {problem}";
    }
}
