using OciTui.Registry.Http;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Tests.Http;

public sealed class LinkHeaderTests
{
    private static readonly Uri Request = new("http://127.0.0.1:5000/v2/_catalog?n=2");

    [Fact]
    public void A_relative_next_link_resolves_against_the_request() =>
        Assert.Equal(new Uri("http://127.0.0.1:5000/v2/_catalog?last=b&n=2"), LinkHeader.FindNext(["</v2/_catalog?last=b&n=2>; rel=\"next\""], Request));

    [Fact]
    public void An_absolute_next_link_is_kept() =>
        Assert.Equal(new Uri("https://other.example/v2/x?last=opaque%3D"), LinkHeader.FindNext(["<https://other.example/v2/x?last=opaque%3D>; rel=next"], Request));

    [Fact]
    public void The_next_link_is_found_among_several() =>
        Assert.Equal(new Uri("http://127.0.0.1:5000/n"), LinkHeader.FindNext(["</p>; rel=\"prev\", </n>; title=\"x, y\"; rel=\"next\""], Request));

    [Fact]
    public void No_next_link_is_null()
    {
        Assert.Null(LinkHeader.FindNext(["</p>; rel=\"prev\""], Request));
        Assert.Null(LinkHeader.FindNext(["garbage"], Request));
        Assert.Null(LinkHeader.FindNext([], Request));
    }
}
