using Terminal.Gui.Configuration;
using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace OciTui.Tui;

/// <summary>
/// NO_COLOR (no-color.org): every scheme draws in the terminal's own colors (SGR 39/49), and focus and selection show
/// by reverse video, bold and underline instead. Terminal.Gui on its own only drops to 16 colors.
/// </summary>
public static class Monochrome
{
    public static bool IsRequested(Func<string, string?> getVariable) => getVariable("NO_COLOR") is { Length: > 0 };

    /// <summary>Set once <see cref="Apply"/> ran: views that colour their own lines (the compare view) leave colour out.</summary>
    public static bool IsActive { get; private set; }

    public static void Apply()
    {
        IsActive = true;
        var scheme = new Scheme
        {
            Normal = Plain(TextStyle.None),
            HotNormal = Plain(TextStyle.Underline),
            Focus = Plain(TextStyle.Reverse),
            HotFocus = Plain(TextStyle.Reverse | TextStyle.Underline),
            Active = Plain(TextStyle.Bold),
            HotActive = Plain(TextStyle.Bold | TextStyle.Underline),
            Highlight = Plain(TextStyle.Bold),
            Editable = Plain(TextStyle.Underline),
            ReadOnly = Plain(TextStyle.None),
            Disabled = Plain(TextStyle.Faint),
        };
        foreach (string name in SchemeManager.GetSchemeNames().ToList()) SchemeManager.AddScheme(name, scheme);
    }

    private static Attribute Plain(TextStyle style) => new(Color.None, Color.None, style);
}
