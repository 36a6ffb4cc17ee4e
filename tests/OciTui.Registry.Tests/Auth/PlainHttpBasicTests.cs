using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Wire;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.Auth;

/// <summary>
/// A plain-HTTP registry that asks for Basic gets the password only on loopback or when the profile opts in
/// (brief case 28). The fake answers under a non-loopback name, routed to it by the test's transport.
/// </summary>
public sealed class PlainHttpBasicTests
{
    private static Task<FakeRegistry> BasicRegistryAsync() => StartAsync(async context =>
    {
        if (context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.Ordinal))
        {
            await WriteAsync(context, 200, "{\"tags\":[\"1.0.0\"]}");
            return;
        }
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"lab\"";
        await WriteAsync(context, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
    });

    private static RegistryConnectionOptions Options(Uri address, bool optIn) => new()
    {
        BaseAddress = address,
        CredentialHost = address.Authority,
        Credentials = new StaticCredentials("robot", "plain-http-secret"),
        AllowBasicOverPlainHttp = optIn,
    };

    [Fact]
    public async Task A_remote_plain_http_registry_never_gets_the_password()
    {
        await using FakeRegistry fake = await BasicRegistryAsync();
        var address = new Uri($"http://registry.lab.test:{fake.BaseAddress.Port}");
        var transport = new RecordingHandler("registry.lab.test");
        using RemoteRegistry client = Listing.ClientThrough(transport, Options(address, optIn: false));
        AuthenticationFailedException error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => client.AllTagsAsync("charts/chart"));
        Assert.Equal($"Refusing to send the password for registry.lab.test:{fake.BaseAddress.Port} over plain HTTP to http://registry.lab.test:{fake.BaseAddress.Port}.", error.Message);
        Assert.Contains("allowBasicOverHttp", error.Hint, StringComparison.Ordinal);
        Assert.All(fake.Requests, r => Assert.Null(r.Header("Authorization")));
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task The_profile_opt_in_sends_it()
    {
        await using FakeRegistry fake = await BasicRegistryAsync();
        var address = new Uri($"http://registry.lab.test:{fake.BaseAddress.Port}");
        using RemoteRegistry client = Listing.ClientThrough(new RecordingHandler("registry.lab.test"), Options(address, optIn: true));
        Assert.Equal(["1.0.0"], await client.AllTagsAsync("charts/chart"));
        Assert.StartsWith("Basic ", fake.Requests[^1].Header("Authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loopback_gets_it_without_opting_in()
    {
        await using FakeRegistry fake = await BasicRegistryAsync();
        using RemoteRegistry client = Listing.ClientThrough(new RecordingHandler(), Options(fake.BaseAddress, optIn: false));
        Assert.Equal(["1.0.0"], await client.AllTagsAsync("charts/chart"));
    }

    [Fact]
    public async Task A_plain_http_token_realm_of_a_remote_registry_never_gets_the_password()
    {
        await using FakeRegistry realm = await StartRecorderAsync();
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"http://auth.lab.test:{realm.BaseAddress.Port}/token\",service=\"s\"";
            await WriteAsync(context, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
        });
        var address = new Uri($"http://registry.lab.test:{fake.BaseAddress.Port}");
        using RemoteRegistry client = Listing.ClientThrough(new RecordingHandler("registry.lab.test", "auth.lab.test"), Options(address, optIn: false));
        AuthenticationFailedException error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => client.AllTagsAsync("charts/chart"));
        Assert.StartsWith("Refusing to send the password", error.Message, StringComparison.Ordinal);
        Assert.Empty(realm.Requests);
    }
}
