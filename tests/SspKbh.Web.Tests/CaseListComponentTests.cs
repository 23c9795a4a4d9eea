using Bunit;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The interactive case list (<see cref="CaseList"/>) in bUnit over the real app and a real SQLite database:
/// what a user does in the circuit (types, picks, clicks a chip, pages) and what the address then says.
/// The prerendered HTML and the GET query strings are covered by <see cref="CaseTests"/>.
/// </summary>
public sealed class CaseListComponentTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private const string Police = "myndighed@sspkbh.dk"; // Amager Øst and Amager Vest
    private const string Secretary = "sekretaer@sspkbh.dk"; // Amager Øst only
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private SspAppFactory App => fixture.App;

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The names in the rows, once the view is complete (its counts come a moment after its rows).</summary>
    private static List<string> Names(IRenderedComponent<CaseList> cut)
    {
        Settled(cut);
        return cut.FindAll("[data-testid='case-row'] td:nth-child(2)").Select(e => e.TextContent.Trim()).ToList();
    }

    /// <summary>Fails while the list is still reading rows or counts (aria-busy), so a wait goes on until both are shown.</summary>
    private static void Settled(IRenderedComponent<CaseList> cut) =>
        Assert.Equal("false", cut.Find("[data-testid='case-results']").GetAttribute("aria-busy"));

    /// <summary>The text of the option a filter select shows (the one marked selected).</summary>
    private static string ShownOption(IRenderedComponent<CaseList> cut, string selectId) =>
        cut.Find($"#{selectId} option[selected]").TextContent.Trim();

    private static string? TestIdText(IRenderedComponent<CaseList> cut, string testId) =>
        cut.FindAll($"[data-testid='{testId}']") is { Count: > 0 } found ? found[0].TextContent.Trim() : null;

    [Fact]
    public async Task Typing_in_the_search_narrows_the_rows_after_the_pause_and_puts_the_search_in_the_address()
    {
        var prefix = await SeedAsync("Søgning", count: 3);
        await using var host = await ComponentHost.ForAsync(App, Police);
        var cut = host.RenderAt<CaseList>("/sager");
        cut.WaitForAssertion(() => Assert.NotEmpty(Names(cut)), Wait);
        Assert.Contains(Names(cut), n => !n.StartsWith(prefix, StringComparison.Ordinal));

        await cut.Find("#q").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = prefix });
        Assert.Equal("sager", host.RelativeUri); // nothing happens while the user is still typing

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("sager?q=" + Uri.EscapeDataString(prefix), host.RelativeUri);
            var names = Names(cut);
            Assert.Equal(3, names.Count);
            Assert.All(names, n => Assert.StartsWith(prefix, n, StringComparison.Ordinal));
        }, Wait);
        Assert.Equal(string.Format(Texts.Cases_Total, 3), TestIdText(cut, "case-total"));
        Assert.Equal(prefix, cut.Find("#q").GetAttribute("value"));
    }

    [Fact]
    public async Task Clicking_a_level_chip_shows_that_level_only()
    {
        var prefix = await SeedAsync("Chip", count: 3); // levels 1, 2, 1
        await using var host = await ComponentHost.ForAsync(App, Police);
        var cut = host.RenderAt<CaseList>("/sager?q=" + Uri.EscapeDataString(prefix));
        cut.WaitForAssertion(() => Assert.Equal(3, Names(cut).Count), Wait);
        Assert.Equal("Niveau 2 (1)", TestIdText(cut, "count-2"));
        Assert.Equal("true", cut.Find("[data-testid='count-all']").GetAttribute("aria-current"));

        host.FollowLink(cut.Find("[data-testid='count-2']"));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal($"sager?niveau=FirstTimeCrime&q={Uri.EscapeDataString(prefix)}", host.RelativeUri);
            Assert.Single(Names(cut));
            Assert.Equal("Niveau 2", TestIdText(cut, "level-badge"));
        }, Wait);
        Assert.Equal("true", cut.Find("[data-testid='count-2']").GetAttribute("aria-current"));
        Assert.Null(cut.Find("[data-testid='count-all']").GetAttribute("aria-current"));
        Assert.Equal(string.Format(Texts.Cases_Total, 1), TestIdText(cut, "case-total"));
    }

    [Fact]
    public async Task Choosing_in_a_select_or_ticking_overdue_updates_the_address_and_the_rows()
    {
        var prefix = await SeedAsync("Valg", count: 3); // levels 1, 2, 1
        await using var host = await ComponentHost.ForAsync(App, Police);
        var cut = host.RenderAt<CaseList>("/sager?q=" + Uri.EscapeDataString(prefix));
        cut.WaitForAssertion(() => Assert.Equal(3, Names(cut).Count), Wait);

        await host.PickAsync(cut, "f-level", "Niveau 1 –");

        cut.WaitForAssertion(() =>
        {
            Assert.Equal($"sager?niveau=WorryingBehaviour&q={Uri.EscapeDataString(prefix)}", host.RelativeUri);
            Assert.Equal(2, Names(cut).Count);
        }, Wait);
        Assert.StartsWith("Niveau 1 –", ShownOption(cut, "f-level"), StringComparison.Ordinal);

        // The new cases were raised today: none is overdue yet.
        await cut.Find("[data-testid='filter-overdue']").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });
        cut.WaitForAssertion(() =>
        {
            Assert.Equal($"sager?niveau=WorryingBehaviour&forsinket=true&q={Uri.EscapeDataString(prefix)}", host.RelativeUri);
            Assert.NotNull(TestIdText(cut, "no-cases"));
        }, Wait);

        // Back (the browser's button): the address before, and its rows, again.
        host.Navigation.NavigateTo($"/sager?niveau=WorryingBehaviour&q={Uri.EscapeDataString(prefix)}");
        cut.WaitForAssertion(() => Assert.Equal(2, Names(cut).Count), Wait);
    }

    [Fact]
    public async Task Going_back_to_the_shown_view_while_another_is_still_loading_shows_what_the_address_says()
    {
        var prefix = await SeedAsync("Tilbage", count: 3); // levels 1, 2, 1
        var q = Uri.EscapeDataString(prefix);
        await using var host = await ComponentHost.ForAsync(App, Police);
        var cut = host.RenderAt<CaseList>($"/sager?niveau=WorryingBehaviour&q={q}");
        cut.WaitForAssertion(() => Assert.Equal(2, Names(cut).Count), Wait);

        void ShowsLevelOne() => cut.WaitForAssertion(() =>
        {
            Assert.Equal($"sager?niveau=WorryingBehaviour&q={q}", host.RelativeUri);
            Assert.Equal(2, Names(cut).Count);
            Assert.All(cut.FindAll("[data-testid='level-badge']"), b => Assert.Equal("Niveau 1", b.TextContent.Trim()));
        }, Wait);

        // Level 2 is asked for, and its rows are held on their way from the database; the user goes back to
        // level 1 before they come. The page must show level 1 again, not wait for level 2 and then show it.
        using (var hold = App.Gate.HoldNext(sql => sql.Contains("\"Level\"", StringComparison.Ordinal)))
        {
            host.Navigation.NavigateTo($"/sager?niveau=FirstTimeCrime&q={q}");
            await hold.Held.WaitAsync(Wait);
            host.Navigation.NavigateTo($"/sager?niveau=WorryingBehaviour&q={q}");
            ShowsLevelOne();
        }

        // The level 2 rows now arrive late; they are dropped and level 1 stays.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        ShowsLevelOne();
    }

    [Fact]
    public async Task Next_and_previous_page_follow_each_other_without_gaps_or_repeats()
    {
        var prefix = await SeedAsync("Side", count: 55);
        await using var host = await ComponentHost.ForAsync(App, Police);
        var start = "sager?q=" + Uri.EscapeDataString(prefix);
        var cut = host.RenderAt<CaseList>("/" + start);
        cut.WaitForAssertion(() => Assert.Equal(50, Names(cut).Count), Wait);
        var firstPage = Names(cut);
        Assert.Equal(string.Format(Texts.Cases_PageNumber, 1), TestIdText(cut, "page-number"));
        Assert.Empty(cut.FindAll("[data-testid='previous-page']"));
        Assert.Empty(cut.FindAll("[data-testid='first-page']"));

        host.FollowLink(cut.Find("[data-testid='next-page']"));

        cut.WaitForAssertion(() => Assert.Equal(5, Names(cut).Count), Wait);
        Assert.StartsWith(start + "&efter=", host.RelativeUri, StringComparison.Ordinal);
        Assert.Empty(firstPage.Intersect(Names(cut)));
        Assert.Equal(55, firstPage.Concat(Names(cut)).Distinct().Count());
        Assert.Empty(cut.FindAll("[data-testid='next-page']"));
        Assert.NotEmpty(cut.FindAll("[data-testid='first-page']"));
        Assert.Equal(string.Format(Texts.Cases_PageNumber, 2), TestIdText(cut, "page-number"));

        await cut.Find("[data-testid='previous-page']").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());

        host.WaitForAddress(a => Assert.Equal(start, a), Wait);
        cut.WaitForAssertion(() => Assert.Equal(firstPage, Names(cut)), Wait);
        Assert.Empty(cut.FindAll("[data-testid='previous-page']"));
        Assert.Equal(string.Format(Texts.Cases_PageNumber, 1), TestIdText(cut, "page-number"));
    }

    [Fact]
    public async Task The_export_link_carries_the_current_filter()
    {
        var prefix = await SeedAsync("Eksport", count: 3);
        await using var host = await ComponentHost.ForAsync(App, Police);
        var q = Uri.EscapeDataString(prefix);
        var cut = host.RenderAt<CaseList>($"/sager?q={q}&forsinket=true");
        cut.WaitForAssertion(() =>
        {
            Settled(cut);
            Assert.NotNull(TestIdText(cut, "no-cases"));
        }, Wait);
        Assert.Equal($"/sager/eksport.csv?forsinket=true&q={q}", cut.Find("[data-testid='export-csv']").GetAttribute("href"));

        await host.PickAsync(cut, "f-level", "Niveau 2 –");

        cut.WaitForAssertion(() => Assert.Equal(
            $"/sager/eksport.csv?niveau=FirstTimeCrime&forsinket=true&q={q}", cut.Find("[data-testid='export-csv']").GetAttribute("href")), Wait);

        // The link leads to the same rows as the list: the export of that filter, as the same user.
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Police);
        var csv = await browser.Client.GetStringAsync($"/sager/eksport.csv?niveau=FirstTimeCrime&q={q}");
        Assert.Equal(1 + 1, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_user_outside_a_group_never_sees_its_cases_whatever_the_address_says()
    {
        var prefix = await SeedAsync("Skjult", count: 2); // Koordinationsgruppe Amager Vest
        var amagerVest = await GroupIdAsync("Koordinationsgruppe Amager Vest");
        await using var host = await ComponentHost.ForAsync(App, Secretary);

        var cut = host.RenderAt<CaseList>("/sager");
        cut.WaitForAssertion(() => Assert.NotEmpty(Names(cut)), Wait);
        Assert.DoesNotContain(Names(cut), n => n.StartsWith(prefix, StringComparison.Ordinal) || n == "Elias Madsen");

        // Searching for them, or asking for their group in the address, shows nothing either.
        await cut.Find("#q").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = prefix });
        cut.WaitForAssertion(() =>
        {
            Settled(cut);
            Assert.NotNull(TestIdText(cut, "no-cases"));
        }, Wait);
        host.Navigation.NavigateTo($"/sager?gruppe={amagerVest}");
        cut.WaitForAssertion(() =>
        {
            Assert.Equal($"sager?gruppe={amagerVest}", host.RelativeUri);
            Settled(cut);
            Assert.NotNull(TestIdText(cut, "no-cases"));
        }, Wait);
        Assert.Empty(cut.FindAll("[data-testid='case-row']"));
        Assert.Equal(string.Format(Texts.Cases_Total, 0), TestIdText(cut, "case-total"));

        // The group is not offered in the group filter; the address's id shows as itself, never as the group's name.
        var groups = cut.FindAll("#f-group option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Contains("Koordinationsgruppe Amager Øst", groups);
        Assert.DoesNotContain(groups, g => g.Contains("Amager Vest", StringComparison.Ordinal));
        Assert.Equal(amagerVest.ToString(System.Globalization.CultureInfo.InvariantCulture), ShownOption(cut, "f-group"));

        // The police officer, a member of Amager Vest, sees them.
        await using var member = await ComponentHost.ForAsync(App, Police);
        var theirs = member.RenderAt<CaseList>("/sager?q=" + Uri.EscapeDataString(prefix));
        theirs.WaitForAssertion(() => Assert.Equal(2, Names(theirs).Count), Wait);
    }

    [Fact]
    public async Task Each_view_is_read_and_audited_once()
    {
        var prefix = await SeedAsync("Audit", count: 2);
        var userId = await App.UserIdAsync(Police);
        var before = (await App.AuditEntriesAsync(a => a.UserId == userId && a.Action == "case.list")).Count;
        await using var host = await ComponentHost.ForAsync(App, Police);

        var cut = host.RenderAt<CaseList>("/sager?q=" + Uri.EscapeDataString(prefix));
        cut.WaitForAssertion(() => Assert.Equal(2, Names(cut).Count), Wait);
        host.FollowLink(cut.Find("[data-testid='count-1']"));
        cut.WaitForAssertion(() => Assert.Single(Names(cut)), Wait);

        var lists = await App.AuditEntriesAsync(a => a.UserId == userId && a.Action == "case.list");
        Assert.Equal(before + 2, lists.Count);
        Assert.Contains("level=1;", lists[^1].Details, StringComparison.Ordinal);
    }

    /// <summary>Cases for young people named "{prefix} 00", "{prefix} 01", ... in Koordinationsgruppe Amager Vest, levels 1 and 2 alternating.</summary>
    [Fact]
    public async Task A_name_with_markup_in_it_shows_as_typed_and_never_becomes_markup()
    {
        // The rows are markup built by CaseRowMarkup (ADR 0025), so every value in them must be encoded there.
        var prefix = await SeedAsync("Markup", count: 1, suffix: " <img src=x onerror=alert(1)> & \"Ærø\" <script>alert(2)</script>");
        await using var host = await ComponentHost.ForAsync(App, Police);
        var cut = host.RenderAt<CaseList>("/sager?q=" + Uri.EscapeDataString(prefix));
        cut.WaitForAssertion(() => Assert.Single(Names(cut)), Wait);

        Assert.Equal(prefix + " 00 <img src=x onerror=alert(1)> & \"Ærø\" <script>alert(2)</script>", Names(cut)[0]);
        Assert.Empty(cut.FindAll("[data-testid='case-table'] img"));
        Assert.Empty(cut.FindAll("[data-testid='case-table'] script"));
    }

    private async Task<string> SeedAsync(string name, int count, string suffix = "")
    {
        var prefix = Unique(name);
        await App.SeedCasesAsync("Koordinationsgruppe Amager Vest", prefix, count, suffix);
        return prefix;
    }

    private async Task<int> GroupIdAsync(string name)
    {
        await using var db = App.CreateDbContext();
        return await db.Groups.Where(g => g.Name == name).Select(g => g.Id).SingleAsync();
    }
}
