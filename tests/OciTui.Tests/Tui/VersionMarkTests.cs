using OciTui.Registry;
using OciTui.Registry.Layout;
using OciTui.Registry.Profiles;
using OciTui.Tui;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui;

/// <summary>Space marks versions in Tags; the marks live in the browse session, for compare and copy.</summary>
public sealed class VersionMarkTests
{
    private static Profile Demo => new() { Name = "demo", Layout = RepositoryPaths.DemoLayout };

    private static BrowseSession Open() => new((profile, _) => new LayoutRegistry(profile.Layout!)) { DetailsDelay = TimeSpan.Zero };

    [Fact]
    public async Task Marked_tags_come_in_the_table_s_order_and_a_second_toggle_unmarks()
    {
        using BrowseSession session = Open();
        await session.OpenProfileAsync(Demo);
        await session.OpenRepositoryAsync("charts/hello");

        session.ToggleMark("0.1.0");
        session.ToggleMark("1.0.0");
        session.ToggleMark("0.2.0");
        Assert.Equal(["1.0.0", "0.2.0", "0.1.0"], session.MarkedTags);

        session.ToggleMark("0.2.0");
        Assert.Equal(["1.0.0", "0.1.0"], session.MarkedTags);
    }

    [Fact]
    public async Task A_tag_the_repository_does_not_list_cannot_be_marked()
    {
        using BrowseSession session = Open();
        await session.OpenProfileAsync(Demo);
        await session.OpenRepositoryAsync("charts/hello");

        session.ToggleMark("9.9.9");
        Assert.Empty(session.MarkedTags);
    }

    [Fact]
    public async Task Marks_are_cleared_when_another_repository_opens_and_kept_by_a_refresh()
    {
        using BrowseSession session = Open();
        await session.OpenProfileAsync(Demo);
        await session.OpenRepositoryAsync("charts/hello");
        session.ToggleMark("0.2.0");

        await session.RefreshTagsAsync();
        Assert.Equal(["0.2.0"], session.MarkedTags);

        await session.OpenRepositoryAsync("charts/webapp");
        Assert.Empty(session.MarkedTags);
        await session.OpenRepositoryAsync("charts/hello");
        Assert.Empty(session.MarkedTags);
    }

    [Fact]
    public async Task Space_marks_the_selected_version_in_the_marker_column_and_space_again_unmarks_it()
    {
        using var tui = new TuiHarness([Demo]);
        await tui
            .Keys(Key.Enter).WaitFor("charts/hello")
            .Keys(Key.Enter).WaitFor("1.1.0-rc.1")
            .Keys(Key.Space).WaitUntil(_ => Row(tui, "1.0.0").StartsWith('*'), "1.0.0 marked")
            .Do(() => Assert.Equal(["1.0.0"], tui.Window.Session.MarkedTags), "the session holds the mark")
            .Keys(Key.Space).WaitUntil(_ => Row(tui, "1.0.0").StartsWith(' '), "1.0.0 unmarked")
            .Do(() => Assert.Empty(tui.Window.Session.MarkedTags), "the mark is gone")
            .RunAsync();
    }

    private static string Row(TuiHarness tui, string tag)
    {
        for (int row = 0; row < tui.Window.Tags.Source.Count; row++)
        {
            string text = tui.Window.Tags.Source.RowText(row);
            if (text.Length > 2 && text[2..].StartsWith(tag + " ", StringComparison.Ordinal)) return text;
        }
        return "";
    }
}
