using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OciTui.Registry.Errors;

namespace OciTui.Registry.Profiles;

/// <summary>
/// Changes one profile in a profiles file and leaves the others as they were: the new file is written beside the old
/// one, checked by <see cref="ProfileLoader"/>, then renamed over it, so a crash or a bad value never leaves a broken
/// or half-written file. A file that holds a password gets mode 0600. A missing file (and its folder) is created.
/// Comments do not survive the rewrite (System.Text.Json keeps none), so a file that had some is first copied to
/// <c>&lt;file&gt;.bak</c>, and the result says so.
/// </summary>
public static class ProfileFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Shared = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The profile as the file holds it, or null when the file or the profile does not exist.</summary>
    public static ProfileDraft? ReadDraft(string file, string name)
    {
        if (!File.Exists(file)) return null;
        return ProfilesOf(file, ParseRoot(file, ReadBytes(file)))[name] is JsonObject json ? ProfileDraft.FromJson(name, json) : null;
    }

    /// <summary>Adds <paramref name="draft"/>, or replaces the profile named <paramref name="replacing"/> (which may be a rename) in place.</summary>
    public static SavedProfiles Save(string file, ProfileDraft draft, string? replacing = null)
    {
        if (!ProfileLoader.IsValidProfileName(draft.Name))
            throw new ProfileException(file, draft.Name, null, "a profile name may hold letters, digits, '.', '_' and '-' only.");
        return Change(file, profiles =>
        {
            if (draft.Name != replacing && profiles.ContainsKey(draft.Name))
                throw new ProfileException(file, draft.Name, null, "a profile of that name exists already.");
            var entries = profiles.Select(p => (p.Key, p.Value)).ToList();
            int at = replacing is null ? -1 : entries.FindIndex(e => e.Key == replacing);
            profiles.Clear();
            if (at < 0) entries.Add((draft.Name, null));
            else entries[at] = (draft.Name, null);
            foreach ((string key, JsonNode? value) in entries)
                profiles[key] = key == draft.Name ? draft.ToJson() : value;
        });
    }

    public static SavedProfiles Delete(string file, string name) =>
        Change(file, profiles =>
        {
            if (!profiles.Remove(name)) throw new ProfileException(file, name, null, "there is no such profile.");
        });

    /// <summary>Replaces a profile's pinned repositories and nothing else.</summary>
    public static SavedProfiles SetRepositories(string file, string name, IReadOnlyList<string> repositories) =>
        Change(file, profiles =>
        {
            if (profiles[name] is not JsonObject profile) throw new ProfileException(file, name, null, "there is no such profile.");
            if (repositories.Count == 0) profile.Remove("repositories");
            else profile["repositories"] = new JsonArray(repositories.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
        });

    private static SavedProfiles Change(string file, Action<JsonObject> change)
    {
        file = Path.GetFullPath(file);
        byte[]? original = File.Exists(file) ? ReadBytes(file) : null;
        JsonObject root = original is null ? new JsonObject { ["profiles"] = new JsonObject() } : ParseRoot(file, original);
        change(ProfilesOf(file, root));
        return Write(file, root, keepCopy: original is not null && HasComments(original));
    }

    private static byte[] ReadBytes(string file)
    {
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProfileException(file, null, null, $"cannot be read ({FileProblem.Describe(e, file)}).", e);
        }
    }

    private static JsonObject ParseRoot(string file, byte[] json)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: ReadOptions) as JsonObject
                ?? throw new ProfileException(file, null, null, "the file must hold one JSON object.");
        }
        catch (JsonException e)
        {
            throw new ProfileException(file, null, null, $"not valid JSON (line {(e.LineNumber ?? 0) + 1}); fix it before saving from ocitui.", e);
        }
    }

    /// <summary>Only called on JSON that has parsed already.</summary>
    private static bool HasComments(byte[] json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Allow, AllowTrailingCommas = true });
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.Comment) return true;
        }
        return false;
    }

    private static JsonObject ProfilesOf(string file, JsonObject root)
    {
        if (root["profiles"] is null) root["profiles"] = new JsonObject();
        return root["profiles"] as JsonObject ?? throw new ProfileException(file, null, "profiles", "must be an object of named profiles.");
    }

    private static SavedProfiles Write(string file, JsonObject root, bool keepCopy)
    {
        string folder = Path.GetDirectoryName(file)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProfileException(file, null, null, $"its folder cannot be created ({FileProblem.Describe(e)}).", e);
        }
        bool secret = root["profiles"] is JsonObject profiles && profiles.Any(p => p.Value is JsonObject o && o.ContainsKey("password"));
        UnixFileMode mode = secret ? OwnerOnly : ExistingMode(file) ?? Shared;
        // Not a dot file: the configuration provider the loader uses hides those.
        string temporary = Path.Combine(folder, $"{Path.GetFileName(file)}.{Guid.NewGuid():N}.saving");
        try
        {
            WriteJson(temporary, root, mode);
            ProfileSet written;
            try
            {
                written = ProfileLoader.Load(temporary);
            }
            catch (ProfileException e)
            {
                // The loader named the temporary file; the user knows the real one. The message itself never holds a secret.
                throw new ProfileException(file, e.Profile, e.Field, e.Problem, e);
            }
            string? copy = null;
            if (keepCopy)
            {
                // File.Copy keeps the mode, so a copy of a file holding a password is as private as the file.
                copy = file + ".bak";
                File.Copy(file, copy, overwrite: true);
            }
            File.Move(temporary, file, overwrite: true);
            ProfileSet set = written with { SourceFile = file, Profiles = written.Profiles.Select(p => p with { SourceFile = file }).ToList() };
            return new SavedProfiles(set, copy);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProfileException(file, null, null, $"cannot be written ({FileProblem.Describe(e, file)}); nothing was changed.", e);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static UnixFileMode? ExistingMode(string file) =>
        OperatingSystem.IsWindows() || !File.Exists(file) ? null : File.GetUnixFileMode(file);

    private static void WriteJson(string path, JsonObject root, UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
        using var stream = new FileStream(path, options);
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, IndentSize = 2, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            root.WriteTo(writer);
        }
        stream.Write(Encoding.UTF8.GetBytes("\n"));
        stream.Flush(flushToDisk: true);
    }
}
