using OciTui.Registry.Diagnostics;

namespace OciTui.Registry.Tests.Diagnostics;

/// <summary>Which proxy the environment sets for a registry address, read as .NET reads the variables, from variables passed in.</summary>
public sealed class EnvironmentProxyTests
{
    private static EnvironmentProxy For(string target, params (string Name, string Value)[] variables) =>
        EnvironmentProxy.For(new Uri(target), name => variables.FirstOrDefault(v => v.Name == name).Value);

    [Fact]
    public void Https_takes_https_proxy_and_http_takes_http_proxy()
    {
        (string, string)[] both = [("HTTPS_PROXY", "http://secure:3128"), ("HTTP_PROXY", "http://plain:3128")];
        Assert.Equal("http://secure:3128", For("https://r.example", both).DisplayProxy);
        Assert.Equal("HTTPS_PROXY", For("https://r.example", both).Variable);
        Assert.Equal("http://plain:3128", For("http://r.example", both).DisplayProxy);
    }

    [Fact]
    public void The_lower_case_name_comes_first_and_all_proxy_fills_in()
    {
        Assert.Equal("https_proxy", For("https://r.example", ("HTTPS_PROXY", "http://upper:1"), ("https_proxy", "http://lower:2")).Variable);
        Assert.Equal("ALL_PROXY", For("https://r.example", ("ALL_PROXY", "http://all:3")).Variable);
        Assert.Null(For("https://r.example", ("HTTP_PROXY", "http://plain:3128")).Proxy);
    }

    [Fact]
    public void Http_proxy_in_upper_case_is_ignored_under_cgi()
    {
        Assert.Null(For("http://r.example", ("HTTP_PROXY", "http://p:1"), ("GATEWAY_INTERFACE", "CGI/1.1")).Proxy);
    }

    [Fact]
    public void No_proxy_matches_a_host_exactly_or_a_dotted_domain_and_below()
    {
        (string, string) proxy = ("HTTPS_PROXY", "http://p:1");
        Assert.Equal("r.example", For("https://r.example:5000", proxy, ("NO_PROXY", "a.test, r.example")).BypassedBy);
        Assert.Equal(".example", For("https://r.example", proxy, ("NO_PROXY", ".example")).BypassedBy);
        Assert.Equal(".r.example", For("https://r.example", proxy, ("no_proxy", ".r.example")).BypassedBy);
        Assert.True(For("https://notr.example.org", proxy, ("NO_PROXY", "r.example")).InEffect);
    }

    [Fact]
    public void A_proxy_without_a_scheme_is_http_and_its_password_is_never_displayed()
    {
        EnvironmentProxy proxy = For("https://r.example", ("HTTPS_PROXY", "user:Hunter2@p.example:8080"));
        Assert.Equal("http://p.example:8080", proxy.DisplayProxy);
        Assert.DoesNotContain("Hunter2", proxy.DisplayProxy, StringComparison.Ordinal);
    }
}
