using Microsoft.Extensions.Configuration;
using OciTui.Registry.Errors;
using OciTui.Registry.References;
using OciTui.Registry.Text;

namespace OciTui.Registry.Profiles;

/// <summary>
/// Reads profiles.json through Microsoft.Extensions.Configuration.Json and checks every field by hand (no reflection
/// binder): an unknown field, a wrong type, a missing registry or a bad value is an error naming the file, the
/// profile and the field.
/// </summary>
public static class ProfileLoader
{
    public static readonly IReadOnlyList<string> KnownFields =
    [
        "registry", "layout", "username", "password", "passwordEnv", "passwordFile", "plainHttp", "insecureSkipTlsVerify",
        "allowBasicOverHttp", "caFile", "keyring", "description", "repositories", "api", "namespace",
    ];

    /// <summary>The values of <c>api</c>: list through Harbor's API, or through the registry API only.</summary>
    public static readonly IReadOnlyList<string> ApiValues = ["harbor", "distribution"];

    public static ProfileSet Load(string path)
    {
        string file = Path.GetFullPath(path);
        if (!File.Exists(file)) throw new ProfileException(file, null, null, "the file does not exist.");
        IConfigurationRoot configuration;
        try
        {
            configuration = new ConfigurationBuilder().AddJsonFile(file, optional: false, reloadOnChange: false).Build();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProfileException(file, null, null, $"cannot be read ({FileProblem.Describe(e, file)}).", e);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new ProfileException(file, null, null, Malformation(file, e), e);
        }

        foreach (IConfigurationSection top in configuration.GetChildren())
        {
            if (!top.Key.Equals("profiles", StringComparison.OrdinalIgnoreCase))
                throw new ProfileException(file, null, top.Key, "unknown top-level field (expected \"profiles\").");
        }
        IConfigurationSection profiles = configuration.GetSection("profiles");
        if (profiles.Value is { Length: > 0 })
            throw new ProfileException(file, null, "profiles", "must be an object of named profiles.");

        string folder = Path.GetDirectoryName(file)!;
        var list = new List<Profile>();
        foreach (IConfigurationSection section in profiles.GetChildren())
            list.Add(ReadProfile(file, folder, section));
        List<string> order = FileOrder(file);
        list.Sort((a, b) => Rank(order, a.Name).CompareTo(Rank(order, b.Name)));
        return new ProfileSet(file, list);
    }

    /// <summary>What the provider refused, with the line: its own when it gives one, else found by reading the file again.</summary>
    private static string Malformation(string file, Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Text.Json.JsonException { LineNumber: long line }) return $"not valid JSON (line {line + 1}).";
        }
        try
        {
            return JsonFaultLocator.Describe(File.ReadAllBytes(file)) ?? "not valid JSON.";
        }
        catch (Exception again) when (again is IOException or UnauthorizedAccessException)
        {
            return "not valid JSON.";
        }
    }

    private static int Rank(List<string> order, string name)
    {
        int index = order.IndexOf(name);
        return index < 0 ? int.MaxValue : index;
    }

    /// <summary>Profile names in the order the file lists them: configuration sorts keys, people expect their own order.</summary>
    private static List<string> FileOrder(string file)
    {
        try
        {
            using System.Text.Json.JsonDocument document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(file),
                new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.TryGetProperty("profiles", out System.Text.Json.JsonElement profiles) && profiles.ValueKind == System.Text.Json.JsonValueKind.Object
                ? profiles.EnumerateObject().Select(p => p.Name).ToList()
                : [];
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException)
        {
            return [];
        }
    }

    private static Profile ReadProfile(string file, string folder, IConfigurationSection section)
    {
        string name = section.Key;
        if (!IsValidProfileName(name))
            throw new ProfileException(file, name, null, "a profile name may hold letters, digits, '.', '_' and '-' only.");
        if (section.Value is { Length: > 0 })
            throw new ProfileException(file, name, null, "a profile must be an object.");

        foreach (IConfigurationSection field in section.GetChildren())
        {
            if (!KnownFields.Contains(field.Key, StringComparer.Ordinal))
            {
                string? close = KnownFields.FirstOrDefault(k => k.Equals(field.Key, StringComparison.OrdinalIgnoreCase))
                    ?? KnownFields.OrderBy(k => Spelling.Distance(k.ToLowerInvariant(), field.Key.ToLowerInvariant())).First();
                throw new ProfileException(file, name, field.Key, $"unknown field (did you mean \"{close}\"?).");
            }
        }

        string? registry = String(file, name, section, "registry");
        string? layout = String(file, name, section, "layout");
        if (registry is null && layout is null) throw new ProfileException(file, name, "registry", "missing: a profile needs a registry or a layout.");
        if (registry is not null && layout is not null) throw new ProfileException(file, name, "layout", "a profile has a registry or a layout, not both.");

        string? username = String(file, name, section, "username");
        string? password = String(file, name, section, "password");
        string? passwordEnv = String(file, name, section, "passwordEnv");
        string? passwordFile = String(file, name, section, "passwordFile");
        int sources = new[] { password, passwordEnv, passwordFile }.Count(s => s is not null);
        if (sources > 1) throw new ProfileException(file, name, "password", "give only one of password, passwordEnv and passwordFile.");
        if (sources == 1 && username is null) throw new ProfileException(file, name, "username", "missing: a password needs a username.");
        if (username is not null && sources == 0) throw new ProfileException(file, name, "passwordEnv", "missing: a username needs passwordEnv, passwordFile or password.");

        var profile = new Profile
        {
            Name = name,
            Registry = registry,
            Layout = layout is null ? null : Path.GetFullPath(Path.Combine(folder, layout)),
            Username = username,
            Password = password,
            PasswordEnv = passwordEnv,
            PasswordFile = passwordFile is null ? null : Path.GetFullPath(Path.Combine(folder, passwordFile)),
            PlainHttp = Bool(file, name, section, "plainHttp"),
            InsecureSkipTlsVerify = Bool(file, name, section, "insecureSkipTlsVerify"),
            AllowBasicOverHttp = Bool(file, name, section, "allowBasicOverHttp"),
            CaFile = String(file, name, section, "caFile") is { } ca ? Path.GetFullPath(Path.Combine(folder, ca)) : null,
            Keyring = String(file, name, section, "keyring") is { } keyring ? Path.GetFullPath(Path.Combine(folder, keyring)) : null,
            Description = String(file, name, section, "description"),
            Repositories = Repositories(file, name, section),
            Api = String(file, name, section, "api"),
            Namespace = String(file, name, section, "namespace"),
            SourceFile = file,
        };
        if (profile.Api is { } api && !ApiValues.Contains(api, StringComparer.Ordinal))
            throw new ProfileException(file, name, "api", "must be \"harbor\" or \"distribution\".");
        if (profile.Namespace is { } ns)
        {
            if (registry is null || !RegistryEndpoint.IsDockerHub(profile))
                throw new ProfileException(file, name, "namespace", "is for Docker Hub profiles (registry docker.io) only.");
            if (!IsValidHubNamespace(ns))
                throw new ProfileException(file, name, "namespace", $"'{TerminalText.Sanitize(ns, 60)}' is not a Docker Hub namespace (lower-case letters, digits, '-' and '_').");
        }
        if (RegistryEndpoint.Contradicts(registry, profile.PlainHttp))
            throw new ProfileException(file, name, "plainHttp", "true contradicts the https:// address in \"registry\": give an http:// address for plain HTTP, or drop plainHttp.");
        if (registry is not null)
        {
            try
            {
                RegistryEndpoint.BaseAddressOf(profile);
            }
            catch (InvalidInputException e)
            {
                throw new ProfileException(file, name, "registry", e.Message);
            }
        }
        return profile;
    }

    /// <summary>A Docker Hub user or organisation name, as it may stand in a path segment.</summary>
    public static bool IsValidHubNamespace(string name) =>
        name.Length is > 0 and <= 255 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    public static bool IsValidProfileName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static string? String(string file, string profile, IConfigurationSection section, string field)
    {
        IConfigurationSection value = section.GetSection(field);
        if (value.GetChildren().Any()) throw new ProfileException(file, profile, field, "must be a string.");
        if (value.Value is null) return null;
        if (value.Value.Length == 0) throw new ProfileException(file, profile, field, "must not be empty.");
        return value.Value;
    }

    private static bool Bool(string file, string profile, IConfigurationSection section, string field)
    {
        IConfigurationSection value = section.GetSection(field);
        if (value.GetChildren().Any()) throw new ProfileException(file, profile, field, "must be true or false.");
        return value.Value switch
        {
            null => false,
            var v when v.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            var v when v.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            _ => throw new ProfileException(file, profile, field, "must be true or false."),
        };
    }

    private static List<string> Repositories(string file, string profile, IConfigurationSection section)
    {
        IConfigurationSection value = section.GetSection("repositories");
        List<IConfigurationSection> items = value.GetChildren().ToList();
        if (items.Count == 0)
        {
            if (value.Value is { Length: > 0 }) throw new ProfileException(file, profile, "repositories", "must be a list of repository paths.");
            return [];
        }
        var repositories = new List<string>();
        foreach (IConfigurationSection item in items.OrderBy(i => int.TryParse(i.Key, out int n) ? n : int.MaxValue))
        {
            if (!int.TryParse(item.Key, out _) || item.GetChildren().Any() || item.Value is null)
                throw new ProfileException(file, profile, "repositories", "must be a list of repository paths.");
            if (!ReferenceGrammar.IsValidRepository(item.Value))
                throw new ProfileException(file, profile, "repositories", $"'{TerminalText.Sanitize(item.Value, 120)}' is not a valid repository path.");
            repositories.Add(item.Value);
        }
        return repositories;
    }
}
