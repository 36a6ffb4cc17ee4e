using System.CommandLine;

namespace OciTui.Cli;

/// <summary>The options every command takes: where profiles come from, and per-run overrides of a profile's credentials and TLS.</summary>
public sealed class CommonOptions
{
    public Option<string?> Profiles { get; } = new("--profiles") { HelpName = "FILE", Description = "The profiles file (default: $OCITUI_PROFILES, ~/.config/ocitui/profiles.json, ./profiles.json)." };
    public Option<string?> Profile { get; } = new("--profile") { HelpName = "NAME", Description = "Use this profile's credentials and TLS settings for REF." };
    public Option<string?> Username { get; } = new("--username", "-u") { HelpName = "USER", Description = "Username for the registry (with --password-stdin)." };
    public Option<bool> PasswordStdin { get; } = new("--password-stdin") { Description = "Read the password from standard input." };
    public Option<bool> PlainHttp { get; } = new("--plain-http") { Description = "Use plain HTTP instead of HTTPS." };
    public Option<bool> InsecureSkipTlsVerify { get; } = new("--insecure-skip-tls-verify") { Description = "Do not verify the registry's TLS certificate." };
    public Option<string?> CaFile { get; } = new("--ca-file") { HelpName = "FILE", Description = "Trust the CA certificates in this PEM file." };
    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Print more detail on errors." };

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Profiles, Profile, Username, PasswordStdin, PlainHttp, InsecureSkipTlsVerify, CaFile, Verbose })
            command.Options.Add(option);
    }

    public ConnectionOverrides Read(ParseResult result) => new(
        result.GetValue(Profiles),
        result.GetValue(Profile),
        result.GetValue(Username),
        result.GetValue(PasswordStdin),
        result.GetValue(PlainHttp),
        result.GetValue(InsecureSkipTlsVerify),
        result.GetValue(CaFile));
}

/// <summary>What the command line says about connecting, on top of (or instead of) a profile.</summary>
public sealed record ConnectionOverrides(string? ProfilesFile, string? ProfileName, string? Username, bool PasswordStdin,
    bool PlainHttp, bool InsecureSkipTlsVerify, string? CaFile);
