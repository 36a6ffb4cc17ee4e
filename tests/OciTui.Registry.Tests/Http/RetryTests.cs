using System.Diagnostics;
using System.Net;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Tests.Support;
using static OciTui.Registry.Tests.Support.FakeRegistry;

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
        RegistryResponseException error = await Assert.ThrowsAsync<RegistryResponseException>(() => client.GetManifestAsync("charts/chart", "1.0.0"));
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
}
