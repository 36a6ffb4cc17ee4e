using System.Diagnostics;
using System.Text.Json;
using OciTui.Registry.Errors;
using OciTui.Registry.Text;

namespace OciTui.Registry.Credentials;

/// <summary>
/// Runs <c>docker-credential-&lt;name&gt; get</c> (no shell, found on PATH), hands it the server URL on stdin and reads
/// <c>{"ServerURL","Username","Secret"}</c>. A helper that hangs is killed after the timeout; its output is never
/// quoted in an error, since it may hold a secret.
/// </summary>
public sealed class CredentialHelperClient(string name, CredentialEnvironment environment)
{
    private const int MaxOutputChars = 64 * 1024;

    public string ExecutableName { get; } = $"docker-credential-{name}";

    public async Task<RegistryCredential?> GetAsync(string serverUrl, string source, CancellationToken cancellationToken)
    {
        if (name.Length == 0 || name.IndexOfAny(['/', '\\', ' ']) >= 0 || name.Contains("..", StringComparison.Ordinal))
            throw new CredentialException($"{source}: '{TerminalText.Sanitize(name, 60)}' is not a valid credential helper name.");
        string executable = FindOnPath() ?? throw new CredentialException($"{source}: the credential helper {ExecutableName} is not on PATH.");

        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("get");
        if (environment.GetVariable("PATH") is { } path) start.Environment["PATH"] = path;

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new CredentialException($"{source}: the credential helper {ExecutableName} could not be started.", e);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(environment.HelperTimeout);
        // Killed the moment the wait ends, not when an awaiting continuation gets to run: a process that is exiting
        // (Ctrl-C) would otherwise leave the helper, and whatever it forked, running on its own.
        using CancellationTokenRegistration stopOnCancel = timeout.Token.Register(() => Kill(process));
        try
        {
            Task<string> stdout = ReadCappedAsync(process.StandardOutput, timeout.Token);
            Task<string> stderr = ReadCappedAsync(process.StandardError, timeout.Token);
            try
            {
                await process.StandardInput.WriteAsync(serverUrl.AsMemory(), timeout.Token).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // A helper that answers without reading its input closes the pipe first; its answer still counts.
            }
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            string output = await stdout.ConfigureAwait(false);
            string errors = await stderr.ConfigureAwait(false);

            if (process.ExitCode != 0)
            {
                if ((output + errors).Contains("credentials not found", StringComparison.OrdinalIgnoreCase)) return null;
                throw new CredentialException($"{source}: the credential helper {ExecutableName} failed (exit code {process.ExitCode}).");
            }
            return Parse(output, source);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            throw new CredentialException($"{source}: the credential helper {ExecutableName} did not answer within {environment.HelperTimeout.TotalSeconds:0} s and was stopped.");
        }
        catch (IOException e)
        {
            Kill(process);
            throw new CredentialException($"{source}: the credential helper {ExecutableName} closed its pipes early.", e);
        }
        catch
        {
            Kill(process);
            throw;
        }
    }

    private RegistryCredential? Parse(string output, string source)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(output);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Garbage(source);
            string? username = Field(root, "Username");
            string? secret = Field(root, "Secret");
            if (string.IsNullOrEmpty(secret)) return null;
            return username == "<token>"
                ? new RegistryCredential { IdentityToken = secret, Source = source, Helper = ExecutableName }
                : new RegistryCredential { Username = username, Password = secret, Source = source, Helper = ExecutableName };
        }
        catch (JsonException)
        {
            throw Garbage(source);
        }
    }

    private CredentialException Garbage(string source) =>
        new($"{source}: the credential helper {ExecutableName} printed something that is not credentials JSON.");

    private static string? Field(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static async Task<string> ReadCappedAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        char[] buffer = new char[4096];
        var text = new System.Text.StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (text.Length < MaxOutputChars) text.Append(buffer, 0, Math.Min(read, MaxOutputChars - text.Length));
        }
        return text.ToString();
    }

    private string? FindOnPath()
    {
        string? path = environment.GetVariable("PATH");
        if (string.IsNullOrEmpty(path)) return null;
        foreach (string directory in path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = System.IO.Path.Combine(directory, ExecutableName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>
    /// Kills the helper and everything it forked. Serialised: the cancellation callback and a failing await may both
    /// get here, and the second must not see the helper gone and return while the first is still killing its children.
    /// </summary>
    private static void Kill(Process process)
    {
        lock (process)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }
}
