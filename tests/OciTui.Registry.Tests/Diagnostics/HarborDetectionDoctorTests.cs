using Microsoft.AspNetCore.Http;
using OciTui.Registry.Diagnostics;
using OciTui.Registry.Profiles;

namespace OciTui.Registry.Tests.Diagnostics;

/// <summary>
/// Harbor cannot run here: a fake answers as Harbor does for a project member (Bearer tokens from /service/token, the
/// catalog refused to non-admins, /api/v2.0/systeminfo open to all), and the catalog step names Harbor's API as the way
/// to list instead; the token is opaque, so what it grants is said to be unreadable.
/// </summary>
public sealed class HarborDetectionDoctorTests
{
    private const string Token = "opaque-harbor-token";

    private static async Task Harbor(HttpContext context, string version)
    {
        string path = context.Request.Path.Value ?? "";
        string realm = $"http://{context.Request.Host}/service/token";
        if (path == "/service/token")
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"token":"{{Token}}","expires_in":1800}""");
            return;
        }
        if (path == "/api/v2.0/systeminfo")
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"with_notary":false,"auth_mode":"db_auth","harbor_version":"{{version}}"}""");
            return;
        }
        bool bearer = context.Request.Headers.Authorization.ToString() == $"Bearer {Token}";
        if (path == "/v2/" && bearer)
        {
            context.Response.StatusCode = 200;
            return;
        }
        // Everything else, the catalog included (for non-admins), is refused.
        context.Response.StatusCode = 401;
        string scope = path == "/v2/_catalog" ? ",scope=\"registry:catalog:*\"" : "";
        context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{realm}\",service=\"harbor-registry\"{scope}";
    }

    [Fact]
    public async Task A_harbor_that_refuses_its_catalog_is_found_by_its_system_info()
    {
        await using KestrelTestServer harbor = await KestrelTestServer.StartAsync(context => Harbor(context, "v2.11.0-8f3d9c1"));
        DoctorReport report = await Doctor.RunAsync(new Profile { Name = "harbor", Registry = harbor.HostAndPort, PlainHttp = true });
        Assert.Equal(["dns:ok", "connect:ok", "tls:skipped", "ping:ok", "credentials:ok", "token:ok", "catalog:ok", "clock:ok", "proxy:ok"], Doctor.Verdicts(report));
        Assert.StartsWith("Got a token without a scope (as docker login asks; --repository REPO asks for its pull); the token is opaque (not a JWT)",
            report[DoctorStep.Token].Detail, StringComparison.Ordinal);
        Assert.Equal("GET /v2/_catalog is refused (401) to this user. Harbor's API found (v2.11.0-8f3d9c1): it lists the projects and repositories this user may see.",
            report[DoctorStep.Catalog].Detail);
        Assert.DoesNotContain(report.Steps, s => $"{s.Detail} {s.Fix}".Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Escape_sequences_in_the_harbor_version_are_shown_escaped()
    {
        await using KestrelTestServer harbor = await KestrelTestServer.StartAsync(context => Harbor(context, "v2\\u001b]0;pwned\\u0007"));
        DoctorReport report = await Doctor.RunAsync(new Profile { Name = "harbor", Registry = harbor.HostAndPort, PlainHttp = true });
        string catalog = report[DoctorStep.Catalog].Detail;
        Assert.Contains("Harbor's API found (v2", catalog, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', catalog);
        Assert.DoesNotContain('\u0007', catalog);
    }

    [Fact]
    public async Task A_profile_that_says_distribution_is_not_told_about_harbor_s_api()
    {
        await using KestrelTestServer harbor = await KestrelTestServer.StartAsync(context => Harbor(context, "v2.11.0"));
        DoctorReport report = await Doctor.RunAsync(new Profile { Name = "harbor", Registry = harbor.HostAndPort, PlainHttp = true, Api = "distribution" });
        Assert.Equal("warning", Doctor.Verdicts(report).Single(v => v.StartsWith("catalog:", StringComparison.Ordinal))["catalog:".Length..]);
        Assert.DoesNotContain("Harbor", report[DoctorStep.Catalog].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_profile_that_says_harbor_lists_through_harbor_s_api_without_asking_its_system_info()
    {
        int systemInfo = 0;
        await using KestrelTestServer harbor = await KestrelTestServer.StartAsync(context =>
        {
            if (context.Request.Path == "/api/v2.0/systeminfo") Interlocked.Increment(ref systemInfo);
            return Harbor(context, "v2.11.0");
        });
        DoctorReport report = await Doctor.RunAsync(new Profile { Name = "harbor", Registry = harbor.HostAndPort, PlainHttp = true, Api = "harbor" });
        Assert.Contains("catalog:ok", Doctor.Verdicts(report));
        Assert.Contains("\"api\": \"harbor\"", report[DoctorStep.Catalog].Detail, StringComparison.Ordinal);
        Assert.Equal(0, systemInfo);
    }

    [Fact]
    public async Task A_server_whose_system_info_is_not_harbor_s_is_not_called_harbor()
    {
        await using KestrelTestServer other = await KestrelTestServer.StartAsync(async context =>
        {
            if (context.Request.Path == "/api/v2.0/systeminfo")
            {
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html>harbor_version</html>");
                return;
            }
            await Harbor(context, "v2.11.0");
        });
        DoctorReport report = await Doctor.RunAsync(new Profile { Name = "other", Registry = other.HostAndPort, PlainHttp = true });
        Assert.DoesNotContain("Harbor", report[DoctorStep.Catalog].Detail, StringComparison.Ordinal);
    }
}
