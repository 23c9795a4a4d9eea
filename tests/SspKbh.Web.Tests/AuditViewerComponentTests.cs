using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Access;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Admin.AuditLog;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The interactive audit viewer, look-up and report (<see cref="AuditLogPage"/>, <see cref="SubjectLookupPage"/>,
/// <see cref="SubjectReportPage"/>) in bUnit over the real app and a real SQLite database: a filter goes into the
/// address and the grid reads the entries it asks for (back shows the earlier ones), the pager and the sort read other
/// pages from the database, an ill-typed date gets its Danish message beside the field, the look-up finds the young
/// person or says why not, and the report's options are in the address. Every look is audited once.
/// </summary>
public sealed class AuditViewerComponentTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private const string Admin = "admin@sspkbh.dk";
    private const string Police = "myndighed@sspkbh.dk";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private SspAppFactory App => fixture.App;

    private static List<AngleSharp.Dom.IElement> Entries(IRenderedComponent<AuditLogPage> cut) => cut.FindAll("[data-testid='audit-entry']").ToList();

    private static List<long> Sequences(IRenderedComponent<AuditLogPage> cut) =>
        Entries(cut).Select(e => long.Parse(e.GetAttribute("data-sequence")!, CultureInfo.InvariantCulture)).ToList();

    /// <summary>Fails while the grid is still reading the entries the address asks for.</summary>
    private static void Settled(IRenderedComponent<AuditLogPage> cut) =>
        Assert.Equal("false", cut.Find("[data-testid='audit-table']").GetAttribute("aria-busy"));

    [Fact]
    public async Task Choosing_a_user_and_an_action_puts_them_in_the_address_and_shows_only_their_entries_and_back_shows_the_earlier_ones()
    {
        using (var police = App.CreateBrowser())
        {
            await police.SignInAsync(Police);
            await police.GetAsync($"/sager/{await App.CaseIdAsync("Sara Jensen")}");
        }

        var policeId = await App.UserIdAsync(Police);
        var adminId = await App.UserIdAsync(Admin);
        var before = (await App.AuditEntriesAsync()).Max(a => a.Sequence);
        await using var host = await ComponentHost.ForAsync(App, Admin);
        var cut = host.RenderAt<AuditLogPage>("/admin/audit");
        cut.WaitForAssertion(() =>
        {
            Settled(cut);
            Assert.Equal(AuditLogGrid.DefaultPageSize, Entries(cut).Count);
        }, Wait);

        await host.PickAsync(cut, "f-user", "Jonas Krag");

        cut.WaitForAssertion(() =>
        {
            Assert.Equal($"admin/audit?bruger={policeId}", host.RelativeUri);
            Settled(cut);
            Assert.Contains(AuditActions.SignIn, Entries(cut).Select(e => e.GetAttribute("data-action")));
        }, Wait);
        Assert.All(Entries(cut), e => Assert.Contains("Jonas Krag", e.Closest("tr")!.TextContent, StringComparison.Ordinal));

        await host.PickAsync(cut, "f-action", Texts.AuditAction_case_view);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal($"admin/audit?bruger={policeId}&handling={AuditActions.CaseView}", host.RelativeUri);
            Settled(cut);
            Assert.NotEmpty(Entries(cut));
            Assert.All(Entries(cut), e => Assert.Equal(AuditActions.CaseView, e.GetAttribute("data-action")));
        }, Wait);
        var table = cut.Find("[data-testid='audit-table']").TextContent;
        Assert.Contains(Texts.AuditAction_case_view, table, StringComparison.Ordinal);
        Assert.Contains(Texts.AuditPurpose_coordination_group, table, StringComparison.Ordinal);
        Assert.Equal(AuditActions.CaseView, cut.Find("#f-action option[selected]").GetAttribute("value"));

        // Back (the browser's button): the address before, and its entries, again.
        host.Navigation.NavigateTo($"/admin/audit?bruger={policeId}");
        cut.WaitForAssertion(() =>
        {
            Settled(cut);
            Assert.Contains(AuditActions.SignIn, Entries(cut).Select(e => e.GetAttribute("data-action")));
        }, Wait);
        Assert.Equal(Texts.Cases_All, cut.Find("#f-action option[selected]").TextContent.Trim());

        // Four looks, four entries in the trail, each with its filter.
        var looks = await App.AuditEntriesAsync(a => a.Sequence > before && a.Action == AuditActions.AuditView && a.UserId == adminId);
        Assert.Equal(4, looks.Count);
        Assert.Equal(1, looks.Count(a => a.Details!.StartsWith($"user={policeId}; action={AuditActions.CaseView}; page=1", StringComparison.Ordinal)));
        Assert.Empty(cut.FindAll("[data-testid='circuit-error']"));
    }

    [Fact]
    public async Task The_pager_and_the_sort_read_other_pages_from_the_database()
    {
        var user = await App.CreateUserAsync([AppRole.AuthorityMember]);
        await App.WithScopeAsync(async services =>
        {
            var audit = services.GetRequiredService<AuditService>();
            for (var i = 0; i < 53; i++)
            {
                await audit.WriteAsync(new AuditEvent(AuditActions.CaseView, SubjectType: "case", SubjectId: "999999",
                    Purpose: AuditPurposes.CoordinationGroup, ActorUserId: user.Id));
            }

            return 0;
        });

        await using var host = await ComponentHost.ForAsync(App, Admin);
        var cut = host.RenderAt<AuditLogPage>($"/admin/audit?bruger={user.Id}");
        cut.WaitForAssertion(() => Assert.Equal(50, Entries(cut).Count), Wait);
        var first = Sequences(cut);
        Assert.Equal(first.OrderDescending(), first);
        // The pager's total can come in a render after the rows': waited for, as a person sees it appear.
        cut.WaitForAssertion(() => Assert.Contains("1-50 af 53", cut.Find("[data-testid='audit-pager']").TextContent, StringComparison.Ordinal), Wait);

        // Oldest first: the sort is the database's too.
        await cut.Find(".mud-table-sort-label").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Equal(Sequences(cut).Order(), Sequences(cut)), Wait);
        var oldest = Sequences(cut);
        Assert.Equal(50, oldest.Count);
        Assert.Equal(3, oldest.Count(s => s < first.Min()));

        await cut.Find("button[aria-label='Næste side']").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Equal(3, Entries(cut).Count), Wait);
        Assert.Equal(first.Order().TakeLast(3), Sequences(cut));
        cut.WaitForAssertion(() => Assert.Contains("51-53 af 53", cut.Find("[data-testid='audit-pager']").TextContent, StringComparison.Ordinal), Wait);

        // Newest first again, and back to the first page by the pager.
        await cut.Find(".mud-table-sort-label").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Equal(Sequences(cut).OrderDescending(), Sequences(cut)), Wait);
        await cut.Find("button[aria-label='Første side']").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Equal(first, Sequences(cut)), Wait);
    }

    [Fact]
    public async Task An_ill_typed_date_gets_a_danish_message_beside_the_field_and_no_entries_until_it_is_corrected()
    {
        await using var host = await ComponentHost.ForAsync(App, Admin);
        var cut = host.RenderAt<AuditLogPage>("/admin/audit");
        cut.WaitForAssertion(() => Assert.NotEmpty(Entries(cut)), Wait);

        await cut.Find("#f-from").ChangeAsync(new ChangeEventArgs { Value = "31-02-2026" });

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("admin/audit?fra=31-02-2026", host.RelativeUri);
            Settled(cut);
            Assert.Equal(Texts.AuditFilter_DateInvalid, cut.Find("#f-from-error").TextContent.Trim());
            Assert.Empty(Entries(cut));
        }, Wait);
        Assert.Equal("31-02-2026", cut.Find("#f-from").GetAttribute("value"));
        Assert.Contains("f-from-error", cut.Find("#f-from").GetAttribute("aria-describedby") ?? "", StringComparison.Ordinal);
        Assert.Equal(Texts.AuditFilter_Invalid, cut.Find("[data-testid='filter-errors']").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid='no-entries']"));

        await cut.Find("#f-to").ChangeAsync(new ChangeEventArgs { Value = "01-02-2026" });
        await cut.Find("#f-from").ChangeAsync(new ChangeEventArgs { Value = "10-02-2026" });
        cut.WaitForAssertion(() => Assert.Equal(Texts.AuditFilter_FromAfterTo, cut.Find("#f-to-error").TextContent.Trim()), Wait);
        Assert.Empty(cut.FindAll("#f-from-error"));

        var today = Text(DanishToday());
        await cut.Find("#f-from").ChangeAsync(new ChangeEventArgs { Value = today });
        await cut.Find("#f-to").ChangeAsync(new ChangeEventArgs { Value = today });
        cut.WaitForAssertion(() =>
        {
            Assert.Equal($"admin/audit?fra={today}&til={today}", host.RelativeUri);
            Settled(cut);
            Assert.NotEmpty(Entries(cut));
        }, Wait);
        Assert.Empty(cut.FindAll("[data-testid='filter-errors']"));
        Assert.Empty(cut.FindAll("[data-testid='circuit-error']"));
    }

    [Fact]
    public async Task The_lookup_says_in_danish_why_nothing_was_found_and_opens_the_report_of_the_person_it_finds()
    {
        await using var host = await ComponentHost.ForAsync(App, Admin);
        var cut = host.RenderAt<SubjectLookupPage>("/admin/audit/indsigt");

        async Task LookUpAsync(string query)
        {
            await cut.Find("#subject-query").InputAsync(new ChangeEventArgs { Value = query });
            await cut.Find("[data-testid='subject-lookup']").ClickAsync(new MouseEventArgs());
        }

        await LookUpAsync("");
        cut.WaitForAssertion(() => Assert.Equal(Texts.SubjectLookup_Required, cut.Find("#subject-query-error").TextContent.Trim()), Wait);
        Assert.Contains(Texts.SubjectLookup_Required, cut.Find("[data-testid='error-summary']").TextContent, StringComparison.Ordinal);
        await LookUpAsync("320112-1234");
        cut.WaitForAssertion(() => Assert.Equal(Texts.SubjectLookup_CprInvalid, cut.Find("#subject-query-error").TextContent.Trim()), Wait);
        await LookUpAsync("2020-99999");
        cut.WaitForAssertion(() => Assert.Equal(Texts.SubjectLookup_CaseNotFound, cut.Find("#subject-query-error").TextContent.Trim()), Wait);
        Assert.Equal("admin/audit/indsigt", host.RelativeUri);

        // Enter in the field looks up too. The demo data has Yusuf Amin with CPR 140612-4117.
        await cut.Find("#subject-query").InputAsync(new ChangeEventArgs { Value = "140612-4117" });
        await cut.Find("#subject-query").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });
        var yusuf = await App.PersonIdAsync("Yusuf Amin");
        host.WaitForAddress(a => Assert.Equal($"admin/audit/indsigt/{yusuf}", a), Wait);
        Assert.DoesNotContain("4117", host.Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reports_options_go_in_the_address_and_each_report_is_made_and_audited_once()
    {
        using (var police = App.CreateBrowser())
        {
            await police.SignInAsync(Police);
            await police.GetAsync($"/sager/{await App.CaseIdAsync("Sara Jensen")}");
        }

        var saraId = await App.PersonIdAsync("Sara Jensen");
        var before = (await App.AuditEntriesAsync()).Max(a => a.Sequence);
        await using var host = await ComponentHost.ForAsync(App, Admin);
        host.Navigation.NavigateTo($"/admin/audit/indsigt/{saraId}");
        var cut = host.RenderPage<SubjectReportPage>(p => p.Add(x => x.YoungPersonId, int.Parse(saraId, CultureInfo.InvariantCulture)));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid='report-row']")), Wait);
        Assert.Equal("Sara Jensen", cut.Find("[data-testid='report-person']").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid='report-staff']"));

        var names = cut.Find("[data-testid='report-names']");
        await (names.TagName == "INPUT" ? names : names.QuerySelector("input[type='checkbox']")!).ChangeAsync(new ChangeEventArgs { Value = true });
        await cut.Find("[data-testid='generate-report']").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() =>
        {
            Assert.Equal($"admin/audit/indsigt/{saraId}?navne=true", host.RelativeUri);
            Assert.Contains("Jonas Krag", cut.FindAll("[data-testid='report-staff']").Select(e => e.TextContent.Trim()));
        }, Wait);

        await cut.Find("#r-from").ChangeAsync(new ChangeEventArgs { Value = "31-02-2026" });
        await cut.Find("[data-testid='generate-report']").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() =>
        {
            Assert.Equal($"admin/audit/indsigt/{saraId}?fra=31-02-2026&navne=true", host.RelativeUri);
            Assert.Equal(Texts.AuditFilter_DateInvalid, cut.Find("#r-from-error").TextContent.Trim());
        }, Wait);
        Assert.Empty(cut.FindAll("[data-testid='report-table']"));

        var reports = await App.AuditEntriesAsync(a => a.Sequence > before && a.Action == AuditActions.SubjectReport);
        Assert.Equal(["staff-names=omitted", "staff-names=included"], reports.Select(r => r.Details!.Split(';')[0]));
        Assert.All(reports, r => Assert.Equal(saraId, r.SubjectId));
    }

    private static DateOnly DanishToday() => SspKbh.Web.Infrastructure.DanishTime.Today(TimeProvider.System);

    private static string Text(DateOnly date) => date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
}
