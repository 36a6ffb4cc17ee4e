using System.CommandLine;
using System.Globalization;
using OciTui.Registry.Browsing;
using OciTui.Registry.Charts;
using OciTui.Registry.Errors;
using OciTui.Registry.Inspection;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Text;
using OciTui.Registry.Transfers;
using OciTui.Registry.Trust;
using static OciTui.Registry.Text.TerminalText;

namespace OciTui.Cli;

/// <summary><c>ocitui show REF[:TAG|@DIGEST] [--version V] [--json] [--chart|--values|--readme]</c>: what a tag is, or a chart's files.</summary>
public static class ShowCommand
{
    public static Command Create(CommonOptions common, CliContext context)
    {
        var reference = new Argument<string>("REF") { Description = "REF[:TAG|@DIGEST]; without a tag or --version, the newest semantic version." };
        Option<string?> version = VersionSelection.CreateOption("show");
        var json = new Option<bool>("--json") { Description = "Write one JSON document to stdout." };
        var chart = new Option<bool>("--chart") { Description = "Print the chart's Chart.yaml (helm show chart)." };
        var values = new Option<bool>("--values") { Description = "Print the chart's values.yaml (helm show values)." };
        var readme = new Option<bool>("--readme") { Description = "Print the chart's README (helm show readme)." };
        var command = new Command("show", "Show a tag: digest, media types, annotations, config, layers and Helm chart metadata.") { reference, version, json, chart, values, readme };
        common.AddTo(command);
        command.SetAction((result, token) => CommandRunner.RunAsync(context, result, common, async () =>
        {
            using ResolvedTarget resolved = new TargetResolver(context, common.Read(result)).ResolveReference(result.GetValue(reference)!);
            string tagOrDigest = await VersionSelection.TagAsync(resolved, result.GetValue(version), token);
            ArtifactDetails details = await ArtifactInspector.InspectAsync(resolved.Registry, resolved.Repository!, ManifestReference.Parse(tagOrDigest), token);

            bool[] files = [result.GetValue(chart), result.GetValue(values), result.GetValue(readme)];
            if (files.Count(f => f) > 1) throw new InvalidInputException("Give only one of --chart, --values and --readme.");
            if (files.Any(f => f))
            {
                ChartFiles chartFiles = await DetailsText.ReadChartFilesAsync(resolved.Registry, details, token);
                string? text = files[0] ? chartFiles.ChartYaml : files[1] ? chartFiles.ValuesYaml : chartFiles.Readme;
                if (text is null)
                {
                    // helm show values/readme prints nothing and succeeds for a chart without the file; so does ocitui, with a note.
                    if (files[0]) throw new RegistryException("The chart has no Chart.yaml.");
                    context.Error.WriteLine(files[1] ? "note: the chart has no values.yaml." : "note: the chart has no README.");
                    return 0;
                }
                // helm show prints the file and then a newline of its own (fmt.Fprintln), even after the file's last one.
                context.Out.Write(SanitizeMultiline(text, int.MaxValue));
                context.Out.WriteLine();
                return 0;
            }
            IReadOnlyList<TagReferrer>? referrers;
            try
            {
                // The referrers API (or its tag-schema fallback), and cosign's sha256-<hex>.sig/.att/.sbom tags.
                referrers = await TagReferrers.FindAsync(resolved.Registry, resolved.Repository!, details.Manifest.Digest, null, token);
            }
            catch (RegistryException e)
            {
                // The tag itself was read: a registry that refuses its referrers still gets its show, with a note saying what is missing.
                context.Error.WriteLine($"note: the referrers could not be listed: {e.Message}");
                referrers = null;
            }
            if (result.GetValue(json)) WriteJson(context.Out, resolved.Display(tagOrDigest), details, referrers);
            else WriteText(context.Out, resolved.Display(tagOrDigest), details, referrers);
            return 0;
        }));
        return command;
    }

    private static void WriteJson(TextWriter output, string reference, ArtifactDetails details, IReadOnlyList<TagReferrer>? referrers) => JsonOutput.Write(output, w =>
    {
        FetchedManifest manifest = details.Manifest;
        w.WriteStartObject();
        w.WriteString("reference", reference);
        w.WriteString("digest", manifest.Digest.ToString());
        w.WriteString("mediaType", manifest.MediaType);
        w.WriteString("artifactType", manifest.Manifest?.EffectiveArtifactType ?? manifest.Index?.ArtifactType);
        // "size" is the manifest's own, as in a descriptor; "totalSize" is what a pull fetches, the figure text output shows.
        w.WriteNumber("size", manifest.Size);
        w.WriteNumber("totalSize", details.TotalSize);
        w.WriteMap("annotations", manifest.Annotations);
        if (details.Config is { } config)
        {
            w.WritePropertyName("config");
            w.WriteDescriptor(config);
        }
        else
        {
            w.WriteNull("config");
        }
        w.WriteStartArray("layers");
        foreach (Descriptor layer in manifest.Manifest?.Layers ?? []) w.WriteDescriptor(layer);
        w.WriteEndArray();
        if (manifest.Index is { } index)
        {
            w.WriteStartArray("manifests");
            foreach (Descriptor child in index.Manifests) w.WriteDescriptor(child);
            w.WriteEndArray();
        }
        if (details.Chart is { } chart) w.WriteChart("chart", chart);
        else w.WriteNull("chart");
        if (referrers is null)
        {
            w.WriteNull("referrers");
            w.WriteEndObject();
            return;
        }
        w.WriteStartArray("referrers");
        foreach (TagReferrer found in referrers)
        {
            Descriptor referrer = found.Descriptor;
            w.WriteStartObject();
            w.WriteString("kind", ReferrerKinds.JsonName(found.Kind));
            w.WriteString("artifactType", referrer.ArtifactType);
            w.WriteString("mediaType", referrer.MediaType);
            w.WriteString("digest", referrer.Digest);
            w.WriteNumber("size", referrer.Size);
            w.WriteString("created", found.Created);
            // Set for cosign's tag-scheme artifacts: the tag they are kept under.
            w.WriteString("tag", found.Tag);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteText(TextWriter output, string reference, ArtifactDetails details, IReadOnlyList<TagReferrer>? referrers)
    {
        FetchedManifest manifest = details.Manifest;
        void Line(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value)) output.WriteLine($"{label + ":",-16}{Sanitize(value, 400)}");
        }
        Line("Reference", reference);
        Line("Digest", manifest.Digest.ToString());
        Line("Media type", manifest.MediaType);
        Line("Artifact type", manifest.Manifest?.EffectiveArtifactType ?? manifest.Index?.ArtifactType);
        Line("Size", ByteSize.Format(details.TotalSize));
        Line("Created", details.Created?.ToString("u", CultureInfo.InvariantCulture));

        if (details.Chart is { } chart)
        {
            output.WriteLine();
            output.WriteLine("Chart:");
            Line("  Name", chart.Name);
            Line("  Version", chart.Version);
            Line("  App version", chart.AppVersion);
            Line("  Description", chart.Description);
            Line("  Type", chart.Type);
            Line("  Home", chart.Home);
            Line("  Kube version", chart.KubeVersion);
            if (chart.Deprecated == true) Line("  Deprecated", "yes");
            if (chart.Sources is { Count: > 0 }) Line("  Sources", string.Join(", ", chart.Sources));
            if (chart.Keywords is { Count: > 0 }) Line("  Keywords", string.Join(", ", chart.Keywords));
            foreach (HelmMaintainer m in chart.Maintainers ?? []) Line("  Maintainer", $"{m.Name}{(m.Email is null ? "" : $" <{m.Email}>")}");
            foreach (HelmDependency d in chart.Dependencies ?? []) Line("  Dependency", $"{d.Name} {d.Version} {d.Repository}");
        }
        if (manifest.Annotations.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Annotations:");
            foreach ((string key, string value) in manifest.Annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
                output.WriteLine($"  {Sanitize(key, 100)}: {Sanitize(value, 300)}");
        }
        if (details.Config is { } config)
        {
            output.WriteLine();
            output.WriteLine("Config:");
            output.WriteLine($"  {Sanitize(config.MediaType, 100)}  {Sanitize(config.Digest, 80)}  {ByteSize.Format(config.Size)}");
        }
        if (manifest.Manifest is { Layers.Count: > 0 } image)
        {
            output.WriteLine();
            output.WriteLine("Layers:");
            foreach (Descriptor layer in image.Layers)
                output.WriteLine($"  {Sanitize(layer.MediaType, 100)}  {Sanitize(layer.Digest, 80)}  {ByteSize.Format(layer.Size)}");
        }
        if (referrers is { Count: > 0 })
        {
            output.WriteLine();
            output.WriteLine("Referrers:");
            foreach (TagReferrer found in referrers)
            {
                Descriptor referrer = found.Descriptor;
                output.WriteLine($"  {ReferrerKinds.Describe(found.Kind),-20}{Sanitize(referrer.Digest, 80)}  {ByteSize.Format(referrer.Size)}"
                    + $"  {Sanitize(found.Type, 100)}{(found.Created is { } created ? $"  {Sanitize(created, 40)}" : "")}{(found.Tag is { } tag ? $"  tag {Sanitize(tag, 80)}" : "")}");
            }
        }
        if (manifest.Index is { } index)
        {
            output.WriteLine();
            output.WriteLine("Manifests:");
            foreach (Descriptor child in index.Manifests)
                output.WriteLine($"  {Sanitize(child.Platform?.ToString() is { Length: > 0 } p ? p : "(no platform)", 60),-20}{Sanitize(child.Digest, 80)}  {ByteSize.Format(child.Size)}");
        }
    }
}
