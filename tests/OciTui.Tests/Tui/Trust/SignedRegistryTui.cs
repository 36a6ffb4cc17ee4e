using OciTui.Registry.Profiles;
using OciTui.Tests.Trust;
using Terminal.Gui.Input;

namespace OciTui.Tests.Tui.Trust;

/// <summary>The steps the trust tests share: a profile on the signed charts' registry, opening their repository, going to one tag.</summary>
internal static class SignedRegistryTui
{
    /// <summary>A profile on the fixture's registry with one of its keyrings (or none).</summary>
    public static Profile ProfileWith(SignedChartsFixture signed, string? keyring) =>
        new() { Name = "signed", Registry = signed.Registry.Host, PlainHttp = true, Keyring = keyring is null ? null : signed.Keyring(keyring) };

    /// <summary>Opens the profile and types the signed charts' repository (other tests push to the same registry).</summary>
    public static TuiHarness OpenSignedRepository(this TuiHarness tui) => tui
        .Keys(Key.Enter).WaitFor("signed")
        .Keys(Key.A).WaitFor("Repository path")
        .Type(SignedChartsFixture.Repository).Keys(Key.Enter)
        .WaitFor(" semver)");

    /// <summary>Filters the version table to one tag and opens it in Details (Enter on the one match).</summary>
    public static TuiHarness OpenTag(this TuiHarness tui, string tag) => tui
        .Type("/" + tag).WaitFor("[1 of")
        .Keys(Key.Enter).WaitFor($"Details: {tag}")
        .WaitUntil(_ => tui.Window.Session.Details is { Value: not null } details && details.Tag == tag, $"the details of {tag}");

    /// <summary>The version table's row of a tag (its text, not the screen's), or "".</summary>
    public static string RowOf(TuiHarness tui, string tag) =>
        tui.Window.Tags.Source.ToList().Cast<string>().FirstOrDefault(r => r.Length > 2 && r[2..].StartsWith(tag + " ", StringComparison.Ordinal)) ?? "";

    /// <summary>The lines the Details pane shows (all of them, not only those in view).</summary>
    public static string DetailsText(TuiHarness tui) => string.Join('\n', tui.Window.Details.Source.ToList().Cast<string>());
}
