using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using SspKbh.Domain.Access;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Features.Admin.Organisation;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The interactive organisation pages over the real services (bUnit, ADR 0021): the overview, the group page with its
/// members and a link to each (issue 16 #23), messages next to the fields, saves that say what was saved, a stale save
/// with the newest version offered, and script in a name shown as text.
/// </summary>
public abstract class OrganisationComponentTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Admin = "admin@sspkbh.dk";

    private static readonly TimeSpan Patience = CasePageSteps.Patience;

    private static IRenderedComponent<TPage> Loaded<TPage>(IRenderedComponent<TPage> page)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-progress-linear")), Patience);
        return page;
    }

    private static string ErrorText<TPage>(IRenderedComponent<TPage> page, string id)
        where TPage : Microsoft.AspNetCore.Components.IComponent =>
        page.FindAll($"#{id}-error").Select(e => e.TextContent.Trim()).FirstOrDefault() ?? "";

    [Fact]
    public async Task The_overview_lists_parties_groups_and_areas_with_links()
    {
        await using var host = await ComponentHost.ForAsync(App, Admin);
        var page = Loaded(host.RenderPage<OrganisationOverview>());

        Assert.Contains("SOF", page.TestIdText("parties"), StringComparison.Ordinal);
        Assert.Contains("Koordinationsgruppe Amager Øst", page.TestIdText("groups"), StringComparison.Ordinal);
        Assert.Contains("Amager Øst", page.TestIdText("areas"), StringComparison.Ordinal);
        var group = await App.GroupIdAsync("Koordinationsgruppe Amager Øst");
        var link = page.FindAll("[data-testid='groups'] a").Single(a => a.TextContent.Trim() == "Koordinationsgruppe Amager Øst");
        host.FollowLink(link);
        Assert.EndsWith($"/admin/organisation/grupper/{group}", host.Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_group_page_shows_its_members_with_a_link_to_each_user()
    {
        var user = await App.CreateUserAsync([AppRole.AuthorityMember]);
        var group = await App.GroupIdAsync("Koordinationsgruppe Amager Vest");
        await using (var db = App.CreateDbContext())
        {
            db.GroupMemberships.Add(new GroupMembership { GroupId = group, UserId = user.Id, Role = GroupRole.Member });
            await db.SaveChangesAsync();
        }

        await using var host = await ComponentHost.ForAsync(App, Admin);
        var page = Loaded(host.RenderPage<GroupEdit>(p => p.Add(x => x.Id, group)));

        var row = page.FindAll("[data-testid='member-row']").Single(r => r.TextContent.Contains(user.FullName, StringComparison.Ordinal));
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal([user.FullName, "BUF", RoleNames(GroupRole.Member), Texts.Yes, Texts.Status_Active], cells);
        Assert.Contains(page.FindAll("[data-testid='member-row']"), r => r.TextContent.Contains("Jonas Krag", StringComparison.Ordinal));
        var link = row.QuerySelector("a")!;
        Assert.Equal($"/admin/brugere/{user.Id}", link.GetAttribute("href"));
        host.FollowLink(link);
        page.WaitForAssertion(() => Assert.EndsWith($"/admin/brugere/{user.Id}", host.Navigation.Uri, StringComparison.Ordinal), Patience);

        // A group without members says so.
        var name = $"Tom gruppe {Guid.NewGuid():N}"[..20];
        var saved = await App.AsUserAsync<OrganisationAdministration, SspKbh.Web.Infrastructure.ServiceResult>(Admin,
            (o, u) => o.SaveGroupAsync(null, new GroupInput { Name = name, Kind = GroupKind.LocalCommittee }, u, CancellationToken.None));
        var empty = Loaded(host.RenderPage<GroupEdit>(p => p.Add(x => x.Id, int.Parse(saved.CreatedId!, System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(Texts.Organisation_NoMembers, empty.TestIdText("no-members").Trim());
    }

    private static string RoleNames(GroupRole role) => SspKbh.Web.Components.Shared.RoleNames.Name(role);

    [Fact]
    public async Task A_party_is_refused_with_messages_at_its_fields_then_saved_with_a_message_that_says_so()
    {
        await using var host = await ComponentHost.ForAsync(App, Admin);
        var page = Loaded(host.RenderPage<PartyEdit>());

        page.Find("#code").Input("ikke gyldig");
        await page.ClickAsync("save");
        page.WaitForAssertion(() => Assert.Equal(Texts.Validation_PartyCodeFormat, ErrorText(page, "code")), Patience);
        Assert.Equal(Texts.Validation_NameRequired, ErrorText(page, "name"));
        Assert.Contains(Texts.FormHasErrors, page.TestIdText("error-summary"), StringComparison.Ordinal);

        page.Find("#code").Input("SOF");
        page.Find("#name").Input("<b>Fed</b> part");
        await page.ClickAsync("save");
        page.WaitForAssertion(() => Assert.Equal(Texts.Validation_PartyCodeTaken, ErrorText(page, "code")), Patience);
        Assert.Equal("<b>Fed</b> part", page.Find("#name").GetAttribute("value"));

        var code = "P" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        page.Find("#code").Input(code);
        await page.ClickAsync("save");
        var navigation = host.Services.GetRequiredService<BunitNavigationManager>();
        page.WaitForAssertion(() => Assert.EndsWith("/admin/organisation", navigation.Uri, StringComparison.Ordinal), Patience);
        Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.Organisation_PartySaved && s.Message == "Parten er gemt.");
        await using var db = App.CreateDbContext();
        Assert.Equal("<b>Fed</b> part", await db.Parties.Where(p => p.Code == code).Select(p => p.Name).SingleAsync());

        // Shown as text on the overview.
        var overview = Loaded(host.RenderPage<OrganisationOverview>());
        Assert.Contains("<b>Fed</b> part", overview.Find("[data-testid='parties']").TextContent, StringComparison.Ordinal);
        Assert.Empty(overview.FindAll("[data-testid='parties'] b"));
    }

    [Fact]
    public async Task A_stale_group_save_is_refused_and_the_newest_version_can_be_fetched()
    {
        var name = $"Stale {Guid.NewGuid():N}"[..20];
        var saved = await App.AsUserAsync<OrganisationAdministration, SspKbh.Web.Infrastructure.ServiceResult>(Admin,
            (o, u) => o.SaveGroupAsync(null, new GroupInput { Name = name, Kind = GroupKind.LocalCommittee }, u, CancellationToken.None));
        var id = int.Parse(saved.CreatedId!, System.Globalization.CultureInfo.InvariantCulture);
        await using var first = await ComponentHost.ForAsync(App, Admin);
        await using var second = await ComponentHost.ForAsync(App, Admin);
        var firstPage = Loaded(first.RenderPage<GroupEdit>(p => p.Add(x => x.Id, id)));
        var secondPage = Loaded(second.RenderPage<GroupEdit>(p => p.Add(x => x.Id, id)));

        firstPage.Find("#name").Input(name + " A");
        await firstPage.ClickAsync("save");
        firstPage.WaitForAssertion(() => Assert.Contains(first.Snackbars.ShownSnackbars, s => s.Message == Texts.Organisation_GroupSaved), Patience);

        secondPage.Find("#name").Input(name + " B");
        await secondPage.ClickAsync("save");
        secondPage.WaitForAssertion(() => Assert.Contains(Texts.Concurrency_Conflict, secondPage.TestIdText("error-summary"), StringComparison.Ordinal), Patience);
        await secondPage.ClickAsync("reload-latest");
        secondPage.WaitForAssertion(() => Assert.Equal(name + " A", secondPage.Find("#name").GetAttribute("value")), Patience);
        secondPage.Find("#name").Input(name + " B");
        await secondPage.ClickAsync("save");
        secondPage.WaitForAssertion(() => Assert.Contains(second.Snackbars.ShownSnackbars, s => s.Message == Texts.Organisation_GroupSaved), Patience);
        await using var db = App.CreateDbContext();
        Assert.Equal(name + " B", await db.Groups.Where(g => g.Id == id).Select(g => g.Name).SingleAsync());
    }

    [Fact]
    public async Task A_lokalomraade_gets_its_koordinationsgruppe_and_unknown_ids_are_a_danish_message()
    {
        int area;
        await using (var db = App.CreateDbContext())
        {
            area = await db.LocalAreas.Where(a => a.CoordinationGroupId == null).OrderBy(a => a.Id).Select(a => a.Id).FirstOrDefaultAsync();
            if (area == 0)
            {
                area = await db.LocalAreas.OrderByDescending(a => a.Id).Select(a => a.Id).FirstAsync();
            }
        }

        var group = await App.GroupIdAsync("Koordinationsgruppe Amager Vest");
        await using var host = await ComponentHost.ForAsync(App, Admin);
        var page = Loaded(host.RenderPage<AreaEdit>(p => p.Add(x => x.Id, area)));
        var select = page.FindComponents<MudSelect<int?>>().Single(s => s.Instance.GetState(x => x.InputId) == "kg");
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(group));
        await page.ClickAsync("save");
        page.WaitForAssertion(() => Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.Organisation_AreaSaved), Patience);
        await using (var db = App.CreateDbContext())
        {
            Assert.Equal(group, await db.LocalAreas.Where(a => a.Id == area).Select(a => a.CoordinationGroupId).SingleAsync());
        }

        var missingArea = host.RenderPage<AreaEdit>(p => p.Add(x => x.Id, 999999));
        missingArea.WaitForAssertion(() => Assert.Equal(Texts.NotFound_Text, missingArea.TestIdText("not-found").Trim()), Patience);
        var missingGroup = host.RenderPage<GroupEdit>(p => p.Add(x => x.Id, 999999));
        missingGroup.WaitForAssertion(() => Assert.Equal(Texts.NotFound_Text, missingGroup.TestIdText("not-found").Trim()), Patience);
        var missingParty = host.RenderPage<PartyEdit>(p => p.Add(x => x.Id, 999999));
        missingParty.WaitForAssertion(() => Assert.Equal(Texts.NotFound_Text, missingParty.TestIdText("not-found").Trim()), Patience);
    }
}

public sealed class OrganisationComponentTestsSqlite(SqliteApp fixture) : OrganisationComponentTests(fixture), IClassFixture<SqliteApp>;

public sealed class OrganisationComponentTestsPostgres(PostgresApp fixture) : OrganisationComponentTests(fixture), IClassFixture<PostgresApp>;
