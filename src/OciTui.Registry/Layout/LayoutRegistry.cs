using System.Runtime.CompilerServices;
using System.Text.Json;
using OciTui.Registry.Content;
using OciTui.Registry.Errors;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Text;
using OciTui.Registry.Transfers;
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

    public async Task<bool> BlobExistsAsync(string repository, Descriptor blob, CancellationToken cancellationToken = default)
    {
        Digest digest = DescriptorRules.Validate(blob, "blob");
        string path = BlobPath(repository, digest);
        if (!File.Exists(path)) return false;
        // A file under a digest's name is trusted only when it is that content: anything else is refused, never overwritten.
        if (!await BlobDownloader.HoldsAsync(path, blob, cancellationToken).ConfigureAwait(false)) throw DifferentBlob(digest, path);
        return true;
    }

    public async Task<BlobPushOutcome> PushBlobAsync(string repository, Descriptor blob, BlobSource source, string? mountFrom, IProgress<long>? progress,
        CancellationToken cancellationToken = default)
    {
        Digest digest = DescriptorRules.Validate(blob, "blob");
        string path = await PrepareBlobPathAsync(repository, digest, cancellationToken).ConfigureAwait(false);
        if (File.Exists(path))
        {
            if (!await BlobDownloader.HoldsAsync(path, blob, cancellationToken).ConfigureAwait(false)) throw DifferentBlob(digest, path);
            return BlobPushOutcome.Uploaded;
        }
        // The downloader writes a hidden partial file beside the final name, verifies size and digest, then renames:
        // https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md#blobs
        var downloader = new BlobDownloader(source.Registry);
        IProgress<TransferProgress>? bytes = progress is null ? null : new Forward<TransferProgress>(p => progress.Report(p.BytesDone));
        try
        {
            await downloader.DownloadAsync(source.Repository, blob, path, overwrite: false, bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (DestinationExistsException)
        {
            if (!await BlobDownloader.HoldsAsync(path, blob, cancellationToken).ConfigureAwait(false)) throw DifferentBlob(digest, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not DiskFullException)
        {
            throw Unwritable($"blob {digest.Short}", path, e);
        }
        return BlobPushOutcome.Uploaded;
    }

    public async Task PushManifestAsync(string repository, ManifestReference reference, FetchedManifest manifest, CancellationToken cancellationToken = default)
    {
        string path = await PrepareBlobPathAsync(repository, manifest.Digest, cancellationToken).ConfigureAwait(false);
        ContentVerifier.Verify(manifest.Bytes, manifest.Digest, null, $"manifest {manifest.Digest.Short}", "it changed in memory");
        if (File.Exists(path))
        {
            if (!manifest.Digest.Matches(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false))) throw DifferentBlob(manifest.Digest, path);
        }
        else
        {
            await WriteAtomicallyAsync(path, manifest.Bytes, cancellationToken).ConfigureAwait(false);
        }
        Descriptor? subject = manifest.Manifest?.Subject ?? manifest.Index?.Subject;
        // A tag is an index.json entry with the ref.name annotation; a referrer is listed (untagged) so readers find it by its
        // subject; any other manifest pushed by digest needs no entry, its blob is enough until it is tagged:
        // https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md#indexjson-file
        if (reference.Tag is null && subject is null) return;
        await _indexLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string directory = RepositoryDirectory(repository);
            ImageIndex index = await ReadIndexAsync(repository, cancellationToken).ConfigureAwait(false);
            var entries = new List<Descriptor>(index.Manifests);
            Descriptor entry = manifest.ToDescriptor() with
            {
                ArtifactType = manifest.Manifest?.ArtifactType ?? manifest.Index?.ArtifactType,
                Annotations = reference.Tag is { } tag ? new Dictionary<string, string> { [Models.Annotations.RefName] = tag } : null,
            };
            if (reference.Tag is { } named)
                entries.RemoveAll(m => m.Annotation(Models.Annotations.RefName) == named);
            else if (entries.Any(m => m.Digest == entry.Digest))
                return;
            entries.Add(entry);
            ImageIndex updated = index with { SchemaVersion = 2, MediaType = MediaTypes.OciIndex, Manifests = entries };
            byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(updated, WritingJsonContext.Default.ImageIndex);
            await WriteAtomicallyAsync(Path.Combine(directory, "index.json"), bytes, cancellationToken, replace: true).ConfigureAwait(false);
        }
        finally
        {
            _indexLock.Release();
        }
    }

    private readonly SemaphoreSlim _indexLock = new(1, 1);

    /// <summary>
    /// The path a blob goes to, with the layout created first when it is not there yet: the folder, the <c>oci-layout</c>
    /// file and an empty <c>index.json</c> (<see href="https://github.com/opencontainers/image-spec/blob/v1.1.0/image-layout.md#oci-layout-file">image-layout: oci-layout file</see>).
    /// </summary>
    private async Task<string> PrepareBlobPathAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        string directory = RepositoryDirectory(repository);
        string path = BlobPath(repository, digest);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(Path.Combine(directory, LayoutMarker)))
                await WriteAtomicallyAsync(Path.Combine(directory, LayoutMarker), "{\"imageLayoutVersion\":\"1.0.0\"}"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            if (!File.Exists(Path.Combine(directory, "index.json")))
                await WriteAtomicallyAsync(Path.Combine(directory, "index.json"), "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(null, directory, e);
        }
        return path;
    }

    /// <summary>Writes a hidden partial file beside <paramref name="path"/> and renames it into place: readers see the old file or the new one, never half of one.</summary>
    private async Task WriteAtomicallyAsync(string path, byte[] content, CancellationToken cancellationToken, bool replace = false)
    {
        string partial = BlobDownloader.PartialPathFor(path);
        try
        {
            await File.WriteAllBytesAsync(partial, content, cancellationToken).ConfigureAwait(false);
            File.Move(partial, path, replace);
        }
        catch (IOException e) when (!replace && File.Exists(path))
        {
            // Written meanwhile by another copy into the same layout: the content is the same by its name.
            _ = e;
            File.Delete(partial);
        }
        catch (IOException e) when (DiskFullException.IsOutOfSpace(e))
        {
            File.Delete(partial);
            throw new DiskFullException(Path.GetDirectoryName(path)!, Path.GetFileName(path), content.LongLength, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unwritable(Path.GetFileName(path), path, e);
        }
    }

    private RegistryException DifferentBlob(Digest digest, string path) =>
        new($"The layout {RootPath} already holds a different file under the name of {digest.Short} ({path}); refused.")
        {
            Hint = "That layout is damaged or was altered: remove the file, or copy into another folder.",
        };

    private RegistryException Unwritable(string? what, string path, Exception e) =>
        new($"Cannot write {(what is null ? "" : what + " ")}into the layout {RootPath}: {FileProblem.Describe(e, path)}.", e);

    private sealed class Forward<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
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
