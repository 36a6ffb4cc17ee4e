using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OciTui.Registry.Auth;

namespace OciTui.Testing;

/// <summary>
/// A distribution-style token server on Kestrel: <c>GET /token?service=&amp;scope=</c> answers a JWT signed (ES256) by
/// a key whose certificate, issued by the test CA, rides in the <c>x5c</c> header, so a real docker-registry with
/// <c>rootcertbundle</c> set to that CA accepts it. It grants <c>pull</c> only on repositories its policy allows and
/// never <c>registry:catalog:*</c> unless told to, and it records every request.
/// </summary>
public sealed class TokenServer : IAsyncDisposable
{
    public const string Service = "ocitui-registry";
    public const string Issuer = "ocitui-test-issuer";

    private readonly X509Certificate2 _signingCertificate;
    private readonly ECDsa _signingKey;
    private int _issued;

    private TokenServer(TestCertificates certificates) =>
        (_signingCertificate, _signingKey) = certificates.IssueSigningCertificate();

    public KestrelTestServer Server { get; private set; } = null!;

    /// <summary>Where the registry sends clients for tokens.</summary>
    public Uri Realm => new(Server.BaseAddress, "token");

    /// <summary>Which repositories a caller may pull (default: names under <c>granted/</c>).</summary>
    public Func<string, bool> GrantsPull { get; set; } = repository => repository.StartsWith("granted/", StringComparison.Ordinal);

    /// <summary>Which repositories a caller may push to, when it also may pull them (default: none).</summary>
    public Func<string, bool> GrantsPush { get; set; } = _ => false;

    public bool GrantsCatalog { get; set; }

    /// <summary>When set, token requests must carry these Basic credentials or get 401.</summary>
    public (string User, string Password)? RequiredBasic { get; set; }

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

    public int TokensIssued => Volatile.Read(ref _issued);

    public IReadOnlyList<RecordedRequest> Requests => Server.Requests;

    public static async Task<TokenServer> StartAsync(TestCertificates certificates)
    {
        var server = new TokenServer(certificates);
        server.Server = await KestrelTestServer.StartAsync(server.IssueAsync);
        return server;
    }

    private async Task IssueAsync(HttpContext context)
    {
        if (context.Request.Path != "/token")
        {
            context.Response.StatusCode = 404;
            return;
        }
        if (RequiredBasic is { } basic
            && context.Request.Headers.Authorization.ToString() != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basic.User}:{basic.Password}")))
        {
            context.Response.StatusCode = 401;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"details\":\"incorrect username or password\"}");
            return;
        }
        var access = new List<(string Type, string Name, string[] Actions)>();
        foreach (string? scope in context.Request.Query["scope"])
        {
            if (scope is null || Scopes.Parse(scope) is not { } parsed) continue;
            if (parsed.Type == "repository" && parsed.Actions.Contains("pull") && GrantsPull(parsed.Name))
                access.Add(("repository", parsed.Name, parsed.Actions.Contains("push") && GrantsPush(parsed.Name) ? ["pull", "push"] : ["pull"]));
            if (parsed.Type == "registry" && parsed.Name == "catalog" && GrantsCatalog) access.Add(("registry", "catalog", ["*"]));
        }
        Interlocked.Increment(ref _issued);
        string token = Mint(access, context.Request.Query["service"].ToString());
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            token,
            access_token = token,
            expires_in = (int)Lifetime.TotalSeconds,
            issued_at = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }));
    }

    /// <summary>A signed token granting exactly <paramref name="access"/>, for the audience <paramref name="audience"/>.</summary>
    public string Mint(IEnumerable<(string Type, string Name, string[] Actions)> access, string audience = Service)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new
        {
            typ = "JWT",
            alg = "ES256",
            x5c = new[] { Convert.ToBase64String(_signingCertificate.RawData) },
        }));
        string claims = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new
        {
            iss = Issuer,
            sub = "ocitui-test",
            aud = audience,
            exp = now + (long)Lifetime.TotalSeconds,
            nbf = now - 1,
            iat = now,
            jti = Guid.NewGuid().ToString("N"),
            access = access.Select(a => new { type = a.Type, name = a.Name, actions = a.Actions }).ToArray(),
        }));
        // ES256 is the IEEE P1363 r||s form, which is what ECDsa.SignData produces by default.
        byte[] signature = _signingKey.SignData(Encoding.ASCII.GetBytes($"{header}.{claims}"), HashAlgorithmName.SHA256);
        return $"{header}.{claims}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _signingCertificate.Dispose();
        _signingKey.Dispose();
    }
}
