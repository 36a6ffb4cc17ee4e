using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OciTui.Registry.Auth;
using OciTui.Registry.Browsing;
using OciTui.Registry.Catalogs;
using OciTui.Registry.Content;
using OciTui.Registry.Credentials;
using OciTui.Registry.Errors;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Text;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Http;

/// <summary>A remote registry speaking the OCI distribution API (<c>/v2/</c> under the base address).</summary>
internal sealed class RemoteRegistry : IRegistry
{
    public const int CatalogPageSize = 1000;
    public const int TagPageSize = 1000;

    private readonly HttpClient _http;
    private readonly RegistryRequestSender _sender;
    private readonly IRegistryAuthenticator _authenticator;
    private readonly Uri _apiBase;
    private readonly RegistryRequestSender _anonymousApiSender;
    private readonly HarborClient _harbor;
    private readonly Uri _harborApiBase;
    private readonly DockerHubClient? _hub;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _detectionLock = new();
    private Task<bool>? _harborDetection;
    private int _disposed;

    /// <summary>Builds the transport from the options (TLS, timeouts) and the real authenticator.</summary>
    public RemoteRegistry(RegistryConnectionOptions options)
        : this(options, handler: null, authenticator: null) { }

    /// <summary>For tests: a custom handler and/or authenticator (null: built from the options).</summary>
    internal RemoteRegistry(RegistryConnectionOptions options, HttpMessageHandler? handler, Func<HttpClient, IRegistryAuthenticator>? authenticator)
    {
        Options = options;
        _http = new HttpClient(handler ?? HttpTransport.CreateHandler(options), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("ocitui/0.1");
        _authenticator = authenticator?.Invoke(_http) ?? new RegistryAuthenticator(_http, options);
        _sender = new RegistryRequestSender(_http, _authenticator, options);
        string baseText = options.BaseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/v2/";
        _apiBase = new Uri(baseText);
        Address = options.BaseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');

        // The listing APIs go through the same client (TLS, pooling) and request sender (redirects, retries) as the
        // registry; only their authorization differs (see UpfrontBasicAuthenticator).
        Func<CancellationToken, Task<RegistryCredential?>> credential = _authenticator is RegistryAuthenticator shared
            ? shared.CredentialAsync
            : ct => options.Credentials?.GetAsync(options.CredentialHost, ct) ?? Task.FromResult<RegistryCredential?>(null);
        var harborAuthenticator = new UpfrontBasicAuthenticator(credential, options);
        _harborApiBase = new Uri(new Uri(options.BaseAddress.GetLeftPart(UriPartial.Authority)), HarborClient.ApiPath);
        _harbor = new HarborClient(new ApiPages(new RegistryRequestSender(_http, harborAuthenticator, options, _sender), Address), _harborApiBase, Address,
            harborAuthenticator.HasCredentialAsync);
        _anonymousApiSender = new RegistryRequestSender(_http, new UpfrontBasicAuthenticator(_ => Task.FromResult<RegistryCredential?>(null), options), options, _sender);
        if (options.HubNamespace is { } hubNamespace)
        {
            RegistryConnectionOptions hub = options with { BaseAddress = options.HubApiAddress, Credentials = null };
            var hubSender = new RegistryRequestSender(_http, new UpfrontBasicAuthenticator(_ => Task.FromResult<RegistryCredential?>(null), hub), hub);
            _hub = new DockerHubClient(new ApiPages(hubSender, options.HubApiAddress.GetLeftPart(UriPartial.Authority)), options.HubApiAddress, hubNamespace);
        }
    }

    public RegistryConnectionOptions Options { get; }
    public string Address { get; }

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        using HttpResponseMessage response = await _sender.SendAsync(HttpMethod.Get, _apiBase, [], null, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return;
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            throw await RegistryErrorReader.ReadAsync(response, "the API", Address, cancellationToken).ConfigureAwait(false);
        throw new RegistryProtocolException($"{Address} does not look like an OCI registry: /v2/ answered {(int)response.StatusCode}.");
    }

    public async IAsyncEnumerable<IReadOnlyList<string>> ListRepositoriesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Uri first = new(_apiBase, $"_catalog?n={CatalogPageSize}");
        await foreach (byte[] page in PagesAsync(first, [Scopes.Catalog], "the catalog", catalog: true, cancellationToken).ConfigureAwait(false))
        {
            Catalog parsed = ManifestParser.Deserialize(page, RegistryJsonContext.Default.Catalog, "catalog");
            yield return parsed.Repositories?.Where(ReferenceGrammar.IsValidRepository).ToList() ?? [];
        }
    }

    public async Task<RepositoryList?> ListRepositoriesViaApiAsync(Action<IReadOnlyList<string>>? onPage, CancellationToken cancellationToken = default)
    {
        if (_hub is not null) return await _hub.ListRepositoriesAsync(onPage, cancellationToken).ConfigureAwait(false);
        if (await IsHarborAsync(cancellationToken).ConfigureAwait(false)) return await _harbor.ListRepositoriesAsync(onPage, cancellationToken).ConfigureAwait(false);
        return null;
    }

    public async Task<VersionTable?> ListVersionTableAsync(string repository, CancellationToken cancellationToken = default)
    {
        RequireRepository(repository);
        if (_hub is not null) return await _hub.ListVersionTableAsync(repository, cancellationToken).ConfigureAwait(false);
        if (await IsHarborAsync(cancellationToken).ConfigureAwait(false)) return await _harbor.ListVersionTableAsync(repository, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Whether the registry is Harbor: as the profile's <c>api</c> says, else asked once (anonymously) through
    /// <c>/api/v2.0/systeminfo</c>. An unreachable registry throws; anything else that is not Harbor's answer is "no".
    /// </summary>
    internal Task<bool> IsHarborAsync(CancellationToken cancellationToken)
    {
        if (Options.ListingApi == ListingApi.Harbor) return Task.FromResult(true);
        if (Options.ListingApi == ListingApi.Distribution || _hub is not null || Options.CredentialHost == Reference.DockerHub) return Task.FromResult(false);
        lock (_detectionLock)
        {
            // A detection that failed (an outage) is asked again next time; a verdict is kept for the registry's life.
            if (_harborDetection is null || _harborDetection.IsFaulted || _harborDetection.IsCanceled) _harborDetection = DetectHarborAsync(_lifetime.Token);
            return _harborDetection.WaitAsync(cancellationToken);
        }
    }

    /// <remarks>GeneralInfo is answered to anonymous callers: https://github.com/goharbor/harbor/blob/main/api/v2.0/swagger.yaml (getSystemInfo).</remarks>
    private async Task<bool> DetectHarborAsync(CancellationToken cancellationToken)
    {
        try
        {
            using HttpResponseMessage response = await _anonymousApiSender.SendAsync(HttpMethod.Get, new Uri(_harborApiBase, "systeminfo"), [],
                r => r.Headers.Accept.ParseAdd("application/json"), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/json") return false;
            byte[] body = await BoundedContent.ReadAsync(response.Content, RegistryErrorReader.MaxErrorBodyBytes, "Harbor's system info", cancellationToken).ConfigureAwait(false);
            return HarborSystemInfo.Parse(body) is not null;
        }
        catch (OciTuiException e) when (e is not RegistryUnreachableException)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<IReadOnlyList<string>> ListTagsAsync(string repository, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RequireRepository(repository);
        Uri first = new(_apiBase, $"{repository}/tags/list?n={TagPageSize}");
        await foreach (byte[] page in PagesAsync(first, [Scopes.Pull(repository)], $"repository '{repository}'", catalog: false, cancellationToken).ConfigureAwait(false))
        {
            TagList parsed = ManifestParser.Deserialize(page, RegistryJsonContext.Default.TagList, "tag list");
            yield return parsed.Tags?.Where(ReferenceGrammar.IsValidTag).ToList() ?? [];
        }
    }

    /// <summary>
    /// Follows <c>Link: rel="next"</c> pages: relative links resolved against the request, links to another origin
    /// refused (blind SSRF), a page already seen ends the listing, and at most <see cref="RegistryConnectionOptions.MaxPages"/> pages.
    /// </summary>
    /// <remarks>
    /// Paging with <c>n</c> and the <c>Link</c> header: <see href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#listing-tags">distribution-spec: listing tags</see>;
    /// the catalog pages the same way: <see href="https://distribution.github.io/distribution/spec/api/#pagination">distribution API: pagination</see>.
    /// A registry that refuses <c>n</c> answers <c>PAGINATION_NUMBER_INVALID</c>: <see href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#error-codes">distribution-spec: error codes</see>.
    /// </remarks>
    private async IAsyncEnumerable<byte[]> PagesAsync(Uri first, IReadOnlyList<string> scopes, string what, bool catalog,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? next = first;
        var visited = new HashSet<string>(StringComparer.Ordinal);
        bool retriedWithoutPageSize = false;
        for (int page = 0; next is not null; page++)
        {
            if (page >= Options.MaxPages) throw new RegistryProtocolException($"{Address} sent more than {Options.MaxPages} pages of {what}; stopped.");
            if (!visited.Add(next.AbsoluteUri)) yield break;
            HttpResponseMessage response = await _sender.SendAsync(HttpMethod.Get, next, scopes, r => r.Headers.Accept.ParseAdd("application/json"), cancellationToken).ConfigureAwait(false);
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    RegistryResponseException error = await RegistryErrorReader.ReadAsync(response, what, Address, cancellationToken).ConfigureAwait(false);
                    if (page == 0 && !retriedWithoutPageSize && error.StatusCode == HttpStatusCode.BadRequest && error.HasCode("PAGINATION_NUMBER_INVALID"))
                    {
                        retriedWithoutPageSize = true;
                        visited.Clear();
                        next = new Uri(next.GetLeftPart(UriPartial.Path));
                        page--;
                        continue;
                    }
                    if (catalog && error.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
                    {
                        // A 401 on the catalog may be the catalog's (Docker Hub, Harbor) or the user's: if /v2/ refuses
                        // too, the credentials are the problem, and "pin your repositories" would send the user astray.
                        if (page == 0 && error.StatusCode == HttpStatusCode.Unauthorized) await PingAsync(cancellationToken).ConfigureAwait(false);
                        throw new CatalogUnavailableException($"{Address} does not let this user list its repositories ({(int)error.StatusCode}).", error.StatusCode, error.Errors)
                        {
                            Hint = "Name a repository directly, or pin the repositories you use in the profile.",
                            HintTopic = HintTopic.RepositoryListingRefused,
                        };
                    }
                    throw error;
                }
                byte[] body = await BoundedContent.ReadAsync(response.Content, ManifestParser.MaxManifestBytes, what, cancellationToken).ConfigureAwait(false);
                Uri? link = response.Headers.NonValidated.TryGetValues("Link", out HeaderStringValues links)
                    ? LinkHeader.FindNext(links, next)
                    : null;
                if (link is not null && Origin.Of(link) != Origin.Of(next))
                    throw new RegistryProtocolException($"{Address} sent a next-page link to another host ({TerminalText.Sanitize(link.GetLeftPart(UriPartial.Authority), 100)}); refused.");
                yield return body;
                next = link;
            }
        }
    }

    public async Task<FetchedManifest> GetManifestAsync(string repository, ManifestReference reference, CancellationToken cancellationToken = default)
    {
        RequireRepository(repository);
        Digest? requested = reference.Digest;
        Uri uri = new(_apiBase, $"{repository}/manifests/{reference}");
        // The digest asked for and the Docker-Content-Digest announced are both checked against the body:
        // https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#pulling-manifests
        using HttpResponseMessage response = await _sender.SendAsync(HttpMethod.Get, uri, [Scopes.Pull(repository)], AcceptManifests, cancellationToken).ConfigureAwait(false);
        string what = $"manifest '{Reference.Join(repository, reference)}'";
        if (!response.IsSuccessStatusCode) throw await RegistryErrorReader.ReadAsync(response, what, Address, cancellationToken).ConfigureAwait(false);
        byte[] bytes = await BoundedContent.ReadAsync(response.Content, ManifestParser.MaxManifestBytes, what, cancellationToken).ConfigureAwait(false);
        Digest actual = Digest.ComputeSha256(bytes);
        if (requested is { } expected)
        {
            ContentVerifier.Verify(bytes, expected, null, what, ContentVerifier.RegistryServedDifferentContent);
            actual = expected;
        }
        if (HeaderDigest(response) is { } announced && !announced.Matches(bytes))
            throw new DigestMismatchException($"The {what} does not match the Docker-Content-Digest the registry announced ({announced.Short}).");
        return ManifestParser.Parse(bytes, response.Content.Headers.ContentType?.MediaType, actual);
    }

    public async Task<Descriptor> ResolveAsync(string repository, ManifestReference reference, CancellationToken cancellationToken = default)
    {
        RequireRepository(repository);
        Digest? requested = reference.Digest;
        Uri uri = new(_apiBase, $"{repository}/manifests/{reference}");
        // HEAD answers with the descriptor in its headers (https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#checking-if-content-exists-in-the-registry);
        // a registry that leaves one out gets a GET.
        using (HttpResponseMessage response = await _sender.SendAsync(HttpMethod.Head, uri, [Scopes.Pull(repository)], AcceptManifests, cancellationToken).ConfigureAwait(false))
        {
            if (!response.IsSuccessStatusCode)
                throw await RegistryErrorReader.ReadAsync(response, $"manifest '{Reference.Join(repository, reference)}'", Address, cancellationToken).ConfigureAwait(false);
            string? mediaType = ManifestParser.NormalizeMediaType(response.Content.Headers.ContentType?.MediaType);
            if (HeaderDigest(response) is { } digest && response.Content.Headers.ContentLength is long size && mediaType is not null
                && (requested is null || requested == digest))
            {
                if (MediaTypes.IsSchema1(mediaType))
                    throw new UnsupportedManifestException("This is a legacy Docker schema1 manifest, which ocitui does not support.");
                return new Descriptor { MediaType = mediaType, Digest = digest.ToString(), Size = size };
            }
        }
        FetchedManifest manifest = await GetManifestAsync(repository, reference, cancellationToken).ConfigureAwait(false);
        return manifest.ToDescriptor();
    }

    public async Task<byte[]> GetBlobAsync(string repository, Descriptor descriptor, long maxSize, CancellationToken cancellationToken = default)
    {
        RequireRepository(repository);
        Digest digest = DescriptorRules.Validate(descriptor, "blob");
        if (descriptor.Size > maxSize)
            throw new SizeLimitExceededException($"The blob {digest.Short} is {descriptor.Size} bytes, more than the {maxSize}-byte limit.");
        await using BlobResponse blob = await OpenBlobAsync(repository, digest, 0, cancellationToken).ConfigureAwait(false);
        byte[] bytes = await BoundedContent.ReadAsync(blob.Content, Math.Min(maxSize, descriptor.Size), $"blob {digest.Short}", descriptor.Size, cancellationToken).ConfigureAwait(false);
        ContentVerifier.Verify(bytes, digest, descriptor.Size, $"blob {digest.Short}", ContentVerifier.RegistryServedDifferentContent);
        return bytes;
    }

    public async Task<BlobResponse> OpenBlobAsync(string repository, Digest digest, long offset, CancellationToken cancellationToken = default)
    {
        RequireRepository(repository);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        Uri uri = new(_apiBase, $"{repository}/blobs/{digest}");
        // Resume with Range; 206 with a Content-Range from the offset, 200 with the whole blob when the range is ignored,
        // 416 when it cannot be served: https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#pulling-blobs and https://www.rfc-editor.org/rfc/rfc9110#name-range-requests
        HttpResponseMessage response = await _sender.SendAsync(HttpMethod.Get, uri, [Scopes.Pull(repository)], request =>
        {
            if (offset > 0) request.Headers.Range = new RangeHeaderValue(offset, null);
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && offset > 0)
            {
                response.Dispose();
                return await OpenBlobAsync(repository, digest, 0, cancellationToken).ConfigureAwait(false);
            }
            if (!response.IsSuccessStatusCode)
                throw await RegistryErrorReader.ReadAsync(response, $"blob {digest.Short} of '{repository}'", Address, cancellationToken).ConfigureAwait(false);

            long start = 0;
            long? total = response.Content.Headers.ContentLength;
            if (response.StatusCode == HttpStatusCode.PartialContent)
            {
                ContentRangeHeaderValue? range = response.Content.Headers.ContentRange;
                if (range?.From != offset)
                    throw new RegistryProtocolException($"{Address} answered a resume at byte {offset} with a range starting at {range?.From?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}.");
                start = offset;
                total = range.Length ?? (total is long partLength ? offset + partLength : null);
            }
            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var guarded = new StallGuardStream(body, Options.StallTimeout, Address, response);
            return new BlobResponse(guarded, start, total);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    public async IAsyncEnumerable<Descriptor> ListReferrersAsync(string repository, Digest subject, string? artifactType = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RequireRepository(repository);
        // The referrers API, filtered by artifactType when the registry says so in OCI-Filters-Applied (https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#listing-referrers);
        // a 404 or a body that is not an index means no API: fall back to the tag schema (https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#referrers-tag-schema).
        string query = artifactType is null ? "" : $"?artifactType={Uri.EscapeDataString(artifactType)}";
        Uri uri = new(_apiBase, $"{repository}/referrers/{subject}{query}");
        List<Descriptor> found = [];
        bool fallback = false;
        using (HttpResponseMessage response = await _sender.SendAsync(HttpMethod.Get, uri, [Scopes.Pull(repository)],
            r => r.Headers.Accept.ParseAdd(MediaTypes.OciIndex), cancellationToken).ConfigureAwait(false))
        {
            string? contentType = ManifestParser.NormalizeMediaType(response.Content.Headers.ContentType?.MediaType);
            if (response.StatusCode == HttpStatusCode.NotFound || (response.IsSuccessStatusCode && contentType != MediaTypes.OciIndex))
            {
                RegistryResponseException error = await RegistryErrorReader.ReadAsync(response, $"repository '{repository}'", Address, cancellationToken).ConfigureAwait(false);
                if (error.HasCode("NAME_UNKNOWN")) throw error;
                fallback = true;
            }
            else if (!response.IsSuccessStatusCode)
            {
                throw await RegistryErrorReader.ReadAsync(response, $"the referrers of {subject.Short}", Address, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                byte[] body = await BoundedContent.ReadAsync(response.Content, ManifestParser.MaxManifestBytes, "referrers index", cancellationToken).ConfigureAwait(false);
                ImageIndex index = ManifestParser.Deserialize(body, RegistryJsonContext.Default.ImageIndex, "referrers index");
                bool filtered = response.Headers.NonValidated.TryGetValues("OCI-Filters-Applied", out HeaderStringValues applied)
                    && applied.Any(v => v.Contains("artifactType", StringComparison.OrdinalIgnoreCase));
                found.AddRange(index.Manifests.Where(d => filtered || artifactType is null || d.ArtifactType == artifactType));
            }
        }
        if (fallback)
        {
            string tag = $"{subject.Algorithm}-{subject.Encoded}";
            FetchedManifest? index = null;
            try
            {
                index = await GetManifestAsync(repository, ManifestReference.ForTag(tag), cancellationToken).ConfigureAwait(false);
            }
            catch (NotFoundException)
            {
            }
            if (index?.Index is { } list)
                found.AddRange(list.Manifests.Where(d => artifactType is null || d.ArtifactType == artifactType));
        }
        foreach (Descriptor descriptor in found)
        {
            if (!Digest.TryParse(descriptor.Digest, out _)) continue;
            yield return descriptor;
        }
    }

    /// <summary>Repositories a pull-scoped request of this registry succeeded in: a refused push there "may pull but not push".</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _readable = new(StringComparer.Ordinal);

    public async Task<bool> BlobExistsAsync(string repository, Descriptor blob, CancellationToken cancellationToken = default)
    {
        RequireRepository(repository);
        Digest digest = DescriptorRules.Validate(blob, "blob");
        // HEAD on the blob: 200 present, 404 absent (https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#checking-if-content-exists-in-the-registry).
        // Asked with the push scope, so the copy's one token serves this and the upload after it.
        using HttpResponseMessage response = await _sender.SendAsync(HttpMethod.Head, new Uri(_apiBase, $"{repository}/blobs/{digest}"),
            [Scopes.PullPush(repository)], null, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            _readable[repository] = true;
            return false;
        }
        if (!response.IsSuccessStatusCode)
            throw await RegistryErrorReader.ReadAsync(response, $"blob {digest.Short} of '{repository}'", Address, cancellationToken).ConfigureAwait(false);
        _readable[repository] = true;
        return true;
    }

    public Task<BlobPushOutcome> PushBlobAsync(string repository, Descriptor blob, BlobSource source, string? mountFrom, IProgress<long>? progress,
        CancellationToken cancellationToken = default)
    {
        RequireRepository(repository);
        if (mountFrom is not null) RequireRepository(mountFrom);
        var uploader = new BlobUploader(_sender, _apiBase, Address) { ChunkSize = UploadChunkSize };
        return uploader.PushAsync(repository, blob, source, mountFrom, progress, (response, what) => PushRefusalAsync(response, repository, what), cancellationToken);
    }

    /// <summary>Blobs up to this size go in one PUT, larger ones in PATCH chunks of this size (tests make it small).</summary>
    internal long UploadChunkSize { get; init; } = BlobUploader.DefaultChunkSize;

    public async Task PushManifestAsync(string repository, ManifestReference reference, FetchedManifest manifest, CancellationToken cancellationToken = default)
    {
        RequireRepository(repository);
        string what = $"manifest '{Reference.Join(repository, reference)}'";
        // PUT with the manifest's own media type and its exact bytes: https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#pushing-manifests
        using HttpResponseMessage response = await _sender.SendAsync(HttpMethod.Put, new Uri(_apiBase, $"{repository}/manifests/{reference}"),
            [Scopes.PullPush(repository)], r =>
            {
                r.Content = new ByteArrayContent(manifest.Bytes);
                r.Content.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
            }, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created) throw await PushRefusalAsync(response, repository, what).ConfigureAwait(false);
        if (HeaderDigest(response) is { } stored && stored != manifest.Digest)
            throw new DigestMismatchException($"{Address} stored {what} under another digest ({stored.Short}): it holds other bytes than were sent; nothing was tagged.");
        Descriptor? subject = manifest.Manifest?.Subject ?? manifest.Index?.Subject;
        if (subject is not null && reference.IsDigest && !response.Headers.NonValidated.Contains("OCI-Subject"))
            await AddToReferrersTagAsync(repository, subject, manifest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A registry without the referrers API (no <c>OCI-Subject</c> in its answer) learns of a referrer through the tag
    /// schema: the index tagged <c>sha256-&lt;hex&gt;</c> lists it
    /// (<see href="https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#pushing-manifests-with-subject">distribution-spec: pushing manifests with subject</see>).
    /// </summary>
    private async Task AddToReferrersTagAsync(string repository, Descriptor subject, FetchedManifest referrer, CancellationToken cancellationToken)
    {
        Digest subjectDigest = DescriptorRules.Validate(subject, "subject");
        ManifestReference tag = ManifestReference.ForTag($"{subjectDigest.Algorithm}-{subjectDigest.Encoded}");
        ImageIndex? existing = null;
        try
        {
            existing = (await GetManifestAsync(repository, tag, cancellationToken).ConfigureAwait(false)).Index;
        }
        catch (NotFoundException)
        {
        }
        List<Descriptor> entries = existing?.Manifests ?? [];
        if (entries.Any(d => d.Digest == referrer.Digest.ToString())) return;
        Descriptor entry = referrer.ToDescriptor() with
        {
            ArtifactType = referrer.Manifest?.EffectiveArtifactType ?? referrer.Index?.ArtifactType,
            Annotations = (referrer.Manifest?.Annotations ?? referrer.Index?.Annotations) is { Count: > 0 } annotations ? annotations : null,
        };
        var index = new ImageIndex { SchemaVersion = 2, MediaType = MediaTypes.OciIndex, Manifests = [.. entries, entry] };
        byte[] bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(index, WritingJsonContext.Default.ImageIndex);
        var fetched = new FetchedManifest(Digest.ComputeSha256(bytes), MediaTypes.OciIndex, bytes, null, index);
        await PushManifestAsync(repository, tag, fetched, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A push the registry refused, in one sentence: no permission to push ("may pull but not push" when reading worked),
    /// too large, no space left, or the registry's own words.
    /// </summary>
    private async Task<Exception> PushRefusalAsync(HttpResponseMessage response, string repository, string what)
    {
        // distribution words a full disk only in the error's detail (an object, which the reader leaves out): look at the body itself.
        bool full = response.StatusCode == HttpStatusCode.InsufficientStorage;
        try
        {
            await response.Content.LoadIntoBufferAsync(RegistryErrorReader.MaxErrorBodyBytes).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            full |= body.Contains("no space left on device", StringComparison.OrdinalIgnoreCase) || body.Contains("disk quota exceeded", StringComparison.OrdinalIgnoreCase);
        }
        catch (HttpRequestException)
        {
            // Larger than an error body may be, or cut short: the status speaks alone.
        }
        RegistryResponseException error = await RegistryErrorReader.ReadAsync(response, what, Address, CancellationToken.None).ConfigureAwait(false);
        string repo = TerminalText.Sanitize(repository, 120);
        if (error is AccessDeniedException)
        {
            string status = error.StatusCode == HttpStatusCode.Forbidden ? "403 Forbidden" : "insufficient_scope";
            string sentence = _readable.ContainsKey(repository)
                ? $"This user may pull but not push to '{repo}' on {Address} ({status})."
                : $"{Address} does not let this user push to '{repo}' ({status}).";
            return new AccessDeniedException(sentence, error.StatusCode, error.Errors)
            {
                Hint = "Give the destination's profile credentials that may push there, or copy to a repository this user may push to.",
            };
        }
        if (error.StatusCode == HttpStatusCode.RequestEntityTooLarge)
            return new RegistryResponseException($"{Address} refused {what} as too large (413 Payload Too Large); nothing was tagged.", error.StatusCode, error.Errors)
            {
                Hint = "The registry or a proxy in front of it limits the size of uploads; raise that limit.",
            };
        if (full)
            return new RegistryResponseException($"{Address} has no space left for {what}; nothing was tagged.", error.StatusCode, error.Errors)
            {
                Hint = "Free space on the destination registry's storage, then run the same command again.",
            };
        return error;
    }

    /// <summary>Every manifest type ocitui reads, named in Accept: https://github.com/opencontainers/distribution-spec/blob/v1.1.0/spec.md#pulling-manifests.</summary>
    private static void AcceptManifests(HttpRequestMessage request)
    {
        foreach (string type in MediaTypes.ManifestAccept) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
    }

    private static Digest? HeaderDigest(HttpResponseMessage response)
    {
        if (!response.Headers.NonValidated.TryGetValues("Docker-Content-Digest", out HeaderStringValues values)) return null;
        string raw = values.FirstOrDefault() ?? "";
        return Digest.TryParse(raw.Trim(), out Digest digest)
            ? digest
            : throw new RegistryProtocolException($"The registry announced an invalid Docker-Content-Digest '{TerminalText.Sanitize(raw, 80)}'.");
    }

    private static void RequireRepository(string repository)
    {
        if (!ReferenceGrammar.IsValidRepository(repository))
            throw new InvalidReferenceException($"'{TerminalText.Sanitize(repository, 120)}' is not a valid repository name (lower-case letters, digits, '.', '_', '-' and '/').");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _lifetime.Cancel();
        _lifetime.Dispose();
        (_authenticator as IDisposable)?.Dispose();
        _http.Dispose();
    }
}
