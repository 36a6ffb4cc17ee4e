using OciTui.Registry.Compare;

namespace OciTui.Registry.Tests.Compare;

/// <summary>The YAML facts issue 12 names, one test each: what the key-path view of two values files reports.</summary>
public sealed class ValuesDiffYamlFactsTests
{
    private static IReadOnlyList<ValueChange> Diff(string from, string to)
    {
        YamlReadResult a = YamlReader.Read(from), b = YamlReader.Read(to);
        Assert.True(a.Parsed, a.Problem);
        Assert.True(b.Parsed, b.Problem);
        return ValuesDiff.Compare(a.Value!, b.Value!);
    }

    private static string Line(ValueChange c) => $"{c.Path} {c.Change}: {ValuesDiff.Format(c.From)} -> {ValuesDiff.Format(c.To)}";

    [Fact]
    public void A_changed_leaf_is_reported_with_its_key_path_and_both_values()
    {
        ValueChange change = Assert.Single(Diff("image:\n  tag: v4.1.0\n", "image:\n  tag: v4.1.1\n"));
        Assert.Equal("image.tag Changed: v4.1.0 -> v4.1.1", Line(change));
    }

    [Fact]
    public void Key_order_and_comments_do_not_count_as_changes()
    {
        Assert.Empty(Diff("# a comment\na: 1\nb: two\n", "b: two # moved\na: 1\n"));
    }

    [Fact]
    public void Anchors_and_aliases_are_compared_by_what_they_resolve_to()
    {
        string from = "defaults: &d\n  tag: v1\n  pull: Always\napp:\n  image: *d\nmerged:\n  <<: *d\n  extra: x\n";
        string to = "defaults:\n  tag: v1\n  pull: Always\napp:\n  image:\n    tag: v2\n    pull: Always\nmerged:\n  tag: v1\n  pull: Always\n  extra: x\n";
        ValueChange change = Assert.Single(Diff(from, to));
        Assert.Equal("app.image.tag Changed: v1 -> v2", Line(change));
    }

    [Fact]
    public void Aliases_that_expand_past_the_node_budget_are_refused_not_expanded()
    {
        var laughs = new System.Text.StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) laughs.Append($"{c}: &{c} [*{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}, *{(char)(c - 1)}]\n");
        YamlReadResult result = YamlReader.Read(laughs.ToString());
        Assert.False(result.Parsed);
        Assert.Contains("aliases expand", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_file_with_merge_keys_past_the_parsers_default_event_limit_is_still_read()
    {
        // YamlDotNet's MergingParser refuses past 100,000 events by default; helm reads values files up to 5 MiB.
        var values = new System.Text.StringBuilder("base: &b\n  x: 1\n");
        for (int i = 0; i < 15_000; i++) values.Append($"k{i}:\n  <<: *b\n  y: {i}\n");
        YamlReadResult read = YamlReader.Read(values.ToString());
        Assert.True(read.Parsed, read.Problem);
        Assert.Equal("1", ((YamlScalar)((YamlMap)((YamlMap)read.Value!).Find("k14999")!).Find("x")!).Text);
    }

    [Fact]
    public void Only_the_first_of_several_documents_is_compared_as_helm_reads_only_that_one()
    {
        YamlReadResult read = YamlReader.Read("a: 1\n---\na: 2\n");
        Assert.Equal(2, read.DocumentCount);
        Assert.Empty(Diff("a: 1\n---\na: 2\n", "a: 1\n---\na: 3\n"));
        Assert.Equal("a Changed: 1 -> 5", Line(Assert.Single(Diff("a: 1\n---\nb: 2\n", "a: 5\n"))));
    }

    [Fact]
    public void Lists_without_names_are_compared_by_index()
    {
        IReadOnlyList<ValueChange> changes = Diff("args: [a, b]\n", "args: [a, c, d]\n");
        Assert.Equal(["args[1] Changed: b -> c", "args[2] Added: absent -> d"], changes.Select(Line));
    }

    [Fact]
    public void Lists_whose_items_all_have_a_name_are_compared_by_name_so_an_insert_is_one_addition()
    {
        string from = "env:\n  - name: A\n    value: '1'\n  - name: B\n    value: '2'\n";
        string to = "env:\n  - name: NEW\n    value: x\n  - name: A\n    value: '1'\n  - name: B\n    value: '3'\n";
        Assert.Equal(
            ["env[name=\"B\"].value Changed: \"2\" -> \"3\"", "env[name=\"NEW\"].name Added: absent -> NEW", "env[name=\"NEW\"].value Added: absent -> x"],
            Diff(from, to).Select(Line));
    }

    [Fact]
    public void A_quoted_number_and_a_number_are_a_type_change()
    {
        ValueChange change = Assert.Single(Diff("port: \"1\"\n", "port: 1\n"));
        Assert.Equal("port Changed: \"1\" -> 1", Line(change));
        Assert.Equal(ScalarKind.String, ((YamlScalar)change.From!).Kind);
        Assert.Equal(ScalarKind.Number, ((YamlScalar)change.To!).Kind);
    }

    [Fact]
    public void The_same_number_written_differently_is_no_change()
    {
        Assert.Empty(Diff("a: 1.0\nb: 0x10\n", "a: 1\nb: 16\n"));
    }

    [Fact]
    public void Keys_with_dots_are_quoted_in_the_path()
    {
        ValueChange change = Assert.Single(Diff("podAnnotations:\n  prometheus.io/port: \"9090\"\n", "podAnnotations:\n  prometheus.io/port: \"9091\"\n"));
        Assert.Equal("podAnnotations.\"prometheus.io/port\"", change.Path);
    }

    [Fact]
    public void Null_and_an_absent_key_differ()
    {
        ValueChange change = Assert.Single(Diff("a: 1\n", "a: 1\nb: null\n"));
        Assert.Equal("b Added: absent -> null", Line(change));
        Assert.Equal(ScalarKind.Null, ((YamlScalar)change.To!).Kind);
        Assert.Empty(Diff("b: ~\n", "b: null\n"));
    }

    [Fact]
    public void An_empty_file_is_no_values_like_an_empty_map()
    {
        Assert.Empty(Diff("", "{}\n"));
        Assert.Empty(Diff("# only a comment\n", ""));
        Assert.Equal(["a Added: absent -> 1"], Diff("", "a: 1\n").Select(Line));
    }

    [Fact]
    public void Windows_line_endings_change_nothing_in_the_key_path_view_or_the_text_diff()
    {
        string unix = "a: 1\nb:\n  c: two\n";
        Assert.Empty(Diff(unix, unix.Replace("\n", "\r\n", StringComparison.Ordinal)));
        Assert.Empty(TextDiff.Unified(unix, unix.Replace("\n", "\r\n", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_file_without_a_final_newline_reads_the_same_and_the_text_diff_says_so()
    {
        Assert.Empty(Diff("a: 1\nb: 2\n", "a: 1\nb: 2"));
        IReadOnlyList<DiffLine> lines = TextDiff.Unified("a: 1\nb: 2\n", "a: 1\nb: 2");
        Assert.Equal(["@@ -1,2 +1,2 @@", " a: 1", "-b: 2", "+b: 2", "\\ No newline at end of file"], lines.Select(l => l.ToString()));
    }

    [Fact]
    public void A_map_replaced_by_a_scalar_removes_each_old_leaf_and_adds_the_new_one()
    {
        Assert.Equal(["image.repository Removed: nginx -> absent", "image Added: absent -> nginx:1.27"],
            Diff("image:\n  repository: nginx\n", "image: nginx:1.27\n").Select(Line));
    }

    [Fact]
    public void Invalid_yaml_is_not_parsed_and_says_why_in_one_sentence()
    {
        YamlReadResult result = YamlReader.Read("a: [1, 2\nb: 3\n");
        Assert.False(result.Parsed);
        Assert.StartsWith("it is not valid YAML", result.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Problem!);
    }
}
