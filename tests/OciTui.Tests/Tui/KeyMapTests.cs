using OciTui.Registry.Profiles;
using OciTui.Tui;
using Terminal.Gui.Input;
using KeyBinding = OciTui.Tui.KeyBinding;

namespace OciTui.Tests.Tui;

/// <summary>The key map is the one place a key lives: the README, the help and the status line are made from it.</summary>
public sealed class KeyMapTests
{
    private static Profile Demo => new() { Name = "demo", Layout = RepositoryPaths.DemoLayout };

    [Fact]
    public void The_readme_key_table_is_the_key_map_s_table()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).ReplaceLineEndings("\n");
        string table = KeyMap.MarkdownTable();
        Assert.True(readme.Contains(table, StringComparison.Ordinal),
            $"README.md's key table differs from the key map (src/OciTui/Tui/KeyMap.cs). Put this table in the README:\n{table}");
    }

    [Fact]
    public void The_help_names_every_binding_with_its_text()
    {
        string help = string.Join("\n", KeyMap.HelpLines(60));
        // Wrapped lines and the label column collapse to single spaces: each binding reads "label help".
        string flat = System.Text.RegularExpressions.Regex.Replace(help, @"\s+", " ");
        foreach (KeyBinding binding in KeyMap.Bindings)
            Assert.Contains($"{binding.Label} {binding.Help}", flat, StringComparison.Ordinal);
        Assert.Contains("Tab / Shift-Tab   next / previous pane", help, StringComparison.Ordinal);
        Assert.Contains("Download dialog   Enter start", help, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(80)]
    public void No_help_line_is_wider_than_the_room_it_is_given(int columns)
    {
        Assert.All(KeyMap.HelpLines(columns - 6), line => Assert.True(line.Length <= columns - 6, $"'{line}' is {line.Length} wide"));
    }

    [Fact]
    public void Every_binding_s_scope_has_a_place_in_the_help()
    {
        string help = string.Join("\n", KeyMap.HelpLines(200));
        foreach (KeyBinding binding in KeyMap.Bindings) Assert.Contains(binding.Help, help, StringComparison.Ordinal);
    }

    [Fact]
    public void No_key_means_two_things_in_one_pane()
    {
        foreach (KeyScope pane in new[] { KeyScope.Profiles, KeyScope.Repositories, KeyScope.Tags, KeyScope.Details, KeyScope.DownloadDialog })
        {
            var keys = KeyMap.Bindings.Where(b => (b.Scope & pane) != 0).SelectMany(b => b.Keys).ToList();
            Assert.Equal(keys.Count, keys.Distinct().Count());
        }
    }

    [Theory]
    [InlineData(KeyScope.Profiles, "a add")]
    [InlineData(KeyScope.Repositories, "p pin")]
    [InlineData(KeyScope.Tags, "d download")]
    [InlineData(KeyScope.Details, "v values")]
    public void Each_pane_s_status_line_fits_80_columns_and_shows_its_own_keys_and_the_help(KeyScope pane, string own)
    {
        string line = KeyMap.StatusLine(pane, 80);
        Assert.True(line.Length <= 80, line);
        Assert.Contains(own, line, StringComparison.Ordinal);
        Assert.Contains("? help", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_pressed_where_it_does_not_apply_says_why_on_the_status_line()
    {
        using var tui = new TuiHarness([Demo]);
        await tui
            .WaitFor("demo")
            .Keys(Key.D).WaitFor("d works in Tags and Details (download the chart, verified)")
            .Keys(Key.P).WaitFor("p works in Repositories (pin or unpin the repository")
            .Keys(Key.Tab, Key.Tab).Keys(Key.D).WaitFor("d download: open a profile first")
            .Keys(Key.J).WaitFor("? help")
            .RunAsync();
    }

    /// <summary>Defect: at 60 columns the help lost lines; now it wraps to the screen and scrolls.</summary>
    [Fact]
    public async Task At_60_columns_the_help_wraps_and_scrolls_to_its_last_line()
    {
        using var tui = new TuiHarness([Demo], columns: 60, rows: 20);
        await tui
            .WaitFor("demo")
            .Keys(new Key('?')).WaitFor("Tab / Shift-Tab   next / previous pane")
            .Keys(Key.End).WaitFor("Download dialog")
            .Do(() => Assert.All(tui.Screen.Split('\n'), row => Assert.True(row.Length <= 60)), "nothing wider than the screen")
            .RunAsync();
    }
}
