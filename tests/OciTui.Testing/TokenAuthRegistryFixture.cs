namespace OciTui.Testing;

/// <summary>
/// The real docker-registry in token-auth mode (<c>auth: token</c> with realm, service, issuer and rootcertbundle),
/// trusting JWTs from a <see cref="TokenServer"/> the fixture runs on another port.
/// </summary>
public sealed class TokenAuthRegistryFixture : DockerRegistryFixture
{
    private TestCertificates? _certificates;
    private TokenServer? _tokens;

    public TokenServer Tokens => _tokens ?? throw new InvalidOperationException("the fixture did not start");

    protected override async Task PrepareAsync()
    {
        _certificates = new TestCertificates();
        _tokens = await TokenServer.StartAsync(_certificates);
    }

    protected override string AuthSection() =>
        $"auth:\n  token:\n    realm: {Tokens.Realm}\n    service: {TokenServer.Service}\n    issuer: {TokenServer.Issuer}\n" +
        $"    rootcertbundle: {_certificates!.CaPemPath}\n";

    /// <summary>Pushes with a token the test mints for the repository, outside the grant policy under test.</summary>
    public override RegistrySeeder Seeder => new(BaseAddress, null, bearerFor: repository => Tokens.Mint([("repository", repository, ["pull", "push"])]));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_tokens is not null) await _tokens.DisposeAsync();
        _certificates?.Dispose();
    }
}
