using System.Text;
using Microsoft.AspNetCore.Http;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Wire;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.Auth;

/// <summary>Which challenge of a 401 the client answers, and how a realm is read (brief cases 1 to 3), end to end.</summary>
public sealed class ChallengeSelectionTests
{
    private const string Token = "the-bearer-token";

    /// <summary>A registry answering 401 with <paramref name="challenges"/> (one header line each) until it sees the token.</summary>
    private static RequestDelegate DemandingBearer(Func<string[]> challenges) => async context =>
    {
        if (context.Request.Headers.Authorization.ToString() == $"Bearer {Token}")
        {
            await WriteAsync(context, 200, "{\"tags\":[\"1.0.0\"]}");
            return;
        }
        foreach (string challenge in challenges()) context.Response.Headers.Append("WWW-Authenticate", challenge);
        await WriteAsync(context, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
    };

    private static Task<FakeRegistry> TokenServerAsync() => StartAsync(context => WriteAsync(context, 200, $"{{\"token\":\"{Token}\"}}"));

    [Fact]
    public async Task Negotiate_then_bearer_on_two_lines_uses_bearer()
    {
        await using FakeRegistry tokens = await TokenServerAsync();
        await using FakeRegistry fake = await StartAsync(DemandingBearer(() => ["Negotiate", $"Bearer realm=\"{tokens.BaseAddress}token\",service=\"fake\""]));
        using RemoteRegistry client = fake.Client();
        Assert.Equal(["1.0.0"], await client.AllTagsAsync("charts/chart"));
        RecordedRequest tokenRequest = Assert.Single(tokens.Requests);
        Assert.StartsWith("/token?service=fake&scope=repository%3Acharts%2Fchart%3Apull", tokenRequest.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain(fake.Requests, r => (r.Header("Authorization") ?? "").StartsWith("Negotiate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Basic_and_bearer_on_one_line_uses_bearer_and_sends_the_password_only_to_the_token_server()
    {
        await using FakeRegistry tokens = await TokenServerAsync();
        await using FakeRegistry fake = await StartAsync(DemandingBearer(() => [$"Basic realm=\"x\", Bearer realm=\"{tokens.BaseAddress}token\",service=\"s\""]));
        using RemoteRegistry client = fake.Client(new StaticCredentials("robot", "pa55-word"));
        Assert.Equal(["1.0.0"], await client.AllTagsAsync("charts/chart"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("robot:pa55-word")), Assert.Single(tokens.Requests).Header("Authorization"));
        Assert.All(fake.Requests, r => Assert.False((r.Header("Authorization") ?? "").StartsWith("Basic", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_quoted_realm_with_commas_and_escaped_quotes_is_used_exactly()
    {
        await using FakeRegistry tokens = await TokenServerAsync();
        await using FakeRegistry fake = await StartAsync(DemandingBearer(() =>
            [$"Bearer realm=\"{tokens.BaseAddress}token?tenant=a,b&note=\\\"x\\\"\",service=\"s\""]));
        using RemoteRegistry client = fake.Client();
        Assert.Equal(["1.0.0"], await client.AllTagsAsync("charts/chart"));
        Assert.StartsWith("/token?tenant=a,b&note=%22x%22&service=s&scope=", Assert.Single(tokens.Requests).PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bearer_challenge_without_realm_is_a_clear_error_and_nothing_is_requested()
    {
        await using FakeRegistry fake = await StartAsync(DemandingBearer(() => ["Bearer service=\"s\",scope=\"repository:charts/chart:pull\""]));
        var transport = new RecordingHandler();
        using RemoteRegistry client = Listing.ClientThrough(transport, new RegistryConnectionOptions { BaseAddress = fake.BaseAddress, CredentialHost = fake.Server.HostAndPort });
        RegistryProtocolException error = await Assert.ThrowsAsync<RegistryProtocolException>(() => client.AllTagsAsync("charts/chart"));
        Assert.Equal("The registry asked for a Bearer token but named no realm to get it from.", error.Message);
        SentRequest only = Assert.Single(transport.Sent);
        Assert.Equal(fake.BaseAddress.Authority, only.Uri.Authority);
    }
}
