using System.Runtime.CompilerServices;
using System.Text.Json;
using OciTui.Registry.Content;
using OciTui.Registry.Errors;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Text;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Layout;

/// <summary>
/// A folder of OCI image layouts (what oras, skopeo, crane and regctl write for air-gapped transfers) read as a
/// read-only registry: every folder below the root holding an <c>oci-layout</c> file is a repository named by its
/// relative path; its tags are the <c>org.opencontainers.image.ref.name</c> annotations of its <c>index.json</c>.
/// Blob paths are built only from validated digests, and every digest is verified on read.
/// </summary>
/// <remarks>
/// The layout: <see href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md#oci-layout-file">image-layout: oci-layout file</see>,
/// <see href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md#indexjson-file">index.json</see>, <see href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md#blobs">blobs/&lt;alg&gt;/&lt;encoded&gt;</see>;
/// tags as <see href="https://github.com/opencontainers/image-spec/blob/v1.1.0/annotations.md#pre-defined-annotation-keys">org.opencontainers.image.ref.name</see>.
/// </remarks>
public sealed class LayoutRegistry : IRegistry
{
    public const string SingleLayoutRepository = "layout";
    private const string LayoutMarker = "oci-layout";
    private const int MaxDepth = 8;
    private readonly string? _singleLayout;

    public LayoutRegistry(string rootPath) => RootPath = Path.GetFullPath(rootPath);

    private LayoutRegistry(string rootPath, string singleLayout) : this(rootPath) => _singleLayout = singleLayout;

    /// <summary>One layout (the REF form <c>oci-layout:PATH</c>), exposed as a single repository named <see cref="SingleLayoutRepository"/>.</summary>
    public static LayoutRegistry ForSingleLayout(string layoutPath)
    {
        string full = Path.GetFullPath(layoutPath);
        return new LayoutRegistry(full, full);
    }

    public string RootPath { get; }
    public string Address => $"layout {RootPath}";

    public Task PingAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!Directory.Exists(RootPath)) throw new NotFoundException($"The layout folder {RootPath} does not exist.", System.Net.HttpStatusCode.NotFound, []);
        if (_singleLayout is not null && !File.Exists(Path.Combine(_singleLayout, LayoutMarker)))
            throw new InvalidInputException($"{RootPath} is not an OCI image layout (no oci-layout file).");
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<IReadOnlyList<string>> ListRepositoriesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await PingAsync(cancellationToken).ConfigureAwait(false);
        if (_singleLayout is not null)
        {
            yield return [SingleLayoutRepository];
            yield break;
        }
        var repositories = new List<string>();
        Collect(RootPath, 0, repositories, cancellationToken);
        repositories.Sort(StringComparer.Ordinal);
        yield return repositories;
    }

    private void Collect(string directory, int depth, List<string> repositories, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (depth > MaxDepth) return;
        if (File.Exists(Path.Combine(directory, LayoutMarker)))
        {
            string name = Path.GetRelativePath(RootPath, directory).Replace(Path.DirectorySeparatorChar, '/');
            if (ReferenceGrammar.IsValidRepository(name)) repositories.Add(name);
            return;
        }
        IEnumerable<string> children;
        try
        {
            children = Directory.EnumerateDirectories(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (string child in children)
        {
            if ((File.GetAttributes(child) & FileAttributes.ReparsePoint) != 0) continue;
            Collect(child, depth + 1, repositories, cancellationToken);
        }
    }

    public async IAsyncEnumerable<IReadOnlyList<string>> ListTagsAsync(string repository, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ImageIndex index = await ReadIndexAsync(repository, cancellationToken).ConfigureAwait(false);
        yield return index.Manifests
            .Select(m => m.Annotation(Models.Annotations.RefName))
            .Where(ReferenceGrammar.IsValidTag)
            .Select(t => t!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    public async Task<FetchedManifest> GetManifestAsync(string repository, ManifestReference reference, CancellationToken cancellationToken = default)
    {
        Descriptor descriptor = await FindAsync(repository, reference, cancellationToken).ConfigureAwait(false);
        Digest digest = DescriptorRules.Validate(descriptor, "manifest");
        if (descriptor.Size > ManifestParser.MaxManifestBytes)
            throw new SizeLimitExceededException($"The manifest {digest.Short} is {descriptor.Size} bytes, more than the {ManifestParser.MaxManifestBytes}-byte limit.");
        byte[] bytes = await ReadVerifiedAsync(repository, digest, descriptor.Size, ManifestParser.MaxManifestBytes, cancellationToken).ConfigureAwait(false);
        return ManifestParser.Parse(bytes, descriptor.MediaType, digest);
    }

    public async Task<Descriptor> ResolveAsync(string repository, ManifestReference reference, CancellationToken cancellationToken = default)
    {
        Descriptor found = await FindAsync(repository, reference, cancellationToken).ConfigureAwait(false);
        DescriptorRules.Validate(found, "manifest");
        return new Descriptor { MediaType = found.MediaType, Digest = found.Digest, Size = found.Size, ArtifactType = found.ArtifactType };
    }

    public async Task<byte[]> GetBlobAsync(string repository, Descriptor descriptor, long maxSize, CancellationToken cancellationToken = default)
    {
        Digest digest = DescriptorRules.Validate(descriptor, "blob");
        if (descriptor.Size > maxSize)
            throw new SizeLimitExceededException($"The blob {digest.Short} is {descriptor.Size} bytes, more than the {maxSize}-byte limit.");
        return await ReadVerifiedAsync(repository, digest, descriptor.Size, maxSize, cancellationToken).ConfigureAwait(false);
    }

    public Task<BlobResponse> OpenBlobAsync(string repository, Digest digest, long offset, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        cancellationToken.ThrowIfCancellationRequested();
        string path = BlobPath(repository, digest);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            throw BlobMissing(repository, digest);
        }
        catch (DirectoryNotFoundException)
        {
            throw BlobMissing(repository, digest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable($"blob {digest.Short} of '{TerminalText.Sanitize(repository, 120)}'", path, e);
        }
        long length = stream.Length;
        long start = Math.Min(offset, length);
        stream.Seek(start, SeekOrigin.Begin);
        return Task.FromResult(new BlobResponse(stream, start, length));
    }

    public async IAsyncEnumerable<Descriptor> ListReferrersAsync(string repository, Digest subject, string? artifactType = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ImageIndex index = await ReadIndexAsync(repository, cancellationToken).ConfigureAwait(false);
        foreach (Descriptor candidate in index.Manifests)
        {
            if (!MediaTypes.IsManifest(candidate.MediaType) || !Digest.TryParse(candidate.Digest, out Digest digest)) continue;
            FetchedManifest manifest;
            try
            {
                manifest = await GetManifestAsync(repository, ManifestReference.ForDigest(digest), cancellationToken).ConfigureAwait(false);
            }
            catch (OciTuiException)
            {
                continue;
            }
            if (manifest.Manifest?.Subject?.Digest != subject.ToString()) continue;
            string? type = manifest.Manifest.EffectiveArtifactType;
            if (artifactType is not null && type != artifactType) continue;
            yield return new Descriptor
            {
                MediaType = manifest.MediaType,
                Digest = digest.ToString(),
                Size = manifest.Size,
                ArtifactType = type,
                Annotations = manifest.Manifest.Annotations,
            };
        }
    }

    public void Dispose() { }

    private async Task<Descriptor> FindAsync(string repository, ManifestReference reference, CancellationToken cancellationToken)
    {
        ImageIndex index = await ReadIndexAsync(repository, cancellationToken).ConfigureAwait(false);
        Digest? wanted = reference.Digest;
        // A tag is the ref.name annotation of an index.json entry: https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md#indexjson-file
        Descriptor? found = wanted is { } digest
            ? index.Manifests.FirstOrDefault(m => m.Digest == digest.ToString())
            : index.Manifests.FirstOrDefault(m => m.Annotation(Models.Annotations.RefName) == reference.Tag);
        if (found is null && wanted is { } byDigest && File.Exists(BlobPath(repository, byDigest)))
        {
            // A child manifest of an index is addressable by digest even though index.json does not list it.
            byte[] bytes = await ReadVerifiedAsync(repository, byDigest, null, ManifestParser.MaxManifestBytes, cancellationToken).ConfigureAwait(false);
            ManifestProbe probe = ManifestParser.Deserialize(bytes, RegistryJsonContext.Default.ManifestProbe, "manifest");
            return new Descriptor { MediaType = probe.MediaType ?? MediaTypes.OciManifest, Digest = byDigest.ToString(), Size = bytes.LongLength };
        }
        return found ?? throw new NotFoundException(
            $"Manifest '{TerminalText.Sanitize(Reference.Join(repository, reference), 260)}' not found in {Address}.", System.Net.HttpStatusCode.NotFound, []);
    }

    private async Task<ImageIndex> ReadIndexAsync(string repository, CancellationToken cancellationToken)
    {
        string directory = RepositoryDirectory(repository);
        string indexPath = Path.Combine(directory, "index.json");
        if (!File.Exists(Path.Combine(directory, LayoutMarker)) || !File.Exists(indexPath))
            throw new NotFoundException($"Repository '{TerminalText.Sanitize(repository, 120)}' not found in {Address}.", System.Net.HttpStatusCode.NotFound, []);
        byte[] bytes;
        try
        {
            await using FileStream stream = File.OpenRead(indexPath);
            bytes = await BoundedContent.ReadAsync(stream, ManifestParser.MaxManifestBytes, "index.json", stream.Length, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable($"the index.json of '{TerminalText.Sanitize(repository, 120)}'", indexPath, e);
        }
        try
        {
            return JsonSerializer.Deserialize(bytes, RegistryJsonContext.Default.ImageIndex)
                ?? throw new RegistryProtocolException($"{indexPath} is empty.");
        }
        catch (JsonException e)
        {
            throw new RegistryProtocolException($"{indexPath} is not a valid OCI index (line {(e.LineNumber ?? 0) + 1}).", e);
        }
    }

    private async Task<byte[]> ReadVerifiedAsync(string repository, Digest digest, long? size, long maxSize, CancellationToken cancellationToken)
    {
        string path = BlobPath(repository, digest);
        byte[] bytes;
        try
        {
            await using FileStream stream = File.OpenRead(path);
            bytes = await BoundedContent.ReadAsync(stream, maxSize, $"blob {digest.Short}", stream.Length, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw BlobMissing(repository, digest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable($"blob {digest.Short} of '{TerminalText.Sanitize(repository, 120)}'", path, e);
        }
        ContentVerifier.Verify(bytes, digest, size, $"blob {digest.Short} in {Address}", "the layout is corrupt or was altered");
        return bytes;
    }

    /// <summary>
    /// A file of the layout that is there but cannot be read (a folder where a blob should be, no permission, a link
    /// loop, an I/O error), in one sentence with the system's words: <see cref="IRegistry"/> promises only
    /// <see cref="OciTuiException"/>s.
    /// </summary>
    private RegistryException Unreadable(string what, string path, Exception e) =>
        new($"Cannot read {what} in {Address}: {FileProblem.Describe(e, path)}.", e);

    private NotFoundException BlobMissing(string repository, Digest digest) =>
        new($"Blob {digest.Short} of '{TerminalText.Sanitize(repository, 120)}' is missing from {Address}.", System.Net.HttpStatusCode.NotFound, []);

    private string RepositoryDirectory(string repository)
    {
        if (_singleLayout is not null)
        {
            return repository == SingleLayoutRepository
                ? _singleLayout
                : throw new NotFoundException($"This layout has one repository, '{SingleLayoutRepository}'.", System.Net.HttpStatusCode.NotFound, []);
        }
        if (!ReferenceGrammar.IsValidRepository(repository))
            throw new InvalidReferenceException($"'{TerminalText.Sanitize(repository, 120)}' is not a valid repository name.");
        string full = Path.GetFullPath(Path.Combine(RootPath, repository.Replace('/', Path.DirectorySeparatorChar)));
        if (!IsInside(full, RootPath))
            throw new InvalidReferenceException($"'{TerminalText.Sanitize(repository, 120)}' is outside the layout folder.");
        return full;
    }

    private string BlobPath(string repository, Digest digest)
    {
        string directory = RepositoryDirectory(repository);
        string path = Path.Combine(directory, "blobs", digest.Algorithm, digest.Encoded);
        FileInfo info = new(path);
        if (info.LinkTarget is not null)
        {
            string? target;
            try
            {
                target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            }
            catch (IOException e)
            {
                throw Unreadable($"blob {digest.Short} of '{TerminalText.Sanitize(repository, 120)}'", path, e);
            }
            if (target is null || !IsInside(target, directory))
                throw new RegistryProtocolException($"The blob {digest.Short} in {Address} links outside its layout; refused.");
        }
        return path;
    }

    private static bool IsInside(string path, string root)
    {
        string normalizedRoot = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return path.StartsWith(normalizedRoot, StringComparison.Ordinal) || path == root;
    }
}
