using OciTui.Registry.Errors;
using OciTui.Registry.References;

namespace OciTui.Registry.Tests.References;

public sealed class ReferenceTests
{
    private const string Hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("oci://127.0.0.1:5000/charts/hello:1.0.0", "127.0.0.1:5000", "charts/hello", "1.0.0")]
    [InlineData("ghcr.io/stefanprodan/charts/podinfo", "ghcr.io", "stefanprodan/charts/podinfo", null)]
    [InlineData("localhost/a:b", "localhost", "a", "b")]
    [InlineData("OCI://Registry.Example.com/x/y:v1_2", "registry.example.com", "x/y", "v1_2")]
    public void Parses_host_repository_and_tag(string text, string registry, string repository, string? tag)
    {
        Reference reference = Reference.Parse(text);
        Assert.Equal(registry, reference.Registry);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
    }

    [Fact]
    public void Parses_a_digest_alone_or_with_a_tag()
    {
        Reference byDigest = Reference.Parse($"r.io/a/b@sha256:{Hex}");
        Assert.Equal($"sha256:{Hex}", byDigest.Digest.ToString());
        Assert.Null(byDigest.Tag);
        Assert.Equal($"sha256:{Hex}", byDigest.ManifestReference.ToString());

        Reference both = Reference.Parse($"r.io:443/a/b:1.0@sha256:{Hex}");
        Assert.Equal("1.0", both.Tag);
        Assert.Equal($"sha256:{Hex}", both.ManifestReference.ToString());
    }

    [Theory]
    [InlineData("nginx", "library/nginx", null)]
    [InlineData("nginx:1.27", "library/nginx", "1.27")]
    [InlineData("bitnamicharts/nginx", "bitnamicharts/nginx", null)]
    [InlineData("docker.io/bitnamicharts/nginx:18.0.0", "bitnamicharts/nginx", "18.0.0")]
    [InlineData("registry-1.docker.io/library/redis", "library/redis", null)]
    [InlineData("index.docker.io/redis", "library/redis", null)]
    public void Follows_docker_hub_rules(string text, string repository, string? tag)
    {
        Reference reference = Reference.Parse(text);
        Assert.Equal("docker.io", reference.Registry);
        Assert.Equal("registry-1.docker.io", reference.ApiHost);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
    }

    [Theory]
    [InlineData("")]
    [InlineData("http://r.io/a/b")]
    [InlineData("r.io/Upper/case")]
    [InlineData("r.io/a//b")]
    [InlineData("r.io/a/../b")]
    [InlineData("r.io/a/b:-leading-dash")]
    [InlineData("r.io/a/b@sha256:abc")]
    [InlineData("r.io/a/b@md5:d41d8cd98f00b204e9800998ecf8427e")]
    public void Refuses_what_the_grammar_does_not_allow(string text)
    {
        Assert.Throws<InvalidReferenceException>(() => Reference.Parse(text));
        Assert.False(Reference.TryParse(text, out _, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void A_tag_longer_than_128_characters_is_refused()
    {
        Assert.NotNull(Reference.Parse($"r.io/a:{new string('a', 128)}"));
        Assert.Throws<InvalidReferenceException>(() => Reference.Parse($"r.io/a:{new string('a', 129)}"));
    }

    [Fact]
    public void An_error_about_a_hostile_reference_shows_it_sanitised()
    {
        InvalidReferenceException error = Assert.Throws<InvalidReferenceException>(() => Reference.Parse("r.io/a:\u001b[31mred"));
        Assert.DoesNotContain('\u001b', error.Message);
    }

    [Fact]
    public void Formats_back_to_text()
    {
        Assert.Equal("r.io/a/b:1", Reference.Parse("oci://r.io/a/b:1").ToString());
        Assert.Equal("oci://r.io/a/b", Reference.Parse("r.io/a/b:1").ToOciRepositoryUrl());
    }
}
