using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Models;
using OciTui.Registry.Text;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Catalogs;

/// <summary>One page of a listing API: its parsed body and the total the server announced (<c>X-Total-Count</c>), if any.</summary>
internal sealed record ApiPage<T>(T Body, long? TotalCount);

/// <summary>
/// Reads a listing API page by page through the registry's own request sender (TLS, redirects, retries): each body
/// bounded, the next page taken from the <c>Link</c> header or from the body, a next page on another host refused,
/// a page already visited ending the listing, and at most <see cref="MaxPages"/> pages.
/// </summary>
internal sealed class ApiPages(RegistryRequestSender sender, string address)
{
    /// <summary>Harbor answers 422 above 100 (swagger: <c>pageSize</c> maximum 100); Hub's tag list stops at 100 too.</summary>
    public const int PageSize = 100;

    /// <summary>100,000 entries at <see cref="PageSize"/>: more is a server paging without end.</summary>
    public const int MaxPages = 1000;

    /// <param name="first">The first page.</param>
    /// <param name="what">What is listed, for messages.</param>
    /// <param name="type">The body's JSON shape; a body of another shape is one sentence naming <paramref name="what"/>.</param>
    /// <param name="nextInBody">Reads the next page's address from a body (Docker Hub's <c>next</c>); null: the <c>Link</c> header (Harbor).</param>
    public async IAsyncEnumerable<ApiPage<T>> ReadAsync<T>(Uri first, string what, JsonTypeInfo<T> type, Func<T, string?>? nextInBody,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? next = first;
        var visited = new HashSet<string>(StringComparer.Ordinal);
        for (int page = 0; next is not null; page++)
        {
            if (page >= MaxPages) throw new RegistryProtocolException($"{address} sent more than {MaxPages} pages of {what}; stopped.");
            if (!visited.Add(next.AbsoluteUri)) yield break;
            using HttpResponseMessage response = await sender.SendAsync(HttpMethod.Get, next, [],
                r => r.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json")), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw await RegistryErrorReader.ReadAsync(response, what, address, cancellationToken).ConfigureAwait(false);
            byte[] bytes = await BoundedContent.ReadAsync(response.Content, ManifestParser.MaxManifestBytes, what, cancellationToken).ConfigureAwait(false);
            T body = ManifestParser.Deserialize(bytes, type, $"answer for {what}");
            Uri? link = nextInBody is not null
                ? Resolve(next, nextInBody(body))
                : response.Headers.NonValidated.TryGetValues("Link", out HeaderStringValues links) ? LinkHeader.FindNext(links, next) : null;
            // A next page elsewhere would carry our credentials' answers to a host the user never named (blind SSRF).
            if (link is not null && Origin.Of(link) != Origin.Of(next))
                throw new RegistryProtocolException($"{address} sent a next-page link to another host ({TerminalText.Sanitize(link.GetLeftPart(UriPartial.Authority), 100)}); refused.");
            yield return new ApiPage<T>(body, TotalCount(response));
            next = link;
        }
    }

    private static Uri? Resolve(Uri current, string? next) =>
        string.IsNullOrEmpty(next) ? null
        : Uri.TryCreate(current, next, out Uri? resolved) && resolved.Scheme is "http" or "https" ? resolved
        : throw new RegistryProtocolException($"The next-page address '{TerminalText.Sanitize(next, 100)}' is not an HTTP address; refused.");

    private static long? TotalCount(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("X-Total-Count", out HeaderStringValues values)
        && long.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long total)
            ? total
            : null;
}
