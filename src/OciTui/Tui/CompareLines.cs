using System.Collections;

namespace OciTui.Tui;

/// <summary>
/// The lines of one compare tab. A diff's lines are made when they are drawn (or asked for), not all before the first
/// is shown: when every component of a 5 MiB values file changed, the values tab has 370,000 lines, and making them all
/// took 0.1-0.3 s at 80 columns and 0.3-0.7 s side by side, after the comparison itself. Short runs (headings, the
/// key-path summary) are kept as made.
/// </summary>
public sealed class CompareLines : IReadOnlyList<CompareLine>
{
    private readonly List<Run> _runs = [];
    private List<CompareLine>? _made;
    private List<int>? _changeStarts;

    /// <summary>
    /// Lines <see cref="Start"/> to <see cref="Start"/> + <see cref="Count"/>: each one's kind and text by its place
    /// in the run (a run of lines made at once grows as they are added).
    /// </summary>
    private sealed class Run(int start, int count, Func<int, CompareLineKind> kind, Func<int, string> text)
    {
        public int Start { get; } = start;

        public int Count { get; set; } = count;

        public Func<int, CompareLineKind> Kind { get; } = kind;

        public Func<int, string> Text { get; } = text;
    }

    public int Count { get; private set; }

    /// <summary>The longest line's length, what the list may scroll sideways to.</summary>
    public int MaxLength { get; private set; }

    /// <summary>A line made now.</summary>
    public void Add(CompareLineKind kind, string text)
    {
        if (_made is null)
        {
            List<CompareLine> made = _made = [];
            _runs.Add(new Run(Count, 0, i => made[i].Kind, i => made[i].Text));
        }
        _made.Add(new CompareLine(kind, text));
        _runs[^1].Count = _made.Count;
        Count++;
        MaxLength = Math.Max(MaxLength, text.Length);
    }

    /// <summary><paramref name="count"/> lines made when asked for; <paramref name="maxLength"/> is the longest one's length.</summary>
    public void AddRun(int count, Func<int, CompareLineKind> kind, Func<int, string> text, int maxLength)
    {
        if (count == 0) return;
        _made = null;
        _runs.Add(new Run(Count, count, kind, text));
        Count += count;
        MaxLength = Math.Max(MaxLength, maxLength);
    }

    public CompareLineKind KindAt(int index)
    {
        Run run = RunOf(index);
        return run.Kind(index - run.Start);
    }

    public string TextAt(int index)
    {
        Run run = RunOf(index);
        return run.Text(index - run.Start);
    }

    public CompareLine this[int index] => new(KindAt(index), TextAt(index));

    /// <summary>The first line of every run of changed lines, in order: where next and previous change stop.</summary>
    public IReadOnlyList<int> ChangeStarts
    {
        get
        {
            if (_changeStarts is { } known) return known;
            var starts = new List<int>();
            bool before = false;
            for (int i = 0; i < Count; i++)
            {
                bool change = CompareLine.IsChangeKind(KindAt(i));
                if (change && !before) starts.Add(i);
                before = change;
            }
            return _changeStarts = starts;
        }
    }

    /// <summary>The lines' texts, for the list to draw: each made when drawn.</summary>
    public IReadOnlyList<string> Texts => new TextsOf(this);

    public IEnumerator<CompareLine> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Run RunOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        int low = 0, high = _runs.Count - 1;
        while (low < high)
        {
            int middle = (low + high + 1) / 2;
            if (_runs[middle].Start <= index) low = middle;
            else high = middle - 1;
        }
        return _runs[low];
    }

    private sealed class TextsOf(CompareLines lines) : IReadOnlyList<string>
    {
        public int Count => lines.Count;

        public string this[int index] => lines.TextAt(index);

        public IEnumerator<string> GetEnumerator()
        {
            for (int i = 0; i < lines.Count; i++) yield return lines.TextAt(i);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
