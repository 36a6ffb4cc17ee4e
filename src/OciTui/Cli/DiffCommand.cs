using System.CommandLine;
using System.Text.Json;
using OciTui.Registry.Compare;
using static OciTui.Registry.Text.TerminalText;

namespace OciTui.Cli;

/// <summary><c>ocitui diff REF FROM [TO]</c>: what changed between two versions of a chart (values, Chart.yaml, files, images).</summary>
public static class DiffCommand
{
    /// <summary>The exit code of <c>--exit-code</c> when the versions differ (1 and 2 keep their meaning).</summary>
    public const int Differ = 3;

    public static Command Create(CommonOptions common, CliContext context)
    {
        var reference = new Argument<string>("REF") { Description = "The chart's repository, without a tag." };
        var from = new Argument<string>("FROM") { Description = "The version upgraded from: a tag, a chart version or a range as --version takes it." };
        var to = new Argument<string?>("TO") { Description = "The version upgraded to (default: the newest stable version).", Arity = ArgumentArity.ZeroOrOne };
        var values = new Option<bool>("--values") { Description = "Compare values.yaml: changed key paths and a unified diff (the default)." };
        var chart = new Option<bool>("--chart") { Description = "Compare Chart.yaml, dependencies by name." };
        var files = new Option<string?>("--files") { Description = "List files added, removed and changed; with PATTERN (templates/*, crds/*, README.md) also diff their text.", HelpName = "PATTERN", Arity = ArgumentArity.ZeroOrOne };
        var images = new Option<bool>("--images") { Description = "List the container images in values, old and new." };
        var all = new Option<bool>("--all") { Description = "Everything above, one section each." };
        var unified = new Option<int>("--unified", "-U") { Description = "Lines of context in text diffs.", DefaultValueFactory = _ => TextDiff.DefaultContext, HelpName = "N" };
        var json = new Option<bool>("--json") { Description = "Write one JSON document to stdout." };
        var exitCode = new Option<bool>("--exit-code") { Description = $"Exit {Differ} when the versions differ in the sections asked for." };
        var command = new Command("diff", "Compare two versions of a chart: values, Chart.yaml, dependencies, files and images.") { reference, from, to, values, chart, files, images, all, unified, json, exitCode };
        common.AddTo(command);
        command.SetAction((result, token) => CommandRunner.RunAsync(context, result, common, async () =>
        {
            int lines = result.GetValue(unified);
            if (lines < 0) throw new Registry.Errors.InvalidInputException("-U takes a number of lines, 0 or more.");
            bool everything = result.GetValue(all);
            bool filesAsked = result.GetResult(files) is not null;
            var options = new CompareOptions(
                Values: everything || result.GetValue(values) || !(result.GetValue(chart) || filesAsked || result.GetValue(images)),
                Chart: everything || result.GetValue(chart),
                Files: everything || filesAsked,
                Images: everything || result.GetValue(images),
                FilePattern: result.GetValue(files),
                Context: lines);

            using ResolvedTarget resolved = new TargetResolver(context, common.Read(result)).ResolveReference(result.GetValue(reference)!);
            if (resolved.Reference is not null) throw new Registry.Errors.InvalidInputException("Give the versions as FROM and TO, not as a tag in REF.");
            string fromTag = await VersionSelection.TagAsync(resolved, result.GetValue(from), token);
            string toTag = await VersionSelection.TagAsync(resolved, result.GetValue(to), token);
            ChartComparison comparison = await ChartComparer.CompareAsync(resolved.Registry, resolved.Repository!, fromTag, toTag, options, token);

            if (result.GetValue(json)) WriteJson(context.Out, resolved, comparison);
            else new DiffText(context.Out, Colour(context)).Write(resolved, comparison);
            return result.GetValue(exitCode) && comparison.Differs ? Differ : ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Colour on a terminal unless NO_COLOR is set to anything (https://no-color.org).</summary>
    private static bool Colour(CliContext context) => context.OutIsTerminal && string.IsNullOrEmpty(context.GetVariable("NO_COLOR"));

    private static void WriteJson(TextWriter output, ResolvedTarget resolved, ChartComparison comparison) => JsonOutput.Write(output, w =>
    {
        w.WriteStartObject();
        w.WriteString("reference", resolved.Display());
        Version(w, "from", comparison.From);
        Version(w, "to", comparison.To);
        w.WriteBoolean("differ", comparison.Differs);
        if (comparison.Values is { } values)
        {
            w.WriteStartObject("values");
            w.WriteBoolean("structural", values.Structural);
            w.WriteString("note", values.Note);
            Changes(w, values.Changes);
            w.WriteString("diff", TextDiff.Format(values.Text, $"a/values.yaml", $"b/values.yaml"));
            w.WriteEndObject();
        }
        if (comparison.Chart is { } chart)
        {
            w.WriteStartObject("chart");
            w.WriteString("note", chart.Problem);
            Changes(w, chart.Fields);
            w.WriteStartObject("dependencies");
            foreach (DependencyChange dependency in chart.Dependencies)
            {
                w.WriteStartObject(dependency.Name);
                w.WriteString("change", Name(dependency.Change));
                Dependency(w, "from", dependency.From);
                Dependency(w, "to", dependency.To);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteString("diff", TextDiff.Format(comparison.ChartText ?? [], "a/Chart.yaml", "b/Chart.yaml"));
            w.WriteEndObject();
        }
        if (comparison.Files is { } files)
        {
            w.WriteStartObject("files");
            w.WriteStartArray("changes");
            foreach (FileChange file in files)
            {
                w.WriteStartObject();
                w.WriteString("path", file.Path);
                w.WriteString("change", Name(file.Change));
                if (file.FromSize is { } fromSize) w.WriteNumber("fromSize", fromSize);
                if (file.ToSize is { } toSize) w.WriteNumber("toSize", toSize);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (comparison.FileTexts is { } texts)
            {
                w.WriteStartObject("diffs");
                foreach (FileTextDiff text in texts)
                    w.WriteString(text.Path, text.Binary ? "Binary files differ" : TextDiff.Format(text.Lines, $"a/{text.Path}", $"b/{text.Path}"));
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        if (comparison.Images is not null || comparison.ImagesProblem is not null)
        {
            w.WriteStartObject("images");
            w.WriteString("note", comparison.ImagesProblem);
            w.WriteStartArray("changes");
            foreach (ImageChange image in comparison.Images ?? [])
            {
                w.WriteStartObject();
                w.WriteString("path", image.Path);
                w.WriteString("change", Name(image.Change));
                w.WriteString("from", image.From);
                w.WriteString("to", image.To);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndObject();
    });

    private static void Version(Utf8JsonWriter w, string name, ChartSnapshot snapshot)
    {
        w.WriteStartObject(name);
        w.WriteString("version", snapshot.Tag);
        w.WriteString("digest", snapshot.ManifestDigest);
        w.WriteEndObject();
    }

    private static void Dependency(Utf8JsonWriter w, string name, DependencyFields? fields)
    {
        if (fields is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        w.WriteString("version", fields.Version);
        w.WriteString("repository", fields.Repository);
        w.WriteString("condition", fields.Condition);
        w.WriteEndObject();
    }

    /// <summary>A value with its YAML type: a string stays a string ("1"), a number a number (1), an empty map {}.</summary>
    /// <summary>A list of key-path changes, one object each: path, change, and the typed old and new values where there are any.</summary>
    private static void Changes(Utf8JsonWriter w, IEnumerable<ValueChange> changes)
    {
        w.WriteStartArray("changes");
        foreach (ValueChange change in changes)
        {
            w.WriteStartObject();
            w.WriteString("path", change.Path);
            w.WriteString("change", Name(change.Change));
            if (change.From is not null) WriteValue(w, "from", change.From);
            if (change.To is not null) WriteValue(w, "to", change.To);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter w, string name, YamlValue value)
    {
        w.WritePropertyName(name);
        switch (value)
        {
            case YamlMap:
                w.WriteStartObject();
                w.WriteEndObject();
                break;
            case YamlList:
                w.WriteStartArray();
                w.WriteEndArray();
                break;
            case YamlScalar { Kind: ScalarKind.Null }:
                w.WriteNullValue();
                break;
            case YamlScalar { Kind: ScalarKind.Boolean } b:
                w.WriteBooleanValue(YamlScalar.ParseBoolean(b.Text) == true);
                break;
            case YamlScalar { Kind: ScalarKind.Number } n when long.TryParse(n.Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long whole):
                w.WriteNumberValue(whole);
                break;
            case YamlScalar { Kind: ScalarKind.Number } n when YamlScalar.NumberOf(n.Text) is { } number:
                w.WriteNumberValue(number);
                break;
            case YamlScalar s:
                w.WriteStringValue(s.Text);
                break;
        }
    }

    public static string Name(ChangeKind change) => change switch
    {
        ChangeKind.Added => "added",
        ChangeKind.Removed => "removed",
        _ => "changed",
    };

    /// <summary>The text report: a header naming both versions, then one section per comparison; every chart string sanitised.</summary>
    private sealed class DiffText(TextWriter output, bool colour)
    {
        private const string Red = "\e[31m", Green = "\e[32m", Cyan = "\e[36m", Bold = "\e[1m", Reset = "\e[0m";

        public void Write(ResolvedTarget resolved, ChartComparison c)
        {
            output.WriteLine($"{Sanitize(resolved.Display(), 200)}: {Sanitize(c.From.Tag, 130)} ({c.From.ManifestDigest}) -> {Sanitize(c.To.Tag, 130)} ({c.To.ManifestDigest})");
            if (c.Values is { } values)
            {
                Title("values");
                if (values.Note is not null) output.WriteLine(Sanitize(values.Note, 400));
                foreach (ValueChange change in values.Changes) Change(change);
                Diff(values.Text, "values.yaml", c);
                if (!values.Differs) output.WriteLine("values.yaml: no difference.");
            }
            if (c.Chart is { } chart)
            {
                Title("Chart.yaml");
                if (chart.Problem is not null) output.WriteLine(Sanitize(chart.Problem, 400));
                foreach (ValueChange change in chart.Fields) Change(change);
                foreach (DependencyChange dependency in chart.Dependencies) output.WriteLine(Paint(ComparisonText.Dependency(dependency), dependency.Change));
                Diff(c.ChartText ?? [], "Chart.yaml", c);
                if (!chart.Differs && c.ChartText is not { Count: > 0 }) output.WriteLine("Chart.yaml: no difference.");
            }
            if (c.Files is { } files)
            {
                Title("files");
                foreach (FileChange file in files) output.WriteLine(Paint(ComparisonText.File(file), file.Change));
                if (files.Count == 0) output.WriteLine("No file differs.");
                foreach (FileTextDiff text in c.FileTexts ?? [])
                {
                    if (text.Binary) output.WriteLine($"Binary files a/{Sanitize(text.Path, 300)} and b/{Sanitize(text.Path, 300)} differ");
                    else Diff(text.Lines, text.Path, c);
                }
            }
            if (c.Images is not null || c.ImagesProblem is not null)
            {
                Title("images");
                if (c.ImagesProblem is not null) output.WriteLine(Sanitize(c.ImagesProblem, 400));
                foreach (ImageChange image in c.Images ?? []) output.WriteLine(Paint(ComparisonText.Image(image), image.Change));
                if (c.Images is { Count: 0 }) output.WriteLine("No image differs.");
            }
        }

        private void Title(string name)
        {
            output.WriteLine();
            output.WriteLine(colour ? $"{Bold}== {name} =={Reset}" : $"== {name} ==");
        }

        private void Change(ValueChange change) => output.WriteLine(Paint(ComparisonText.Change(change), change.Change));

        private void Diff(IReadOnlyList<DiffLine> lines, string path, ChartComparison c)
        {
            if (lines.Count == 0) return;
            output.WriteLine();
            string name = Sanitize(path, 300);
            output.WriteLine(colour ? $"{Bold}--- a/{name} ({Sanitize(c.From.Tag, 130)}){Reset}" : $"--- a/{name} ({Sanitize(c.From.Tag, 130)})");
            output.WriteLine(colour ? $"{Bold}+++ b/{name} ({Sanitize(c.To.Tag, 130)}){Reset}" : $"+++ b/{name} ({Sanitize(c.To.Tag, 130)})");
            foreach (DiffLine line in lines)
            {
                string text = Sanitize(line.ToString(), 4000);
                output.WriteLine(!colour ? text : line.Kind switch
                {
                    DiffLineKind.Removed => $"{Red}{text}{Reset}",
                    DiffLineKind.Added => $"{Green}{text}{Reset}",
                    DiffLineKind.HunkHeader => $"{Cyan}{text}{Reset}",
                    _ => text,
                });
            }
        }

        private string Paint(string line, ChangeKind change) => !colour ? line : change switch
        {
            ChangeKind.Added => $"{Green}{line}{Reset}",
            ChangeKind.Removed => $"{Red}{line}{Reset}",
            _ => line,
        };
    }
}
