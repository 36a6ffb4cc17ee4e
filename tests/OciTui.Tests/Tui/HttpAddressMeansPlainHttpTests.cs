using OciTui.Registry;
using OciTui.Registry.Credentials;
using OciTui.Registry.Profiles;
using OciTui.Tests.Cli;
using OciTui.Tui;

namespace OciTui.Tests.Tui;

/// <summary>
/// One rule everywhere: a registry given as <c>http://host:port</c> is plain HTTP, whether or not plainHttp is ticked:
/// the connection, the helm command y copies, and the command line all follow <see cref="Profile.UsesPlainHttp"/>.
/// </summary>
public sealed class HttpAddressMeansPlainHttpTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-http-address-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_profile_saved_from_the_form_with_an_http_address_and_plain_http_unticked_is_plain_http_everywhere()
    {
        string file = Path.Combine(_directory, "profiles.json");
        ProfileFile.Save(file, new ProfileDraft { Name = "lab", Registry = "http://127.0.0.1:5081", PlainHttp = false });

        Profile lab = Assert.Single(ProfileLoader.Load(file).Profiles);
        Assert.True(lab.UsesPlainHttp);
        Assert.Equal("http://127.0.0.1:5081/", RegistryFactory.ConnectionOptions(lab, CredentialEnvironment.Process).BaseAddress.ToString());
        Assert.Equal("helm pull oci://127.0.0.1:5081/charts/webapp --version 1.7.5 --plain-http",
            PullCommandText.For(lab, "charts/webapp", "1.7.5", null));
    }

    [Theory]
    [InlineData("127.0.0.1:5000", false, false)]
    [InlineData("127.0.0.1:5000", true, true)]
    [InlineData("http://127.0.0.1:5000", false, true)]
    [InlineData("HTTP://127.0.0.1:5000", false, true)]
    [InlineData("https://r.example.com", false, false)]
    public void Plain_http_is_the_flag_or_an_http_address(string registry, bool plainHttp, bool expected) =>
        Assert.Equal(expected, new Profile { Name = "p", Registry = registry, PlainHttp = plainHttp }.UsesPlainHttp);

    [Fact]
    public void A_layout_profile_is_never_plain_http() =>
        Assert.False(new Profile { Name = "demo", Layout = "/srv/layout", PlainHttp = true }.UsesPlainHttp);

    [Fact]
    public async Task Plain_http_on_the_command_line_for_an_https_profile_is_a_usage_error_naming_the_profile()
    {
        string file = Path.Combine(_directory, "profiles.json");
        await File.WriteAllTextAsync(file, """{ "profiles": { "prod": { "registry": "https://r.example.com" } } }""");
        CliRun run = await CliRun.RunAsync(["tags", "prod/charts/app", "--profiles", file, "--plain-http"]);
        Assert.Equal(2, run.ExitCode);
        run.AssertOneCleanErrorLine();
        Assert.Contains("'prod'", run.Error, StringComparison.Ordinal);
        Assert.Contains("https://r.example.com", run.Error, StringComparison.Ordinal);
        Assert.Contains("--plain-http", run.Error, StringComparison.Ordinal);
    }
}
