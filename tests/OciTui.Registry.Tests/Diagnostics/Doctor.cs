using OciTui.Registry.Credentials;
using OciTui.Registry.Diagnostics;
using OciTui.Registry.Profiles;

namespace OciTui.Registry.Tests.Diagnostics;

/// <summary>Runs the connection doctor as a test needs it: an empty home (no Helm or Docker config of the machine's),
/// the environment variables the test names and nothing else, and the verdicts as "step:status" to assert at once.</summary>
internal static class Doctor
{
    public static async Task<DoctorReport> RunAsync(Profile profile, IReadOnlyDictionary<string, string>? variables = null, DoctorOptions? options = null)
    {
        string home = Directory.CreateTempSubdirectory("ocitui-doctor-home-").FullName;
        try
        {
            var environment = new CredentialEnvironment(name => variables is not null && variables.TryGetValue(name, out string? value) ? value : null, home);
            return await ConnectionDoctor.RunAsync(profile, environment, options ?? new DoctorOptions { Timeout = TimeSpan.FromSeconds(5) });
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    /// <summary>Every step's verdict in order, e.g. <c>["dns:ok", "connect:ok", "tls:skipped", ...]</c>.</summary>
    public static string[] Verdicts(DoctorReport report) => [.. report.Steps.Select(s => $"{s.Name}:{s.StatusName}")];
}
