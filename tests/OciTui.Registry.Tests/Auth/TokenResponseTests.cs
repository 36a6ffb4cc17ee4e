using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using OciTui.Registry.Credentials;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Wire;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.Auth;

/// <summary>What a token server answers, and how the client takes it (brief cases 5, 6 and 8), end to end.</summary>
public sealed class TokenResponseTests
{
    /// <summary>A registry that accepts any "Bearer good-*" token and challenges everything else towards <paramref name="tokens"/>.</summary>
    private static Task<FakeRegistry> RegistryFor(FakeRegistry tokens) => StartAsync(async context =>
    {
        if (context.Request.Headers.Authorization.ToString().StartsWith("Bearer good-", StringComparison.Ordinal))
        {
            await WriteAsync(context, 200, "{\"tags\":[\"1.0.0\"]}");
            return;
        }
        context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{tokens.BaseAddress}token\",service=\"s\"";
        await WriteAsync(context, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
    });

    [Theory]
    [InlineData("{\"access_token\":\"good-access\",\"expires_in\":300}", "good-access")]
    [InlineData("{\"token\":\"good-plain\",\"expires_in\":300}", "good-plain")]
    [InlineData("{\"token\":\"bad-legacy\",\"access_token\":\"good-preferred\"}", "good-preferred")]
    public async Task Access_token_or_token_is_used(string body, string used)
    {
        await using FakeRegistry tokens = await StartAsync(context => WriteAsync(context, 200, body));
        await using FakeRegistry fake = await RegistryFor(tokens);
        using RemoteRegistry client = fake.Client();
        Assert.Equal(["1.0.0"], await client.AllTagsAsync("charts/chart"));
        Assert.Equal($"Bearer {used}", fake.Requests[^1].Header("Authorization"));
    }

    [Theory]
    [InlineData("{\"expires_in\":300}")]
    [InlineData("{\"token\":\"\",\"access_token\":null}")]
    public async Task A_token_response_without_a_token_is_an_empty_token_error(string body)
    {
        await using FakeRegistry tokens = await StartAsync(context => WriteAsync(context, 200, body));
        await using FakeRegistry fake = await RegistryFor(tokens);
        using RemoteRegistry client = fake.Client();
        RegistryProtocolException error = await Assert.ThrowsAsync<RegistryProtocolException>(() => client.AllTagsAsync("charts/chart"));
        Assert.Equal("The token server answered with an empty token.", error.Message);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task Without_expires_in_a_token_lives_sixty_seconds()
    {
        int issued = 0;
        await using FakeRegistry tokens = await StartAsync(context => WriteAsync(context, 200, $"{{\"token\":\"good-{Interlocked.Increment(ref issued)}\"}}"));
        await using FakeRegistry fake = await RegistryFor(tokens);
        var clock = new SteppingTimeProvider();
        using RemoteRegistry client = fake.Client(tune: o => o with { Time = clock });
        await client.AllTagsAsync("charts/chart");
        clock.Advance(TimeSpan.FromSeconds(45));
        await client.AllTagsAsync("charts/chart");
        Assert.Equal(1, issued);
        // 60 s less the 10 s renewal margin: at 55 s the token is renewed before it can expire mid-request.
        clock.Advance(TimeSpan.FromSeconds(10));
        await client.AllTagsAsync("charts/chart");
        Assert.Equal(2, issued);
        Assert.Equal("Bearer good-2", fake.Requests[^1].Header("Authorization"));
    }

    /// <summary>
    /// A 10 MiB body without Content-Length, from a bare socket that counts what the client took: the client stops at
    /// the 128 KiB cap (plus what loopback socket buffers and the handler's bounded drain absorb), far short of the end.
    /// </summary>
    [Fact]
    public async Task A_ten_mebibyte_token_body_is_cut_off_at_the_cap()
    {
        const long BodySize = 10L * 1024 * 1024;
        RawHttpServer? tokens = null;
        tokens = new RawHttpServer(async request =>
        {
            NetworkStream stream = request.Stream;
            await RawHttpServer.WriteHeadAsync(stream, "HTTP/1.1 200 OK\nContent-Type: application/json\nConnection: close\n");
            await stream.WriteAsync("{\"token\":\"good-"u8.ToArray());
            await tokens!.WriteUntilRefusedAsync(stream, (byte)'x', BodySize);
        });
        await using (tokens)
        {
            await using FakeRegistry fake = await StartAsync(async context =>
            {
                context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{tokens.BaseAddress}token\",service=\"s\"";
                await WriteAsync(context, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
            });
            using RemoteRegistry client = fake.Client();
            SizeLimitExceededException error = await Assert.ThrowsAsync<SizeLimitExceededException>(() => client.AllTagsAsync("charts/chart"));
            Assert.Equal("The token response is larger than the 131072-byte limit; the transfer was stopped.", error.Message);
            client.Dispose();
            await Task.Delay(200);
            Assert.True(tokens.BodyBytesWritten < BodySize, $"the client took all {tokens.BodyBytesWritten} bytes");
        }
    }

    [Fact]
    public async Task A_token_body_announcing_ten_mebibytes_is_refused_before_reading()
    {
        await using FakeRegistry tokens = await StartAsync(async context =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentLength = 10L * 1024 * 1024;
            await context.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { });
        });
        await using FakeRegistry fake = await RegistryFor(tokens);
        using RemoteRegistry client = fake.Client();
        SizeLimitExceededException error = await Assert.ThrowsAsync<SizeLimitExceededException>(() => client.AllTagsAsync("charts/chart"));
        Assert.Equal("The token response is 10485760 bytes, more than the 131072-byte limit.", error.Message);
    }

    /// <summary>An identity token (docker config identitytoken / ACR) first tries the OAuth2 POST.</summary>
    private sealed class IdentityToken : ICredentialProvider
    {
        public Task<RegistryCredential?> GetAsync(string registryHost, CancellationToken cancellationToken = default) =>
            Task.FromResult<RegistryCredential?>(new RegistryCredential { IdentityToken = "refresh-me", Source = "test" });
    }

    [Theory]
    [InlineData(404)]
    [InlineData(405)]
    [InlineData(400)]
    [InlineData(401)]
    public async Task A_token_post_that_is_refused_falls_back_to_get(int postStatus)
    {
        await using FakeRegistry tokens = await StartAsync(context => HttpMethods.IsPost(context.Request.Method)
            ? WriteAsync(context, postStatus, "{\"error\":\"unsupported\"}")
            : WriteAsync(context, 200, "{\"token\":\"good-get\"}"));
        await using FakeRegistry fake = await RegistryFor(tokens);
        using RemoteRegistry client = fake.Client(new IdentityToken());
        Assert.Equal(["1.0.0"], await client.AllTagsAsync("charts/chart"));
        Assert.Equal(["POST", "GET"], tokens.Requests.Select(r => r.Method));
        Assert.Equal("Bearer good-get", fake.Requests[^1].Header("Authorization"));
    }

    [Fact]
    public async Task A_token_post_that_works_is_used_without_a_get()
    {
        string? form = null;
        await using FakeRegistry tokens = await StartAsync(async context =>
        {
            form = await new StreamReader(context.Request.Body).ReadToEndAsync();
            await WriteAsync(context, 200, "{\"access_token\":\"good-post\",\"expires_in\":300}");
        });
        await using FakeRegistry fake = await RegistryFor(tokens);
        using RemoteRegistry client = fake.Client(new IdentityToken());
        Assert.Equal(["1.0.0"], await client.AllTagsAsync("charts/chart"));
        Assert.Equal(["POST"], tokens.Requests.Select(r => r.Method));
        Assert.Contains("grant_type=refresh_token", form, StringComparison.Ordinal);
        Assert.Contains("refresh_token=refresh-me", form, StringComparison.Ordinal);
        Assert.Contains("scope=repository%3Acharts%2Fchart%3Apull", form, StringComparison.Ordinal);
    }
}
