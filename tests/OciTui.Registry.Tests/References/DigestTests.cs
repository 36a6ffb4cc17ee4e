using OciTui.Registry.Errors;
using OciTui.Registry.References;

namespace OciTui.Registry.Tests.References;

public sealed class DigestTests
{
    [Theory]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")]
    public void Accepts_sha256_and_sha512(string text)
    {
        Digest digest = Digest.Parse(text);
        Assert.Equal(text, digest.ToString());
        Assert.True(digest.Matches([]));
    }

    [Theory]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("sha256:../../etc/passwd")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85")]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555")]
    [InlineData("sha256")]
    [InlineData(":abc")]
    [InlineData(null)]
    public void Refuses_malformed_digests(string? text)
    {
        Assert.False(Digest.TryParse(text, out _));
        Assert.Throws<InvalidReferenceException>(() => Digest.Parse(text));
    }

    [Fact]
    public void Matches_only_the_content_it_names()
    {
        byte[] content = "hello"u8.ToArray();
        Digest digest = Digest.ComputeSha256(content);
        Assert.Equal("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", digest.ToString());
        Assert.True(digest.Matches(content));
        Assert.False(digest.Matches("hellO"u8));
        Assert.Equal("sha256:2cf24dba5fb0", digest.Short);
    }
}
