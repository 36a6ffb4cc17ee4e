using OciTui.Registry.Credentials;

namespace OciTui.Registry.Profiles;

public enum ProfileKind
{
    Registry,
    Layout,
}

/// <summary>One saved registry profile from profiles.json. Paths (layout, caFile, keyring, passwordFile) are already resolved against the file's folder.</summary>
public sealed record Profile
{
    public required string Name { get; init; }
    public string? Registry { get; init; }
    public string? Layout { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? PasswordEnv { get; init; }
    public string? PasswordFile { get; init; }
    public bool PlainHttp { get; init; }
    public bool InsecureSkipTlsVerify { get; init; }
    public bool AllowBasicOverHttp { get; init; }
    public string? CaFile { get; init; }

    /// <summary>The OpenPGP public keyring (binary or ASCII-armoured) Helm provenance is verified against.</summary>
    public string? Keyring { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Repositories { get; init; } = [];

    /// <summary>
    /// <c>"harbor"</c>: list through Harbor's API without asking; <c>"distribution"</c>: only the registry API (no
    /// Harbor detection); null: detect Harbor by its <c>/api/v2.0/systeminfo</c>.
    /// </summary>
    public string? Api { get; init; }

    /// <summary>On Docker Hub: the namespace (user or organisation) whose repositories Hub's API lists.</summary>
    public string? Namespace { get; init; }
    public string? SourceFile { get; init; }

    public ProfileKind Kind => Layout is not null ? ProfileKind.Layout : ProfileKind.Registry;

    /// <summary>
    /// Talks plain HTTP: plainHttp is set or the registry is written <c>http://host</c>. The one rule the connection,
    /// the helm command the TUI copies and the command line all follow; read this, not <see cref="PlainHttp"/>.
    /// </summary>
    public bool UsesPlainHttp => Kind == ProfileKind.Registry && RegistryEndpoint.IsPlainHttp(Registry, PlainHttp);

    /// <summary>What the Profiles pane and messages show: the registry URL or the layout folder.</summary>
    public string DisplayAddress => Kind == ProfileKind.Layout ? Layout! : RegistryEndpoint.BaseAddressOf(this).ToString().TrimEnd('/');

    public ProfileCredentials? Credentials =>
        Username is null ? null : new ProfileCredentials(Name, Username, Password, PasswordEnv, PasswordFile);

    /// <summary>Never shows a password.</summary>
    public override string ToString() => $"{Name} ({Kind.ToString().ToLowerInvariant()} {DisplayAddress})";
}
