using System.Text;

namespace OciTui.Registry.Compare;

/// <summary>
/// The key path to the node a walk over a YAML tree is at, kept as a stack of parts and written out as text
/// (<c>a."example.com/role"[2]</c>) only when asked: two 5 MiB values files have 600,000 leaves each, and building every
/// node's path as a string was most of the time of comparing them.
/// </summary>
internal sealed class KeyPath
{
    private readonly List<Part> _parts = [];

    public void PushKey(string key) => _parts.Add(new Part(key, -1, false));

    public void PushIndex(int index) => _parts.Add(new Part(null, index, false));

    /// <summary>A list item by its <c>name</c>: <c>env[name="A"]</c>.</summary>
    public void PushName(string name) => _parts.Add(new Part(name, -1, true));

    public void Pop() => _parts.RemoveAt(_parts.Count - 1);

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (Part part in _parts)
        {
            if (part.Text is null) text.Append('[').Append(part.Index).Append(']');
            else if (part.IsName) text.Append("[name=").Append(ValuesDiff.Quote(part.Text)).Append(']');
            else
            {
                if (text.Length > 0) text.Append('.');
                text.Append(ValuesDiff.KeyPart(part.Text));
            }
        }
        return text.ToString();
    }

    private readonly record struct Part(string? Text, int Index, bool IsName);
}
