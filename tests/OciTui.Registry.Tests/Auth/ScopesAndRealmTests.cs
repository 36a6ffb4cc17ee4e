using OciTui.Registry.Auth;
using OciTui.Registry.Errors;

namespace OciTui.Registry.Tests.Auth;

public sealed class ScopesAndRealmTests
{
    [Fact]
    public void Scopes_split_at_the_first_and_last_colon()
    {
        (string type, string name, string[] actions) = Scopes.Parse("repository:team/chart:pull")!.Value;
        Assert.Equal(("repository", "team/chart"), (type, name));
        Assert.Equal(["pull"], actions);
        (_, string withPort, string[] several) = Scopes.Parse("repository:host:5000/x:pull,push")!.Value;
        Assert.Equal("host:5000/x", withPort);
        Assert.Equal(["pull", "push"], several);
        Assert.Null(Scopes.Parse("nonsense"));
    }

    [Fact]
    public void The_demanded_scope_comes_first_and_duplicates_go()
    {
        Assert.Equal(["repository:a:pull", "registry:catalog:*"],
            Scopes.Merge(["repository:a:pull"], ["registry:catalog:*", "repository:a:pull", " "]));
    }

    [Theory]
    [InlineData("http://auth.example.com/token", "https://registry.example.com")]
    [InlineData("ftp://auth.example.com/token", "https://registry.example.com")]
    [InlineData("https://169.254.169.254/latest", "https://registry.example.com")]
    [InlineData("https://10.0.0.1/token", "https://registry.example.com")]
    [InlineData("https://127.0.0.1/token", "https://registry.example.com")]
    [InlineData("https://[::1]/token", "https://registry.example.com")]
    [InlineData("", "https://registry.example.com")]
    public void Hostile_realms_are_refused(string realm, string registry) =>
        Assert.Throws<RegistryProtocolException>(() => RealmPolicy.Check(realm, new Uri(registry)));

    [Theory]
    [InlineData("https://auth.docker.io/token", "https://registry-1.docker.io")]
    [InlineData("http://127.0.0.1:5001/token", "http://127.0.0.1:5000")]
    [InlineData("https://10.1.2.3:8443/service/token", "https://10.1.2.3:5000")]
    public void Public_and_same_host_realms_are_allowed(string realm, string registry) =>
        Assert.Equal(new Uri(realm), RealmPolicy.Check(realm, new Uri(registry)));
}
