using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.References;
using OciTui.Registry.Transfers;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Tests.Integration;

/// <summary>
/// Copying into the real docker-registry in token-auth mode: the token flow asks for <c>pull,push</c>, a grant of both
/// lets the copy through, and a grant of pull only is refused by the registry (insufficient_scope) in its own sentence.
/// </summary>
public sealed class RealRegistryTokenPushTests(AnonymousRegistryFixture source, TokenAuthRegistryFixture destination)
    : IClassFixture<AnonymousRegistryFixture>, IClassFixture<TokenAuthRegistryFixture>
{
    private RemoteRegistry Source() => new(new RegistryConnectionOptions { BaseAddress = source.BaseAddress, CredentialHost = source.Host });

    private RemoteRegistry Destination() => new(new RegistryConnectionOptions { BaseAddress = destination.BaseAddress, CredentialHost = destination.Host });

    [RegistryFact]
    public async Task A_token_granting_pull_and_push_lets_the_copy_through_and_it_was_asked_for_both()
    {
        PushedChart chart = await source.Seeder.PushChartAsync("token/src/app", new ChartArchiveBuilder("app", "1.0.0"));
        destination.Tokens.GrantsPush = repository => repository == "granted/pushable/app";
        using RemoteRegistry from = Source();
        using RemoteRegistry to = Destination();

        CopyResult result = await ChartCopier.CopyAsync(new CopyRequest(from, "token/src/app", ManifestReference.ForTag("1.0.0"), to, "granted/pushable/app", "1.0.0"));

        Assert.Equal(chart.ManifestDigest, (await to.ResolveAsync("granted/pushable/app", ManifestReference.ForTag("1.0.0"))).Digest);
        Assert.Equal(chart.ManifestDigest, result.ManifestDigest.ToString());
        Assert.Contains(destination.Tokens.Requests, r => Uri.UnescapeDataString(r.PathAndQuery).Contains("scope=repository:granted/pushable/app:pull,push", StringComparison.Ordinal));
    }

    [RegistryFact]
    public async Task A_token_granting_pull_only_is_refused_as_may_pull_but_not_push_and_nothing_is_tagged()
    {
        await source.Seeder.PushChartAsync("token/src/readonly", new ChartArchiveBuilder("readonly", "1.0.0"));
        using RemoteRegistry from = Source();
        using RemoteRegistry to = Destination();

        AccessDeniedException error = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            ChartCopier.CopyAsync(new CopyRequest(from, "token/src/readonly", ManifestReference.ForTag("1.0.0"), to, "granted/readonly/app", "1.0.0")));

        Assert.StartsWith("This user may pull but not push to 'granted/readonly/app' on ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(insufficient_scope).", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotFoundException>(() => to.ResolveAsync("granted/readonly/app", ManifestReference.ForTag("1.0.0")));
    }
}
