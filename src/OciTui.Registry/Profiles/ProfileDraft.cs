using System.Text.Json.Nodes;

namespace OciTui.Registry.Profiles;

/// <summary>
/// A profile as profiles.json holds it, field for field and unresolved (a relative layout or caFile stays relative):
/// what the TUI's profile editor reads and writes. <see cref="ProfileLoader"/> remains the one judge of validity.
/// </summary>
public sealed record ProfileDraft
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
    public string? Keyring { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Repositories { get; init; } = [];
    public string? Api { get; init; }
    public string? Namespace { get; init; }

    /// <summary>True when the file would hold a password itself (not a reference to one).</summary>
    public bool HoldsSecret => Password is not null;

    /// <summary>The JSON object for this profile, in the field order of the documentation; empty and false fields are left out.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        void Text(string field, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) json[field] = value.Trim();
        }
        void Flag(string field, bool value)
        {
            if (value) json[field] = true;
        }
        Text("registry", Registry);
        Text("layout", Layout);
        Text("username", Username);
        if (!string.IsNullOrEmpty(Password)) json["password"] = Password;
        Text("passwordEnv", PasswordEnv);
        Text("passwordFile", PasswordFile);
        Flag("plainHttp", PlainHttp);
        Flag("insecureSkipTlsVerify", InsecureSkipTlsVerify);
        Flag("allowBasicOverHttp", AllowBasicOverHttp);
        Text("caFile", CaFile);
        Text("keyring", Keyring);
        Text("description", Description);
        Text("api", Api);
        Text("namespace", Namespace);
        if (Repositories.Count > 0) json["repositories"] = new JsonArray(Repositories.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
        return json;
    }

    /// <summary>Reads the fields ocitui knows from a profile's JSON object; values of the wrong type read as absent (the loader reports them).</summary>
    public static ProfileDraft FromJson(string name, JsonObject json)
    {
        string? Text(string field) => json[field] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
        bool Flag(string field) => json[field] is JsonValue value && value.TryGetValue(out bool flag) && flag;
        return new ProfileDraft
        {
            Name = name,
            Registry = Text("registry"),
            Layout = Text("layout"),
            Username = Text("username"),
            Password = Text("password"),
            PasswordEnv = Text("passwordEnv"),
            PasswordFile = Text("passwordFile"),
            PlainHttp = Flag("plainHttp"),
            InsecureSkipTlsVerify = Flag("insecureSkipTlsVerify"),
            AllowBasicOverHttp = Flag("allowBasicOverHttp"),
            CaFile = Text("caFile"),
            Keyring = Text("keyring"),
            Description = Text("description"),
            Api = Text("api"),
            Namespace = Text("namespace"),
            Repositories = json["repositories"] is JsonArray list
                ? list.OfType<JsonValue>().Select(v => v.TryGetValue(out string? r) ? r : null).OfType<string>().ToList()
                : [],
        };
    }
}
