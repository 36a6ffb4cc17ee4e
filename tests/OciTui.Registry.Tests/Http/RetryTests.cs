using System.Diagnostics;
using System.Net;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.References;
using OciTui.Registry.Wire;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.Http;

/// <summary>429/502/503/504 are retried with a bounded budget, honouring Retry-After; a registry that is down fails fast.</summary>
public sealed class RetryTests
{
    [Fact]
    public async Task Too_many_requests_with_retry_after_is_waited_out_then_succeeds()
    {
        int calls = 0;
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                await WriteAsync(context, 429, "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\"}]}");
            }
            else
            {
                await WriteAsync(context, 200, "{}");
            }
        });
        using RemoteRegistry client = fake.Client();
        var clock = Stopwatch.StartNew();
        await client.PingAsync();
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"waited only {clock.Elapsed}");
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_registry_that_keeps_failing_gets_a_bounded_number_of_tries()
    {
        await using FakeRegistry fake = await StartAsync(context =>
        {
            context.Response.Headers.RetryAfter = "0";
            return WriteAsync(context, 503, "<html>Service Unavailable</html>", "text/html");
        });
        using RemoteRegistry client = fake.Client(tune: o => o with { MaxRetries = 2 });
        RegistryException error = await Assert.ThrowsAnyAsync<RegistryException>(() => client.PingAsync());
        Assert.Equal(3, fake.Requests.Count);
        Assert.DoesNotContain("<html>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_budget_is_not_waited()
    {
        await using FakeRegistry fake = await StartAsync(context =>
        {
            context.Response.Headers.RetryAfter = "3600";
            return WriteAsync(context, 429, "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}");
        });
        using RemoteRegistry client = fake.Client();
        var clock = Stopwatch.StartNew();
        RegistryResponseException error = await Assert.ThrowsAsync<RegistryResponseException>(() => client.GetManifestAsync("charts/chart", ManifestReference.Parse("1.0.0")));
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_registry_that_is_down_fails_fast_naming_the_address()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        using var client = new RemoteRegistry(new RegistryConnectionOptions { BaseAddress = new Uri($"http://127.0.0.1:{port}"), CredentialHost = $"127.0.0.1:{port}" });
        var clock = Stopwatch.StartNew();
        RegistryUnreachableException error = await Assert.ThrowsAsync<RegistryUnreachableException>(() => client.PingAsync());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_that_breaks_mid_answer_is_reported_on_the_first_try()
    {
        // Only 429/502/503/504 are retried. The server sends half a head, then closes: a connection closed before any
        // byte of the answer would be resent by .NET's own handler, after the status line nothing resends but ocitui.
        await using var server = new RawHttpServer(request => request.Stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Ty"u8.ToArray()).AsTask());
        using var client = new RemoteRegistry(new RegistryConnectionOptions { BaseAddress = server.BaseAddress, CredentialHost = server.HostAndPort });
        RegistryUnreachableException error = await Assert.ThrowsAsync<RegistryUnreachableException>(() => client.PingAsync());
        Assert.StartsWith($"Cannot reach http://{server.HostAndPort}:", error.Message, StringComparison.Ordinal);
        Assert.Single(server.RequestHeads);
    }

    [Fact]
    public async Task A_429_with_retry_after_3_waits_at_least_3_seconds_then_succeeds()
    {
        int calls = 0;
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers.RetryAfter = "3";
                await WriteAsync(context, 429, "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\"}]}");
            }
            else
            {
                await WriteAsync(context, 200, "{\"tags\":[\"1.0.0\"]}");
            }
        });
        var clock = new SteppingTimeProvider();
        using RemoteRegistry client = fake.Client(tune: o => o with { Time = clock });
        Assert.Equal(["1.0.0"], await client.AllTagsAsync("charts/chart"));
        Assert.Equal([TimeSpan.FromSeconds(3)], clock.Waits);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_registry_that_keeps_answering_429_gets_the_retry_budget_and_then_a_clear_error()
    {
        await using FakeRegistry fake = await StartAsync(context =>
        {
            context.Response.Headers.RetryAfter = "3";
            return WriteAsync(context, 429, "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}");
        });
        var clock = new SteppingTimeProvider();
        using RemoteRegistry client = fake.Client(tune: o => o with { Time = clock, MaxRetries = 3 });
        RegistryResponseException error = await Assert.ThrowsAsync<RegistryResponseException>(() => client.AllTagsAsync("charts/chart"));
        Assert.Equal($"http://{fake.Server.HostAndPort} is rate-limiting requests (429 Too Many Requests) (TOOMANYREQUESTS: slow down).", error.Message);
        Assert.Equal(4, fake.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], clock.Waits);
    }

    [Fact]
    public async Task A_503_with_an_http_date_retry_after_waits_until_that_date()
    {
        var clock = new SteppingTimeProvider();
        int calls = 0;
        await using FakeRegistry fake = await StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers.RetryAfter = clock.GetUtcNow().AddSeconds(5).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                await WriteAsync(context, 503, "<html>maintenance</html>", "text/html");
            }
            else
            {
                await WriteAsync(context, 200, "{}");
            }
        });
        using RemoteRegistry client = fake.Client(tune: o => o with { Time = clock });
        await client.PingAsync();
        Assert.Equal([TimeSpan.FromSeconds(5)], clock.Waits);
    }

    [Fact]
    public async Task Without_retry_after_the_backoff_grows_and_stays_bounded()
    {
        await using FakeRegistry fake = await StartAsync(context => WriteAsync(context, 503, "", "text/plain"));
        var clock = new SteppingTimeProvider();
        using RemoteRegistry client = fake.Client(tune: o => o with { Time = clock, MaxRetries = 3 });
        RegistryResponseException error = await Assert.ThrowsAsync<RegistryResponseException>(() => client.PingAsync());
        Assert.Equal($"http://{fake.Server.HostAndPort} failed with 503 Service Unavailable for the API.", error.Message);
        Assert.Equal(3, clock.Waits.Count);
        Assert.All(clock.Waits, w => Assert.InRange(w, TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(8 * 1.25)));
        Assert.True(clock.Waits[2] > clock.Waits[0], "the backoff does not grow");
    }
}
