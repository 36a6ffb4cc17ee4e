using OciTui.Registry.Text;

namespace OciTui.Registry.Tests.Text;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("\u001b]0;pwned\u0007", "\\e]0;pwned\\x07")]
    [InlineData("a\u001b[2Jb", "a\\e[2Jb")]
    [InlineData("line\rover", "line\\rover")]
    [InlineData("two\nlines", "two\\nlines")]
    [InlineData("c1\u009bx", "c1\\x9Bx")]
    [InlineData("del\u007f", "del\\x7F")]
    [InlineData("evil\u202etxt.exe", "eviltxt.exe")]
    [InlineData("iso\u2066late\u2069", "isolate")]
    [InlineData("zero\u200bwidth", "zerowidth")]
    [InlineData("plain ascii, ünïcödé and 漢字", "plain ascii, ünïcödé and 漢字")]
    public void Renders_controls_visibly_and_drops_invisible_formatting(string input, string expected) =>
        Assert.Equal(expected, TerminalText.Sanitize(input));

    [Fact]
    public void A_lone_surrogate_from_invalid_utf8_becomes_the_replacement_character()
    {
        Assert.Equal("a\uFFFDb", TerminalText.Sanitize("a\uD800b"));
        Assert.Equal("😀", TerminalText.Sanitize("😀"));
    }

    [Fact]
    public void A_megabyte_string_is_truncated_with_an_ellipsis()
    {
        string huge = new('x', 1024 * 1024);
        string shown = TerminalText.Sanitize(huge, 80);
        Assert.Equal(80, shown.Length);
        Assert.EndsWith("…", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void Escapes_count_toward_the_limit()
    {
        string shown = TerminalText.Sanitize(new string('\u001b', 100), 10);
        Assert.True(shown.Length <= 10);
        Assert.DoesNotContain('\u001b', shown);
    }

    [Fact]
    public void Multiline_keeps_newlines_and_expands_tabs_but_still_escapes_the_rest()
    {
        string shown = TerminalText.SanitizeMultiline("a:\n\tb: 1\r\n\u001b[31mred", 1000);
        Assert.Equal("a:\n    b: 1\\r\n\\e[31mred", shown);
    }

    [Fact]
    public void No_output_ever_holds_a_control_character()
    {
        var random = new Random(1);
        for (int round = 0; round < 200; round++)
        {
            char[] chars = new char[random.Next(0, 300)];
            for (int i = 0; i < chars.Length; i++) chars[i] = (char)random.Next(0, 0x3000);
            string shown = TerminalText.Sanitize(new string(chars), 120);
            Assert.DoesNotContain(shown, c => c < 0x20 || (c >= 0x7f && c <= 0x9f) || c is '\u202e' or '\u202d');
            Assert.True(shown.Length <= 120);
        }
    }

    [Fact]
    public void Null_and_empty_are_empty() => Assert.Equal("", TerminalText.Sanitize(null));
}
