using System.Diagnostics;
using System.Globalization;
using OciTui.Registry;
using OciTui.Registry.Browsing;
using OciTui.Registry.Compare;
using CompareOptions = OciTui.Registry.Compare.CompareOptions;
using OciTui.Registry.Profiles;
using OciTui.Registry.References;
using OciTui.Registry.Trust;
using OciTui.Registry.Versions;

// ocitui-bench versions BASE REPO RUNS [SCREEN [CONCURRENCY]]: the version table of REPO as the TUI fills it: list and sort the tags,
//   load the first SCREEN rows (a screenful), then all of them. Each run opens a new registry (new connections).
// ocitui-bench catalog BASE RUNS: the catalog, paged: time to the first page and to the end.
// ocitui-bench provenance CHART.tgz KEYRING RUNS: verifying CHART.tgz.prov once the .prov is in memory (the keyring loaded
//   once, the chart layer's digest known from its manifest), as the TUI will per row: one verification per run.
// ocitui-bench harbor BASE REPO RUNS: the version table of REPO on a Harbor (plain HTTP) as the TUI fills it: the tags and
//   every row's appVersion, description and signed from Harbor's artifact list; a new registry per run, detection included.
// ocitui-bench compare FROM.yaml TO.yaml RUNS: two values files compared as the TUI's compare view does, in memory:
//   FROM read whole and by its top-level keys (with the GC's pauses and the MiB allocated), both read as a compare reads
//   them (TO reusing FROM's unchanged keys), key paths, unified text diff, each timed, then all of it
//   (ChartComparer.Compare), and the CPU time that took.
// ocitui-bench compare-registry BASE REPO FROM TO RUNS: the compare view's load over the network, every section: both
//   snapshots read with an empty cache (new registry client per run), with only FROM read before (as after Space in the
//   TUI), then again from the cache.
// Prints one line per measure: "name median-ms min-ms max-ms count", medians over RUNS.
string command = args.Length > 0 ? args[0] : "";
var invariant = CultureInfo.InvariantCulture;
switch (command)
{
    case "versions" when args.Length >= 4:
        await Versions(new Uri(args[1]), args[2], int.Parse(args[3], invariant), args.Length > 4 ? int.Parse(args[4], invariant) : 38,
            args.Length > 5 ? int.Parse(args[5], invariant) : null);
        return 0;
    case "catalog" when args.Length >= 3:
        await Catalog(new Uri(args[1]), int.Parse(args[2], invariant));
        return 0;
    case "harbor" when args.Length >= 4:
        await Harbor(new Uri(args[1]), args[2], int.Parse(args[3], invariant));
        return 0;
    case "provenance" when args.Length >= 4:
        Provenance(args[1], args[2], int.Parse(args[3], invariant));
        return 0;
    case "compare" when args.Length >= 4:
        CompareValues(File.ReadAllText(args[1]), File.ReadAllText(args[2]), int.Parse(args[3], invariant));
        return 0;
    case "compare-registry" when args.Length >= 6:
        await CompareRegistry(new Uri(args[1]), args[2], args[3], args[4], int.Parse(args[5], invariant));
        return 0;
    default:
        Console.Error.WriteLine("usage: ocitui-bench versions BASE REPO RUNS [SCREEN [CONCURRENCY]] | catalog BASE RUNS | provenance CHART.tgz KEYRING RUNS | compare FROM.yaml TO.yaml RUNS | compare-registry BASE REPO FROM TO RUNS");
        return 2;
}

// Through the factory, as ocitui opens a profile: an anonymous profile naming the base address.
static IRegistry Open(Uri baseAddress) => RegistryFactory.Open(new Profile { Name = "bench", Registry = baseAddress.ToString() });

static async Task Versions(Uri baseAddress, string repository, int runs, int screen, int? concurrency)
{
    var tags = new List<double>();
    var first = new List<double>();
    var all = new List<double>();
    int rows = 0, errors = 0;
    for (int run = 0; run < runs; run++)
    {
        using IRegistry registry = Open(baseAddress);
        var clock = Stopwatch.StartNew();
        var names = new List<string>();
        await foreach (IReadOnlyList<string> page in registry.ListTagsAsync(repository)) names.AddRange(page);
        List<string> sorted = TagSorter.Sort(names).Select(t => t.Tag).ToList();
        tags.Add(clock.Elapsed.TotalMilliseconds);
        var loader = concurrency is int n ? new TagSummaryLoader(registry, repository, n) : new TagSummaryLoader(registry, repository);
        int loaded = 0, failed = 0;
        void OnLoaded(string tag, TagSummary summary)
        {
            Interlocked.Increment(ref loaded);
            if (summary.Error is not null || summary.AppVersion is null) Interlocked.Increment(ref failed);
        }
        await loader.LoadAsync(sorted.Take(screen), OnLoaded, CancellationToken.None);
        first.Add(clock.Elapsed.TotalMilliseconds);
        await loader.LoadAsync(sorted, OnLoaded, CancellationToken.None);
        all.Add(clock.Elapsed.TotalMilliseconds);
        rows = loaded;
        errors = failed;
    }
    Print("tags", tags, rows);
    Print("first-screen", first, Math.Min(screen, rows));
    Print("all-rows", all, rows);
    Console.WriteLine($"errors 0 0 0 {errors}");
}

static async Task Catalog(Uri baseAddress, int runs)
{
    var first = new List<double>();
    var end = new List<double>();
    int count = 0;
    for (int run = 0; run < runs; run++)
    {
        using IRegistry registry = Open(baseAddress);
        var clock = Stopwatch.StartNew();
        int seen = 0;
        bool firstPage = true;
        await foreach (IReadOnlyList<string> page in registry.ListRepositoriesAsync())
        {
            if (firstPage) first.Add(clock.Elapsed.TotalMilliseconds);
            firstPage = false;
            seen += page.Count;
        }
        end.Add(clock.Elapsed.TotalMilliseconds);
        count = seen;
    }
    Print("first-page", first, count);
    Print("all-pages", end, count);
}

static void Provenance(string chart, string keyringPath, int runs)
{
    byte[] provenance = File.ReadAllBytes(chart + ".prov");
    Digest digest = Digest.ComputeSha256(File.ReadAllBytes(chart));
    // Where the time goes: reading and parsing the keyring, the first verification in the process (code loaded and
    // compiled on first use), then every later one (what the TUI pays per row: it loads the keyring once per profile).
    var load = Stopwatch.StartNew();
    Keyring keyring = Keyring.Load(keyringPath);
    Print("keyring-load", [load.Elapsed.TotalMilliseconds], keyring.KeyCount);
    var first = Stopwatch.StartNew();
    ProvenanceVerifier.Verify(provenance, digest, Path.GetFileName(chart), keyring, DateTimeOffset.UtcNow);
    Print("verify-first", [first.Elapsed.TotalMilliseconds], provenance.Length);
    var reload = new List<double>();
    for (int run = 0; run < Math.Min(runs, 20); run++)
    {
        var clock = Stopwatch.StartNew();
        ProvenanceVerifier.Verify(provenance, digest, Path.GetFileName(chart), Keyring.Load(keyringPath), DateTimeOffset.UtcNow);
        reload.Add(clock.Elapsed.TotalMilliseconds);
    }
    Print("verify-loading-keyring-each-time", reload, provenance.Length);
    var times = new List<double>();
    string outcome = "";
    for (int run = 0; run < runs; run++)
    {
        var clock = Stopwatch.StartNew();
        ProvenanceVerdict verdict = ProvenanceVerifier.Verify(provenance, digest, Path.GetFileName(chart), keyring, DateTimeOffset.UtcNow);
        times.Add(clock.Elapsed.TotalMilliseconds);
        outcome = verdict.OutcomeName;
    }
    Print($"verify-{outcome}", times, provenance.Length);
}

static async Task Harbor(Uri baseAddress, string repository, int runs)
{
    var times = new List<double>();
    int rows = 0;
    for (int run = 0; run < runs; run++)
    {
        using IRegistry registry = Open(baseAddress);
        var clock = Stopwatch.StartNew();
        (List<string> tags, VersionTable? table) = await TagListing.ListAsync(registry, repository, null, CancellationToken.None);
        List<string> sorted = TagSorter.Sort(tags).Select(t => t.Tag).ToList();
        var loader = new TagSummaryLoader(registry, repository, known: table);
        int filled = 0;
        await loader.LoadAsync(sorted, (_, summary) => { if (summary.AppVersion is not null) Interlocked.Increment(ref filled); }, CancellationToken.None);
        times.Add(clock.Elapsed.TotalMilliseconds);
        rows = filled;
    }
    Print("harbor-version-table", times, rows);
}

static void CompareValues(string from, string to, int runs)
{
    var whole = new List<double>();
    var blockwise = new List<double>();
    var blockwisePause = new List<double>();
    int blockwiseCollections = 0, allocated = 0;
    var parse = new List<double>();
    var keys = new List<double>();
    var text = new List<double>();
    var all = new List<double>();
    var allCpu = new List<double>();
    int changes = 0, lines = 0;
    for (int run = 0; run < runs; run++)
    {
        byte[] bytesFrom = System.Text.Encoding.UTF8.GetBytes(from), bytesTo = System.Text.Encoding.UTF8.GetBytes(to);
        // One file read whole (one core), then by its top-level keys (every core), as a compare reads a version new to it.
        var clock = Stopwatch.StartNew();
        YamlReader.Read(from);
        whole.Add(clock.Elapsed.TotalMilliseconds);
        long allocatedBefore = GC.GetTotalAllocatedBytes(true);
        TimeSpan paused = GC.GetTotalPauseDuration();
        int collections = GC.CollectionCount(0);
        clock.Restart();
        YamlReader.Read(bytesFrom);
        blockwise.Add(clock.Elapsed.TotalMilliseconds);
        blockwisePause.Add((GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
        blockwiseCollections = GC.CollectionCount(0) - collections;
        allocated = (int)((GC.GetTotalAllocatedBytes(true) - allocatedBefore) / 1048576);
        clock.Restart();
        // As a compare reads them: the second reusing the first's read where their text is the same.
        YamlReadResult a = YamlReader.Read(bytesFrom);
        YamlReadResult b = YamlReader.Read(bytesTo, a);
        parse.Add(clock.Elapsed.TotalMilliseconds);
        clock.Restart();
        changes = a.Value is { } va && b.Value is { } vb ? ValuesDiff.Compare(va, vb).Count : -1;
        keys.Add(clock.Elapsed.TotalMilliseconds);
        clock.Restart();
        lines = TextDiff.Unified(from, to).Count;
        text.Add(clock.Elapsed.TotalMilliseconds);
        var snapshotA = new ChartSnapshot("a", "sha256:a", new Dictionary<string, byte[]> { ["values.yaml"] = System.Text.Encoding.UTF8.GetBytes(from) });
        var snapshotB = new ChartSnapshot("b", "sha256:b", new Dictionary<string, byte[]> { ["values.yaml"] = System.Text.Encoding.UTF8.GetBytes(to) });
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        ChartComparer.Compare(snapshotA, snapshotB, CompareOptions.Everything);
        all.Add(clock.Elapsed.TotalMilliseconds);
        allCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
    }
    Print("parse-one-whole", whole, from.Length);
    Print("parse-one-blockwise", blockwise, from.Length);
    // The garbage collector's pauses in that read (all threads stop), and its collections in the last run; then the
    // MiB that read allocates (the parser's garbage, mostly), as a count.
    Print("parse-one-blockwise-gc-pause", blockwisePause, blockwiseCollections);
    Print("parse-one-blockwise-allocated-mib", [allocated], allocated);
    Print("parse-both", parse, from.Length + to.Length);
    Print("key-paths", keys, changes);
    Print("text-diff", text, lines);
    Print("compare-all", all, changes);
    // CPU time of all threads during compare-all: on a shared machine the wall time depends on the load, this less so.
    Print("compare-all-cpu", allCpu, changes);
}

static async Task CompareRegistry(Uri baseAddress, string repository, string from, string to, int runs)
{
    var cold = new List<double>();
    var marked = new List<double>();
    var warm = new List<double>();
    int changes = 0;
    for (int run = 0; run < runs; run++)
    {
        using IRegistry registry = Open(baseAddress);
        var cache = new SnapshotCache();
        var clock = Stopwatch.StartNew();
        ChartComparison comparison = await ChartComparer.CompareAsync(registry, repository, from, to, CompareOptions.Everything, cache);
        cold.Add(clock.Elapsed.TotalMilliseconds);
        clock.Restart();
        comparison = await ChartComparer.CompareAsync(registry, repository, from, to, CompareOptions.Everything, cache);
        warm.Add(clock.Elapsed.TotalMilliseconds);
        changes = comparison.Values?.Changes.Count ?? 0;

        // As the TUI after Space: the marked version already read (values included), the selected one not yet.
        using IRegistry fresh = Open(baseAddress);
        var markedOnly = new SnapshotCache();
        _ = (await markedOnly.ReadAsync(fresh, repository, from)).Values;
        clock.Restart();
        await ChartComparer.CompareAsync(fresh, repository, from, to, CompareOptions.Everything, markedOnly);
        marked.Add(clock.Elapsed.TotalMilliseconds);
    }
    Print("compare-uncached", cold, changes);
    Print("compare-marked-read", marked, changes);
    Print("compare-cached", warm, changes);
}

static void Print(string name, List<double> values, int count)
{
    values.Sort();
    double median = values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {median:0.0} {values[0]:0.0} {values[^1]:0.0} {count}"));
}
