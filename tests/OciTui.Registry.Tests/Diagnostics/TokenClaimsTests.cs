using System.Text;
using OciTui.Registry.Diagnostics;

namespace OciTui.Registry.Tests.Diagnostics;

/// <summary>What a registry JWT says it grants, read from its payload without trusting it; anything else is opaque.</summary>
public sealed class TokenClaimsTests
{
    private static string Jwt(string payload) =>
        $"eyJhbGciOiJub25lIn0.{Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.c2ln";

    [Fact]
    public void The_access_claim_issuer_and_expiry_are_read()
    {
        TokenClaims claims = TokenClaims.Read(Jwt("""{"iss":"harbor","exp":1900000000,"access":[{"type":"repository","name":"a/b","actions":["pull","push"]},{"type":"registry","name":"catalog","actions":[]}]}"""))!;
        Assert.Equal(["repository:a/b:pull,push"], claims.Access);
        Assert.Equal("harbor", claims.Issuer);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1900000000), claims.ExpiresAt);
    }

    [Theory]
    [InlineData("opaque-token-value")]
    [InlineData("a.b")]
    [InlineData("a.!!!.c")]
    public void A_token_that_is_not_a_jwt_is_opaque(string token) => Assert.Null(TokenClaims.Read(token));

    [Fact]
    public void A_payload_that_is_not_an_object_or_has_wrong_types_reads_as_little_as_it_can()
    {
        Assert.Null(TokenClaims.Read(Jwt("[1,2]")));
        TokenClaims claims = TokenClaims.Read(Jwt("""{"exp":"soon","access":[{"type":"repository","name":"x","actions":"pull"},7]}"""))!;
        Assert.Empty(claims.Access);
        Assert.Null(claims.ExpiresAt);
    }

    [Fact]
    public void Escape_sequences_in_the_claims_are_sanitised()
    {
        TokenClaims claims = TokenClaims.Read(Jwt("{\"iss\":\"\\u001b]0;pwned\\u0007\",\"access\":[{\"type\":\"repository\",\"name\":\"a\\u001b[2J\",\"actions\":[\"pull\"]}]}"))!;
        Assert.DoesNotContain('\u001b', claims.Issuer!);
        Assert.DoesNotContain('\u001b', claims.Access[0]);
    }
}
