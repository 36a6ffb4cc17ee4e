using OciTui.Registry.Errors;
using OciTui.Registry.Profiles;

namespace OciTui.Registry.Tests.Profiles;

public sealed class ProfileLoaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-profiles-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string json)
    {
        string file = Path.Combine(_directory, "profiles.json");
        File.WriteAllText(file, json);
        return file;
    }

    [Fact]
    public void Every_field_is_read_and_paths_resolve_against_the_file()
    {
        string file = Write("""
        {
          "profiles": {
            "prod": { "registry": "https://r.example.com/artifactory/api/oci/charts", "username": "bot", "passwordFile": "secrets/pw",
                      "insecureSkipTlsVerify": true, "caFile": "ca.pem", "keyring": "keys/publisher.asc", "description": "Production", "repositories": ["team/a", "team/b"],
                      "allowBasicOverHttp": false },
            "local": { "registry": "127.0.0.1:5000", "plainHttp": true, "username": "u", "passwordEnv": "PW" },
            "inline": { "registry": "docker.io", "username": "u", "password": "p" },
            "demo": { "layout": "layouts/demo" }
          }
        }
        """);
        ProfileSet set = ProfileLoader.Load(file);
        Assert.Equal(["prod", "local", "inline", "demo"], set.Profiles.Select(p => p.Name));
        Profile prod = set.Find("prod")!;
        Assert.Equal(Path.Combine(_directory, "secrets", "pw"), prod.PasswordFile);
        Assert.Equal(Path.Combine(_directory, "ca.pem"), prod.CaFile);
        Assert.Equal(Path.Combine(_directory, "keys", "publisher.asc"), prod.Keyring);
        Assert.True(prod.InsecureSkipTlsVerify);
        Assert.Equal(["team/a", "team/b"], prod.Repositories);
        Assert.Equal("https://r.example.com/artifactory/api/oci/charts", prod.DisplayAddress);
        Assert.Equal("http://127.0.0.1:5000", set.Find("local")!.DisplayAddress);
        Assert.Equal("https://registry-1.docker.io", set.Find("inline")!.DisplayAddress);
        Assert.Equal(ProfileKind.Layout, set.Find("demo")!.Kind);
        Assert.Equal(Path.Combine(_directory, "layouts", "demo"), set.Find("demo")!.Layout);
        Assert.DoesNotContain("\"p\"", set.Find("inline")!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"profiles\":{\"x\":{\"registry\":\"r.io\",}}", null, null, "not valid JSON")]
    [InlineData("{\"profiles\":{\"x\":{\"registry\":\"r.io\",\"plainHtpp\":true}}}", "x", "plainHtpp", "did you mean \"plainHttp\"")]
    [InlineData("{\"profiles\":{\"x\":{\"description\":\"d\"}}}", "x", "registry", "missing")]
    [InlineData("{\"profiles\":{\"x\":{\"registry\":\"r.io\",\"layout\":\"l\"}}}", "x", "layout", "not both")]
    [InlineData("{\"profiles\":{\"x\":{\"registry\":\"r.io\",\"plainHttp\":\"yes\"}}}", "x", "plainHttp", "true or false")]
    [InlineData("{\"profiles\":{\"x\":{\"registry\":\"r.io\",\"username\":\"u\",\"password\":\"p\",\"passwordEnv\":\"E\"}}}", "x", "password", "only one")]
    [InlineData("{\"profiles\":{\"x\":{\"registry\":\"r.io\",\"passwordEnv\":\"E\"}}}", "x", "username", "needs a username")]
    [InlineData("{\"profiles\":{\"x\":{\"registry\":\"r.io\",\"repositories\":[\"Bad/Name\"]}}}", "x", "repositories", "not a valid repository")]
    [InlineData("{\"profiles\":{\"x\":{\"registry\":\"r.io\",\"repositories\":\"a/b\"}}}", "x", "repositories", "list")]
    [InlineData("{\"profiles\":{\"x\":{\"registry\":\"ftp://r.io\"}}}", "x", "registry", "not a registry address")]
    [InlineData("{\"profiles\":{\"x\":{\"registry\":\"https://r.io\",\"plainHttp\":true}}}", "x", "plainHttp", "contradicts the https:// address")]
    [InlineData("{\"profile\":{}}", null, "profile", "unknown top-level field")]
    [InlineData("{\"profiles\":{\"a/b\":{\"registry\":\"r.io\"}}}", "a/b", null, "profile name")]
    public void Problems_name_the_file_profile_and_field(string json, string? profile, string? field, string problem)
    {
        string file = Write(json);
        ProfileException error = Assert.Throws<ProfileException>(() => ProfileLoader.Load(file));
        Assert.Equal(file, error.File);
        Assert.Equal(profile, error.Profile);
        Assert.Equal(field, error.Field);
        Assert.StartsWith(file, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.True(error.IsUsageError);
    }

    [Theory]
    [InlineData("", "not valid JSON (line 1).")]
    [InlineData("{\n  'profiles': {}\n}\n", "not valid JSON (line 2).")]
    [InlineData("{\n  \"profiles\": {}\n}\ntrailing\n", "not valid JSON (line 4).")]
    [InlineData("{\n  \"profiles\": {\n    \"x\": { \"registry\": \"r.io\", }\n  }\n}\n}\n", "not valid JSON (line 6).")]
    [InlineData("{\n  \"profiles\": {\n    \"x\": { \"registry\": \"r.io\" }\n", "not valid JSON (line 4).")]
    [InlineData("[\n  {}\n]\n", "the top level must be a JSON object, not an array (line 1).")]
    [InlineData("\n\n\"profiles\"\n", "the top level must be a JSON object, not a string (line 3).")]
    [InlineData("{\n  \"profiles\": {\n    \"x\": { \"registry\": \"a.io\" },\n    \"x\": { \"registry\": \"b.io\" }\n  }\n}\n",
        "the key \"profiles.x.registry\" is given twice (line 4).")]
    [InlineData("{\n  \"profiles\": {\n    \"x\": { \"registry\": \"a.io\",\n           \"Registry\": \"b.io\" }\n  }\n}\n",
        "the key \"profiles.x.Registry\" is given twice, as \"profiles.x.registry\" too: keys ignore case (line 4).")]
    public void A_malformed_file_is_named_with_the_line_at_fault(string json, string problem)
    {
        string file = Write(json);
        ProfileException error = Assert.Throws<ProfileException>(() => ProfileLoader.Load(file));
        Assert.Equal($"{file}: {problem}", error.Message);
    }

    [Fact]
    public void A_password_never_appears_in_an_error()
    {
        string file = Write("{\"profiles\":{\"x\":{\"registry\":\"r.io\",\"username\":\"u\",\"password\":\"hunter2\",\"passwordFile\":\"f\"}}}");
        ProfileException error = Assert.Throws<ProfileException>(() => ProfileLoader.Load(file));
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_locator_follows_its_order()
    {
        string home = Path.Combine(_directory, "home");
        string work = Path.Combine(_directory, "work");
        Directory.CreateDirectory(work);
        var env = new Dictionary<string, string?>();
        string? Get(string name) => env.GetValueOrDefault(name);

        Assert.Null(ProfileLocator.Locate(null, Get, home, work));
        File.WriteAllText(Path.Combine(work, "profiles.json"), "{}");
        Assert.Equal(Path.Combine(work, "profiles.json"), ProfileLocator.Locate(null, Get, home, work));

        string user = Path.Combine(home, ".config", "ocitui", "profiles.json");
        Directory.CreateDirectory(Path.GetDirectoryName(user)!);
        File.WriteAllText(user, "{}");
        Assert.Equal(user, ProfileLocator.Locate(null, Get, home, work));

        env["XDG_CONFIG_HOME"] = Path.Combine(_directory, "xdg");
        Assert.Equal(Path.Combine(work, "profiles.json"), ProfileLocator.Locate(null, Get, home, work));
        Assert.Equal(Path.Combine(_directory, "xdg", "ocitui", "profiles.json"), ProfileLocator.UserFile(Get, home));

        env["OCITUI_PROFILES"] = "from-env.json";
        Assert.Equal(Path.Combine(work, "from-env.json"), ProfileLocator.Locate(null, Get, home, work));
        Assert.Equal("/explicit/p.json", ProfileLocator.Locate("/explicit/p.json", Get, home, work));
    }
}
