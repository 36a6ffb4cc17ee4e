using System.Net;
using System.Text;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Tests.Http;

public sealed class RegistryErrorReaderTests
{
    private static async Task<RegistryResponseException> Read(HttpStatusCode status, string body, string contentType = "application/json")
    {
        using var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        return await RegistryErrorReader.ReadAsync(response, "manifest 'a:1'", "https://r.example", CancellationToken.None);
    }

    [Fact]
    public async Task Distribution_errors_give_the_code_and_message()
    {
        RegistryResponseException error = await Read(HttpStatusCode.NotFound, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{\"Tag\":\"1\"}}]}");
        Assert.IsType<NotFoundException>(error);
        Assert.Equal("Manifest 'a:1' not found on https://r.example (MANIFEST_UNKNOWN: manifest unknown).", error.Message);
        Assert.True(error.HasCode("manifest_unknown"));
    }

    [Fact]
    public async Task Artifactory_errors_without_a_code_still_read()
    {
        RegistryResponseException error = await Read(HttpStatusCode.BadRequest, "{\"errors\":[{\"status\":400,\"message\":\"Bad request\"}]}");
        Assert.Contains("Bad request", error.Message, StringComparison.Ordinal);
        Assert.Contains("400", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadGateway, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html")]
    [InlineData(HttpStatusCode.Unauthorized, "true", "text/html")]
    [InlineData(HttpStatusCode.Forbidden, "", "text/plain")]
    public async Task Bodies_that_are_not_registry_errors_give_a_message_from_the_status(HttpStatusCode status, string body, string type)
    {
        RegistryResponseException error = await Read(status, body, type);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("true", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, typeof(AuthenticationFailedException))]
    [InlineData(HttpStatusCode.Forbidden, typeof(AccessDeniedException))]
    [InlineData(HttpStatusCode.NotFound, typeof(NotFoundException))]
    [InlineData(HttpStatusCode.TooManyRequests, typeof(RegistryResponseException))]
    public async Task Statuses_map_to_error_types(HttpStatusCode status, Type expected) =>
        Assert.IsType(expected, await Read(status, "{}"));

    [Fact]
    public async Task Escape_sequences_in_registry_messages_are_neutralised()
    {
        RegistryResponseException error = await Read(HttpStatusCode.NotFound, "{\"errors\":[{\"code\":\"X\\u001b[2J\",\"message\":\"\\u001b]0;pwned\\u0007\\r\\u202e\"}]}");
        Assert.DoesNotContain(error.Message, c => c < 0x20 || c == '\u202e');
    }
}
