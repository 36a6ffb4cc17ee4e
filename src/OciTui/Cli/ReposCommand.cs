using System.CommandLine;
using OciTui.Registry.Browsing;
using OciTui.Registry.Text;

namespace OciTui.Cli;

/// <summary><c>ocitui repos TARGET [--json]</c>: the catalog, else the profile's pinned repositories.</summary>
public static class ReposCommand
{
    public static Command Create(CommonOptions common, CliContext context)
    {
        var target = new Argument<string>("TARGET") { Description = "A profile name or a registry host." };
        var json = new Option<bool>("--json") { Description = "Write one JSON document to stdout." };
        var command = new Command("repos", "List the repositories of a registry: through Harbor's or Docker Hub's API where it has one, else its catalog, else the profile's pinned repositories.") { target, json };
        common.AddTo(command);
        command.SetAction((result, token) => CommandRunner.RunAsync(context, result, common, async () =>
        {
            using ResolvedTarget resolved = new TargetResolver(context, common.Read(result)).ResolveRegistry(result.GetValue(target)!);
            RepositoryList listed = await RepositoryListing.ListAsync(resolved.Registry, resolved.Profile.Repositories, cancellationToken: token);
            if (listed.Note is not null) context.Error.WriteLine($"note: {listed.Note}");
            IReadOnlyList<string> repositories = listed.Names;
            string source = listed.Source switch
            {
                RepositorySource.Catalog => "catalog",
                RepositorySource.Harbor => "harbor",
                RepositorySource.DockerHub => "docker-hub",
                _ => "pinned",
            };
            if (result.GetValue(json))
            {
                JsonOutput.Write(context.Out, w =>
                {
                    w.WriteStartObject();
                    // The address and the profile apart: a profile name is no registry a script could reach.
                    w.WriteString("registry", resolved.Profile.DisplayAddress);
                    w.WriteString("profile", resolved.Profile.SourceFile is null ? null : resolved.Profile.Name);
                    w.WriteString("source", source);
                    w.WriteStringArray("repositories", repositories);
                    if (listed.HelmCharts.Count > 0) w.WriteStringArray("helmCharts", repositories.Where(listed.HelmCharts.Contains).ToList());
                    w.WriteEndObject();
                });
            }
            else
            {
                foreach (string repository in repositories)
                    context.Out.WriteLine(TerminalText.Sanitize(repository) + (listed.HelmCharts.Contains(repository) ? "  (helm)" : ""));
            }
            return 0;
        }));
        return command;
    }
}
