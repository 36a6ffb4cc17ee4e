using OciTui.Registry.Auth;

namespace OciTui.Registry.Tests.Auth;

public sealed class AuthChallengeParserTests
{
    [Fact]
    public void Two_header_lines_give_two_challenges_and_bearer_is_found()
    {
        IReadOnlyList<AuthChallenge> challenges = AuthChallengeParser.Parse(["Negotiate", "Bearer realm=\"https://auth.example.com/token\",service=\"registry\""]);
        Assert.Equal(["Negotiate", "Bearer"], challenges.Select(c => c.Scheme));
        AuthChallenge bearer = Assert.Single(challenges, c => c.IsBearer);
        Assert.Equal("https://auth.example.com/token", bearer.Parameter("realm"));
        Assert.Equal("registry", bearer.Parameter("service"));
    }

    [Fact]
    public void Several_challenges_on_one_line_are_all_parsed()
    {
        IReadOnlyList<AuthChallenge> challenges = AuthChallengeParser.Parse("Basic realm=\"x\", Bearer realm=\"https://r/t\",service=\"s\"");
        Assert.Equal(2, challenges.Count);
        Assert.True(challenges[0].IsBasic);
        Assert.Equal("x", challenges[0].Parameter("realm"));
        Assert.True(challenges[1].IsBearer);
        Assert.Equal("https://r/t", challenges[1].Parameter("realm"));
        Assert.Equal("s", challenges[1].Parameter("service"));
    }

    [Fact]
    public void Quoted_values_keep_commas_and_unescape_backslashes()
    {
        AuthChallenge challenge = Assert.Single(AuthChallengeParser.Parse("Bearer realm=\"https://r/t?a=1,b=\\\"2\\\"\", service=unquoted-token"));
        Assert.Equal("https://r/t?a=1,b=\"2\"", challenge.Parameter("realm"));
        Assert.Equal("unquoted-token", challenge.Parameter("service"));
    }

    [Fact]
    public void Scheme_and_parameter_names_are_case_insensitive_and_scopes_split_on_spaces()
    {
        AuthChallenge challenge = Assert.Single(AuthChallengeParser.Parse("BEARER Realm=\"https://r\",Scope=\"repository:a:pull repository:b:pull,push\""));
        Assert.True(challenge.IsBearer);
        Assert.Equal("https://r", challenge.Parameter("realm"));
        Assert.Equal(["repository:a:pull", "repository:b:pull,push"], challenge.Scopes);
    }

    [Fact]
    public void A_bearer_challenge_without_realm_has_no_realm() =>
        Assert.Null(Assert.Single(AuthChallengeParser.Parse("Bearer service=\"s\"")).Parameter("realm"));
}
