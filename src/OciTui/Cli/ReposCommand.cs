using System.CommandLine;
using OciTui.Registry.Errors;
using OciTui.Registry.Text;

namespace OciTui.Cli;

/// <summary><c>ocitui repos TARGET [--json]</c>: the catalog, else the profile's pinned repositories.</summary>
public static class ReposCommand
{
    public static Command Create(CommonOptions common, CliContext context)
    {
        var target = new Argument<string>("TARGET") { Description = "A profile name or a registry host." };
        var json = new Option<bool>("--json") { Description = "Write one JSON document to stdout." };
        var command = new Command("repos", "List the repositories of a registry: its catalog, else the profile's pinned repositories.") { target, json };
        common.AddTo(command);
        command.SetAction((result, token) => CommandRunner.RunAsync(context, result, common, async () =>
        {
            using ResolvedTarget resolved = new TargetResolver(context, common.Read(result)).ResolveRegistry(result.GetValue(target)!);
            (IReadOnlyList<string> repositories, string source) = await ListAsync(resolved, context, token);
            if (result.GetValue(json))
            {
                JsonOutput.Write(context.Out, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("registry", resolved.Display());
                    w.WriteString("source", source);
                    w.WriteStringArray("repositories", repositories);
                    w.WriteEndObject();
                });
            }
            else
            {
                foreach (string repository in repositories) context.Out.WriteLine(TerminalText.Sanitize(repository));
            }
            return 0;
        }));
        return command;
    }

    private static async Task<(IReadOnlyList<string>, string)> ListAsync(ResolvedTarget resolved, CliContext context, CancellationToken token)
    {
        try
        {
            var all = new List<string>();
            await foreach (IReadOnlyList<string> page in resolved.Registry.ListRepositoriesAsync(token)) all.AddRange(page);
            return (all, "catalog");
        }
        catch (CatalogUnavailableException e) when (resolved.Profile.Repositories.Count > 0)
        {
            context.Error.WriteLine($"note: {e.Message} Showing the profile's pinned repositories.");
            return (resolved.Profile.Repositories, "pinned");
        }
    }
}
