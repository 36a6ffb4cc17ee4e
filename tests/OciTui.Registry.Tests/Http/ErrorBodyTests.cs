using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.References;
using OciTui.Registry.Wire;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.Http;

/// <summary>Error bodies that are not the distribution format still give one clean sentence from the status (brief case 22).</summary>
public sealed class ErrorBodyTests
{
    [Fact]
    public async Task An_artifactory_error_without_a_code_gives_the_status()
    {
        await using FakeRegistry fake = await StartAsync(context => WriteAsync(context, 400, "{\"errors\":[{\"status\":400}]}"));
        using RemoteRegistry client = fake.Client();
        RegistryResponseException error = await Assert.ThrowsAsync<RegistryResponseException>(() => client.GetManifestAsync("charts/chart", ManifestReference.Parse("1.0.0")));
        Assert.Equal($"http://{fake.Server.HostAndPort} answered 400 Bad Request for manifest 'charts/chart:1.0.0'.", error.Message);
    }

    [Fact]
    public async Task An_html_502_gives_the_status_and_no_html()
    {
        await using FakeRegistry fake = await StartAsync(context => WriteAsync(context, 502, "<html><body><h1>502 Bad Gateway</h1><script>x</script></body></html>", "text/html"));
        using RemoteRegistry client = fake.Client(tune: o => o with { MaxRetries = 0 });
        RegistryResponseException error = await Assert.ThrowsAsync<RegistryResponseException>(() => client.GetManifestAsync("charts/chart", ManifestReference.Parse("1.0.0")));
        Assert.Equal($"http://{fake.Server.HostAndPort} failed with 502 Bad Gateway for manifest 'charts/chart:1.0.0'.", error.Message);
        Assert.Equal("The registry or a proxy in front of it is failing; retry later.", error.Hint);
    }

    [Fact]
    public async Task A_quay_style_true_body_on_an_anonymous_401_says_credentials_are_needed()
    {
        await using FakeRegistry fake = await StartAsync(context => WriteAsync(context, 401, "true", "text/html"));
        using RemoteRegistry client = fake.Client();
        AuthenticationFailedException error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => client.PingAsync());
        Assert.Equal($"http://{fake.Server.HostAndPort} requires credentials for the API, and none were found for {fake.Server.HostAndPort}.", error.Message);
    }

    [Fact]
    public async Task An_empty_head_403_gives_the_status()
    {
        await using FakeRegistry fake = await StartAsync(context =>
        {
            context.Response.StatusCode = 403;
            return Task.CompletedTask;
        });
        using RemoteRegistry client = fake.Client();
        AccessDeniedException error = await Assert.ThrowsAsync<AccessDeniedException>(() => client.ResolveAsync("charts/chart", ManifestReference.Parse("1.0.0")));
        Assert.Equal($"Access to manifest 'charts/chart:1.0.0' on http://{fake.Server.HostAndPort} is denied (403 Forbidden).", error.Message);
        Assert.Equal(["HEAD"], fake.Requests.Select(r => r.Method));
    }

    [Theory]
    [InlineData(60_000)]
    [InlineData(1024 * 1024)]
    public async Task A_huge_error_message_is_cut_and_escaped(int length)
    {
        string huge = "\u001b]0;pwned\u0007" + new string('A', length);
        await using FakeRegistry fake = await StartAsync(context =>
            WriteAsync(context, 404, System.Text.Json.JsonSerializer.Serialize(new { errors = new[] { new { code = "MANIFEST_UNKNOWN", message = huge } } })));
        using RemoteRegistry client = fake.Client();
        NotFoundException error = await Assert.ThrowsAsync<NotFoundException>(() => client.GetManifestAsync("charts/chart", ManifestReference.Parse("1.0.0")));
        Assert.True(error.Message.Length < 400, $"{error.Message.Length} characters");
        // Under the 64 KiB error-body cap the registry's message is shown, escaped and cut; over it, the status alone.
        Assert.Equal(
            length < RegistryErrorReader.MaxErrorBodyBytes
                ? $"Manifest 'charts/chart:1.0.0' not found on http://{fake.Server.HostAndPort} (MANIFEST_UNKNOWN: \\e]0;pwned\\x07{new string('A', 185)}…)."
                : $"Manifest 'charts/chart:1.0.0' not found on http://{fake.Server.HostAndPort}.",
            error.Message);
        Assert.DoesNotContain(error.Message, c => char.IsControl(c));
    }
}
