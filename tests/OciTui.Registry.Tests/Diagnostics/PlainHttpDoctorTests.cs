using System.Net;
using System.Net.Sockets;
using OciTui.Registry.Diagnostics;
using OciTui.Registry.Profiles;

namespace OciTui.Registry.Tests.Diagnostics;

/// <summary>The doctor against the real docker-registry on plain HTTP without auth, and against addresses where nothing answers.</summary>
public sealed class PlainHttpDoctorTests(AnonymousRegistryFixture registry) : IClassFixture<AnonymousRegistryFixture>
{
    private Profile Lab => new() { Name = "lab", Registry = registry.Host, PlainHttp = true };

    [RegistryFact]
    public async Task A_plain_http_registry_passes_every_step_with_tls_skipped()
    {
        DoctorReport report = await Doctor.RunAsync(Lab);
        Assert.Equal(["dns:ok", "connect:ok", "tls:skipped", "ping:ok", "credentials:ok", "token:skipped", "catalog:ok", "clock:ok", "proxy:ok"], Doctor.Verdicts(report));
        Assert.Equal("127.0.0.1 is an IP address; there is no name to resolve.", report[DoctorStep.Dns].Detail);
        Assert.Matches(@"^Connected to 127\.0\.0\.1:\d+ in [0-9.]+ ms\.$", report[DoctorStep.Connect].Detail);
        Assert.Contains("plain HTTP", report[DoctorStep.Tls].Detail, StringComparison.Ordinal);
        Assert.Equal($"GET http://{registry.Host}/v2/ answered 200: a registry, open without credentials.", report[DoctorStep.Ping].Detail);
        Assert.StartsWith("No credentials for 127.0.0.1:", report[DoctorStep.Credentials].Detail, StringComparison.Ordinal);
        Assert.StartsWith("GET /v2/_catalog is allowed", report[DoctorStep.Catalog].Detail, StringComparison.Ordinal);
        Assert.False(report.HasFailure);
    }

    [RegistryFact]
    public async Task A_name_that_does_not_resolve_fails_dns_and_skips_what_needs_an_address()
    {
        DoctorReport report = await Doctor.RunAsync(new Profile { Name = "typo", Registry = "no-such-registry.invalid:5000", PlainHttp = true });
        Assert.Equal(["dns:failure", "connect:skipped", "tls:skipped", "ping:skipped", "credentials:ok", "token:skipped", "catalog:skipped", "clock:skipped", "proxy:ok"],
            Doctor.Verdicts(report));
        Assert.StartsWith("no-such-registry.invalid does not resolve", report[DoctorStep.Dns].Detail, StringComparison.Ordinal);
        Assert.Contains("typo", report[DoctorStep.Dns].Fix, StringComparison.Ordinal);
        Assert.Equal("No address for no-such-registry.invalid to connect to.", report[DoctorStep.Connect].Detail);
        Assert.True(report.HasFailure);
    }

    [RegistryFact]
    public async Task A_port_nobody_listens_on_fails_connect_as_refused()
    {
        int port = UnusedPort();
        DoctorReport report = await Doctor.RunAsync(new Profile { Name = "down", Registry = $"127.0.0.1:{port}", PlainHttp = true });
        Assert.Equal(["dns:ok", "connect:failure", "tls:skipped", "ping:skipped", "credentials:ok", "token:skipped", "catalog:skipped", "clock:skipped", "proxy:ok"],
            Doctor.Verdicts(report));
        Assert.Equal($"Cannot connect to port {port} (127.0.0.1:{port}: refused).", report[DoctorStep.Connect].Detail);
        Assert.Equal($"Check that the registry runs and listens on port {port}, and the port in the profile's address.", report[DoctorStep.Connect].Fix);
    }

    [RegistryFact]
    public async Task A_clock_ten_minutes_ahead_of_the_registry_is_a_warning_that_says_why_it_matters()
    {
        var ahead = new ShiftedClock(TimeSpan.FromMinutes(10));
        DoctorReport report = await Doctor.RunAsync(Lab, options: new DoctorOptions { Time = ahead });
        DoctorStepResult clock = report[DoctorStep.Clock];
        Assert.Equal(DoctorStatus.Warning, clock.Status);
        Assert.Contains("10 minutes ahead of the registry's Date header", clock.Detail, StringComparison.Ordinal);
        Assert.Contains("tokens may look expired", clock.Detail, StringComparison.Ordinal);
        Assert.Contains("NTP", clock.Fix, StringComparison.Ordinal);
        Assert.False(report.HasFailure);
    }

    [RegistryFact]
    public async Task A_proxy_from_the_environment_carries_the_request_and_its_password_is_never_shown()
    {
        int deadProxy = UnusedPort();
        var variables = new Dictionary<string, string> { ["HTTP_PROXY"] = $"http://proxyuser:Pr0xy-Secret@127.0.0.1:{deadProxy}" };
        DoctorReport report = await Doctor.RunAsync(Lab, variables);
        // Direct steps pass; the request itself goes to the proxy, which is down.
        Assert.Equal(["dns:ok", "connect:ok", "tls:skipped", "ping:failure", "credentials:ok", "token:skipped", "catalog:skipped", "clock:skipped", "proxy:warning"],
            Doctor.Verdicts(report));
        Assert.Contains($"HTTP_PROXY is http://127.0.0.1:{deadProxy}", report[DoctorStep.Proxy].Detail, StringComparison.Ordinal);
        Assert.Contains("NO_PROXY", report[DoctorStep.Ping].Fix, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Steps, s => $"{s.Detail} {s.Fix}".Contains("Pr0xy-Secret", StringComparison.Ordinal));
    }

    [RegistryFact]
    public async Task No_proxy_naming_the_host_sends_the_request_directly()
    {
        int deadProxy = UnusedPort();
        var variables = new Dictionary<string, string> { ["http_proxy"] = $"127.0.0.1:{deadProxy}", ["NO_PROXY"] = "example.com,127.0.0.1" };
        DoctorReport report = await Doctor.RunAsync(Lab, variables);
        Assert.Equal(DoctorStatus.Ok, report[DoctorStep.Ping].Status);
        Assert.Equal($"http_proxy is http://127.0.0.1:{deadProxy}, but NO_PROXY's '127.0.0.1' matches 127.0.0.1: ocitui connects directly.", report[DoctorStep.Proxy].Detail);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class ShiftedClock(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + by;
    }
}
