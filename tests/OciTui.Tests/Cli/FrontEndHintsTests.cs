using OciTui.Cli;
using OciTui.Registry.Errors;
using OciTui.Tui;

namespace OciTui.Tests.Cli;

/// <summary>
/// The core words a hint in terms of profiles and registries; the command line says it with its flags and the
/// terminal UI with its own fields and keys.
/// </summary>
public sealed class FrontEndHintsTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-hints-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [RegistryFact]
    public async Task A_tls_handshake_with_a_plain_http_registry_hints_at_the_plain_http_flag()
    {
        // No --plain-http: ocitui speaks TLS to a registry that serves plain HTTP.
        CliRun run = await CliRun.RunAsync(["tags", $"{registry.Host}/hints/chart"], _directory);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("hint: If the registry serves plain HTTP, set plainHttp in the profile (--plain-http on the command line) or give an http:// address.\n", run.Error);
    }

    [Fact]
    public void A_refused_repository_listing_is_hinted_with_each_front_ends_own_verbs()
    {
        var refused = new CatalogUnavailableException("r does not let this user list its repositories (401).", System.Net.HttpStatusCode.Unauthorized, [])
        {
            Hint = "Name a repository directly, or pin the repositories you use in the profile.",
            HintTopic = HintTopic.RepositoryListingRefused,
        };
        Assert.Equal("r does not let this user list its repositories (401). Type a repository path, or pin the repositories you use in the profile.", Messages.Sentence(refused));
        Assert.Equal("Name the repository in the target (PROFILE/REPOSITORY or HOST/REPOSITORY), or pin the repositories you use in the profile.", CommandRunner.HintFor(refused));
    }

    [Fact]
    public void A_hint_without_a_topic_reads_the_same_in_both_front_ends()
    {
        var plain = new RegistryException("Something failed.") { Hint = "Retry later." };
        Assert.Equal("Retry later.", CommandRunner.HintFor(plain));
        Assert.Equal("Something failed. Retry later.", Messages.Sentence(plain));
    }
}
