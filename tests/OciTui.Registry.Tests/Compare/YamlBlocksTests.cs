using System.Text;
using OciTui.Registry.Compare;

namespace OciTui.Registry.Tests.Compare;

/// <summary>
/// A large values file read by its top-level keys gives exactly what reading it whole gives, or declines and leaves
/// it to the whole read; and between two versions the keys whose text did not change are read once.
/// </summary>
public sealed class YamlBlocksTests
{
    /// <summary>Top-level keys of every shape that can span lines: the text mutations work on.</summary>
    private const string Sample = """
        # a leading comment
        plain: value
        multi: first
          second line
        quoted: "one
          two"
        single: 'it''s'
        literal: |
          line one
           indented
        folded: >-
          folded
          text
        kept: |+
          kept

        flow: {a: 1, b: [x, y],
          c: z}
        list:
        - name: a
          value: 1
        - name: b
        nested:
          deep:
            deeper: [1, 2, 3]
        "quoted key": 1
        'single key': 2
        empty:
        nulls: ~
        numbers: [0x10, 1.0, -1, .5]
        _under: yes

        """;

    [Fact]
    public void A_file_of_plain_top_level_keys_reads_by_blocks_as_it_reads_whole()
    {
        string text = Components(0, 40);
        YamlReadResult? blockwise = YamlBlocks.TryRead(Encoding.UTF8.GetBytes(text), null, splitFrom: 0);

        Assert.NotNull(blockwise);
        AssertSameRead(YamlReader.Read(text), blockwise);
    }

    [Theory]
    [InlineData("a: \"x\ny\"\nb: 1\n", "a quoted scalar runs on over a line that starts in column 0")]
    [InlineData("a: [x,\ny]\nb: 1\n", "a flow list runs on over a line that starts in column 0")]
    [InlineData("a: &x 1\nb: *x\n", "an alias names an anchor of another block")]
    [InlineData("a: 1\nb: 2\na: 3\n", "a top-level key is given twice (helm reads the last; the note needs its line)")]
    [InlineData("a: 1\n---\nb: 2\n", "a second document")]
    [InlineData("%YAML 1.1\n---\na: 1\nb: 2\n", "a directive")]
    [InlineData("a: 1\n<<: {c: 3}\nb: 2\n", "a merge key at the top level")]
    [InlineData("a: 1\n? b\n: 2\nc: 3\n", "an explicit key")]
    [InlineData("a: 1\n&k b: 2\nc: 3\n", "an anchored key")]
    [InlineData("- a\nb: 1\nc: 2\n", "a list before the first key")]
    [InlineData("a: 1\nb\nc: 2\n", "a line that is no key (invalid YAML)")]
    [InlineData("a: 1\nb: [\nc: 2\n", "a flow list never closed (invalid YAML)")]
    [InlineData("a: 1\r b: 2\nc: 3\n", "a lone carriage return ends a line the split does not see")]
    public void A_file_that_does_not_split_soundly_is_left_to_the_whole_read(string text, string why)
    {
        Assert.True(YamlBlocks.TryRead(Encoding.UTF8.GetBytes(text), null, splitFrom: 0) is null, why);
        // The public read gives the whole read's answer, errors and notes included.
        AssertSameRead(YamlReader.Read(text), YamlReader.Read(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("\uFEFF# comment\n\na: 1\nb: 2\n", "a byte order mark and comments before the first key")]
    [InlineData("\uFEFFa: 1\nb: 2\n", "a byte order mark before the first key")]
    [InlineData("a: 1\r\nb:\r\n  c: |\r\n    x\r\n", "Windows line endings")]
    [InlineData("a: 1\nb: 2", "no final newline")]
    [InlineData("a: |\n  x\n\n# c\nb: >\n  y\n", "block scalars, a blank line and a comment between keys")]
    [InlineData("a:\n- x\n- y\nb: 1\n", "a list written at the key's indentation")]
    [InlineData("\"a b\": 1\n'c': 2\n", "quoted keys")]
    [InlineData("a: é\nb: 日本\n", "text outside ASCII")]
    public void A_file_that_splits_reads_as_it_reads_whole(string text, string why)
    {
        YamlReadResult? blockwise = YamlBlocks.TryRead(Encoding.UTF8.GetBytes(text), null, splitFrom: 0);

        Assert.True(blockwise is not null, why);
        AssertSameRead(YamlReader.Read(text), blockwise);
    }

    [Fact]
    public void Any_mutation_of_a_file_reads_by_blocks_as_it_reads_whole_or_is_left_to_the_whole_read() =>
        AssertMutationsReadAsWhole(seed: 20261201, mutations: 3000, maxEdits: 3, alike: null);

    [Fact]
    public void A_version_read_alike_another_reads_as_it_reads_whole_whatever_changed() =>
        AssertMutationsReadAsWhole(seed: 1201, mutations: 2000, maxEdits: 2,
            alike: YamlBlocks.TryRead(Encoding.UTF8.GetBytes(Sample), null, splitFrom: 0)?.Blocks ?? throw new InvalidOperationException("the sample does not split"));

    /// <summary>Mutations of the sample read by blocks (reusing <paramref name="alike"/>'s where given) read as they read whole.</summary>
    private static void AssertMutationsReadAsWhole(int seed, int mutations, int maxEdits, YamlBlocks? alike)
    {
        var random = new Random(seed);
        int split = 0;
        for (int n = 0; n < mutations; n++)
        {
            string text = Mutate(Sample, random, random.Next(1, maxEdits + 1));
            YamlReadResult? blockwise = YamlBlocks.TryRead(Encoding.UTF8.GetBytes(text), alike, splitFrom: 0);
            if (blockwise is null) continue;
            split++;
            AssertSameRead(YamlReader.Read(text), blockwise, text);
        }
        // Many mutations break the file or its split (and are left to the whole read); enough must split, or this tests nothing.
        Assert.InRange(split, mutations / 4, mutations);
    }

    [Fact]
    public void Keys_whose_text_did_not_change_are_read_once_and_the_comparisons_skip_them()
    {
        string older = Components(1, 2_000), newer = older.Replace("repository: org/c7\n", "repository: org/c7b\n", StringComparison.Ordinal);
        Assert.True(older.Length > 2 * YamlBlocks.SplitFrom, "several runs of blocks, read in parallel");
        YamlReadResult a = YamlReader.Read(Encoding.UTF8.GetBytes(older));
        YamlReadResult b = YamlReader.Read(Encoding.UTF8.GetBytes(newer), alike: a);

        var mapA = (YamlMap)a.Value!;
        var mapB = (YamlMap)b.Value!;
        Assert.Same(mapA.Find("component6"), mapB.Find("component6"));
        Assert.NotSame(mapA.Find("component7"), mapB.Find("component7"));
        AssertSameRead(YamlReader.Read(newer), b);
        ValueChange change = Assert.Single(ValuesDiff.Compare(mapA, mapB));
        Assert.Equal("component7.image.repository", change.Path);
        ImageChange image = Assert.Single(ImagesDiff.Compare(mapA, mapB));
        Assert.Equal(("component7.image", "org/c7:v1.7.1", "org/c7b:v1.7.1"), (image.Path, image.From, image.To));
    }

    [Fact]
    public void A_large_file_that_does_not_split_still_reads_and_reports_as_a_whole()
    {
        string text = Components(0, 1_000) + "broken: [\n" + Components(1_000, 10);
        Assert.True(text.Length > YamlBlocks.SplitFrom);

        YamlReadResult read = YamlReader.Read(Encoding.UTF8.GetBytes(text));

        Assert.False(read.Parsed);
        Assert.Equal(YamlReader.Read(text).Problem, read.Problem);
    }

    [Fact]
    public async Task Two_snapshots_compared_both_ways_at_once_do_not_wait_on_each_other()
    {
        string older = Components(0, 1_000), newer = older.Replace("tag: v0.3.0", "tag: v0.3.1", StringComparison.Ordinal);
        for (int round = 0; round < 20; round++)
        {
            ChartSnapshot a = Snapshot("1.0.0", older), b = Snapshot("2.0.0", newer);
            Task<ChartComparison> forward = Task.Run(() => ChartComparer.Compare(a, b, new CompareOptions()));
            Task<ChartComparison> backward = Task.Run(() => ChartComparer.Compare(b, a, new CompareOptions()));
            ChartComparison[] both = await Task.WhenAll(forward, backward).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(both[0].Values!.Changes.Count, both[1].Values!.Changes.Count);
            Assert.NotEmpty(both[0].Values!.Changes);
        }
    }

    private static ChartSnapshot Snapshot(string tag, string values) =>
        new(tag, $"sha256:{tag}", new Dictionary<string, byte[]> { ["values.yaml"] = Encoding.UTF8.GetBytes(values) });

    /// <summary>Components as a large chart's values has them (image, resources, an env list), numbered from <paramref name="first"/>.</summary>
    private static string Components(int first, int count)
    {
        var text = new StringBuilder();
        for (int i = first; i < first + count; i++)
        {
            text.Append(FormattableString.Invariant($"component{i}:\n  enabled: {(i % 3 == 0 ? "false" : "true")}\n  image:\n    repository: org/c{i}\n"));
            text.Append(FormattableString.Invariant($"    tag: v{first % 7}.{i % 10}.{first % 3}\n  resources: {{ limits: {{ cpu: {i}m }} }}\n  env:\n    - name: A\n      value: \"{i}\"\n"));
        }
        return text.ToString();
    }

    /// <summary>A few random edits with the characters YAML gives meaning to, and whole lines moved, doubled or re-indented.</summary>
    private static string Mutate(string text, Random random, int edits)
    {
        const string Meaningful = "\"'[]{}:-#&*|>?!%<,\n\r\t ax1~";
        var result = new StringBuilder(text);
        for (int e = 0; e < edits; e++)
        {
            int at = random.Next(result.Length + 1);
            switch (random.Next(6))
            {
                case 0 when result.Length > 0 && at < result.Length:
                    result.Remove(at, 1);
                    break;
                case 1 or 2:
                    result.Insert(at, Meaningful[random.Next(Meaningful.Length)]);
                    break;
                case 3:
                    // A line doubled or moved: repeated keys, blocks out of order.
                    string[] lines = result.ToString().Split('\n');
                    int line = random.Next(lines.Length);
                    var moved = lines.ToList();
                    moved.Insert(random.Next(moved.Count + 1), lines[line]);
                    if (random.Next(2) == 0) moved.RemoveAt(line);
                    result.Clear().Append(string.Join('\n', moved));
                    break;
                case 4:
                    // A line's indentation changed: into or out of column 0.
                    int start = at == 0 ? 0 : result.ToString().LastIndexOf('\n', Math.Min(at, result.Length) - 1) + 1;
                    if (start < result.Length && result[start] == ' ') result.Remove(start, random.Next(2) == 0 ? 1 : Math.Min(2, result.Length - start));
                    else result.Insert(start, "  ");
                    break;
                default:
                    result.Insert(at, random.Next(2) == 0 ? "\nkey: 1\n" : "\n---\n");
                    break;
            }
        }
        return result.ToString();
    }

    private static void AssertSameRead(YamlReadResult whole, YamlReadResult? blockwise, string? text = null)
    {
        Assert.NotNull(blockwise);
        string context = text is null ? "" : $" for:\n{text}";
        Assert.True(whole.Problem == blockwise.Problem, $"problem '{whole.Problem}' vs '{blockwise.Problem}'{context}");
        Assert.True(whole.DocumentCount == blockwise.DocumentCount, $"documents {whole.DocumentCount} vs {blockwise.DocumentCount}{context}");
        Assert.True(whole.RepeatedKey == blockwise.RepeatedKey, $"repeated key {whole.RepeatedKey} vs {blockwise.RepeatedKey}{context}");
        Assert.True(Same(whole.Value, blockwise.Value), $"the trees differ{context}");
    }

    /// <summary>The same tree exactly: kinds, texts, keys in order, items in order.</summary>
    private static bool Same(YamlValue? a, YamlValue? b) => (a, b) switch
    {
        (null, null) => true,
        (YamlScalar x, YamlScalar y) => x.Kind == y.Kind && x.Text == y.Text,
        (YamlList x, YamlList y) => x.Items.Count == y.Items.Count && x.Items.Zip(y.Items).All(p => Same(p.First, p.Second)),
        (YamlMap x, YamlMap y) => x.Entries.Count == y.Entries.Count
            && x.Entries.Zip(y.Entries).All(p => p.First.Key == p.Second.Key && Same(p.First.Value, p.Second.Value)),
        _ => false,
    };
}
