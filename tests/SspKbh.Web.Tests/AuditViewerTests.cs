using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Access;
using SspKbh.Web.Audit;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The administrator's audit viewer (filters, paging) and the data-subject access report
/// (indsigtsrapport), over HTTP as a browser without JavaScript.
/// </summary>
public abstract class AuditViewerTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Admin = "admin@sspkbh.dk";
    private const string Police = "myndighed@sspkbh.dk";
    private const string Secretary = "sekretaer@sspkbh.dk";

    private static string Today => DanishTime.Today(TimeProvider.System).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    private static string Tomorrow => DanishTime.Today(TimeProvider.System).AddDays(1).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Filters_narrow_the_entries_by_user_action_subject_and_period()
    {
        var saraCase = await CaseIdAsync("Sara Jensen");
        var idaCase = await CaseIdAsync("Ida Larsen");
        using (var police = App.CreateBrowser())
        {
            await police.SignInAsync(Police);
            Assert.Equal(HttpStatusCode.OK, (await police.GetAsync($"/sager/{saraCase}")).Status);
            Assert.Equal(HttpStatusCode.OK, (await police.GetAsync($"/sager/{idaCase}")).Status);
        }

        var policeId = await App.UserIdAsync(Police);
        using var admin = App.CreateBrowser();
        await admin.SignInAsync(Admin);

        var unfiltered = await admin.GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.OK, unfiltered.Status);
        Assert.Contains(Actions(unfiltered), a => a != AuditActions.CaseView);

        var byUser = await admin.GetAsync($"/admin/audit?bruger={policeId}");
        Assert.NotEmpty(Rows(byUser));
        Assert.All(Rows(byUser), r => Assert.Contains("Jonas Krag", r.TextContent, StringComparison.Ordinal));
        Assert.Contains(AuditActions.SignIn, Actions(byUser));

        var byUserAndAction = await admin.GetAsync($"/admin/audit?bruger={policeId}&handling={AuditActions.CaseView}");
        Assert.True(Rows(byUserAndAction).Count >= 2);
        Assert.All(Actions(byUserAndAction), a => Assert.Equal(AuditActions.CaseView, a));
        // The Danish label is shown, and the dropdown keeps the chosen action.
        Assert.Contains(Texts.AuditAction_case_view, byUserAndAction.TestIdText("audit-table"), StringComparison.Ordinal);
        Assert.Contains(Texts.AuditPurpose_coordination_group, byUserAndAction.TestIdText("audit-table"), StringComparison.Ordinal);
        Assert.Equal(AuditActions.CaseView, byUserAndAction.Document.QuerySelector("#f-action option[selected]")?.GetAttribute("value"));

        var bySubject = await admin.GetAsync($"/admin/audit?emnetype=case&emne={saraCase}&handling={AuditActions.CaseView}");
        var subjectRows = Rows(bySubject);
        Assert.NotEmpty(subjectRows);
        Assert.All(subjectRows, r => Assert.EndsWith(" " + saraCase, Page.Normalize(r.Children[6].TextContent), StringComparison.Ordinal));

        var today = await admin.GetAsync($"/admin/audit?fra={Today}&til={Today}&bruger={policeId}");
        Assert.NotEmpty(Rows(today));
        var future = await admin.GetAsync($"/admin/audit?fra={Tomorrow}&bruger={policeId}");
        Assert.Empty(Rows(future));
        Assert.NotNull(future.TestIdText("no-entries"));

        // Opening the viewer is itself audited, with the filter used (ids and codes only).
        var viewEntries = await App.AuditEntriesAsync(a => a.Action == AuditActions.AuditView && a.UserId != null);
        Assert.Contains(viewEntries, a => a.Details!.Contains($"user={policeId}; action={AuditActions.CaseView}", StringComparison.Ordinal)
                                          && a.Purpose == AuditPurposes.AuditReview);
        Assert.Contains(viewEntries, a => a.SubjectType == "case" && a.SubjectId == saraCase);
    }

    [Fact]
    public async Task A_bad_date_gets_a_danish_message_next_to_the_field_not_an_error_page()
    {
        using var admin = App.CreateBrowser();
        await admin.SignInAsync(Admin);

        var impossible = await admin.GetAsync("/admin/audit?fra=31-02-2026");
        Assert.Equal(HttpStatusCode.OK, impossible.Status);
        Assert.Equal([Texts.AuditFilter_DateInvalid], impossible.FieldErrors("f-from"));
        Assert.Equal("31-02-2026", impossible.Document.GetElementById("f-from")!.GetAttribute("value"));
        Assert.Empty(Rows(impossible));

        var garbage = await admin.GetAsync("/admin/audit?til=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        Assert.Equal(HttpStatusCode.OK, garbage.Status);
        Assert.Equal([Texts.AuditFilter_DateInvalid], garbage.FieldErrors("f-to"));
        Assert.DoesNotContain("<script>alert(1)</script>", await garbage.Response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var reversed = await admin.GetAsync("/admin/audit?fra=10-03-2026&til=01-03-2026");
        Assert.Equal(HttpStatusCode.OK, reversed.Status);
        Assert.Equal([Texts.AuditFilter_FromAfterTo], reversed.FieldErrors("f-to"));
        Assert.Empty(reversed.FieldErrors("f-from"));

        var report = await admin.GetAsync($"/admin/audit/indsigt/{await PersonIdAsync("Sara Jensen")}?fra=2026-13-45");
        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.Equal([Texts.AuditFilter_DateInvalid], report.FieldErrors("r-from"));
        Assert.Null(report.TestIdText("report-table"));

        var oddFlag = await admin.GetAsync($"/admin/audit/indsigt/{await PersonIdAsync("Sara Jensen")}?navne=ja%20tak&foer=x");
        Assert.Equal(HttpStatusCode.OK, oddFlag.Status);
        Assert.Null(oddFlag.Document.QuerySelector("[data-testid='report-staff']"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/audit/indsigt/987654")).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/audit?foer=abc&bruger=ukendt&handling=x.y")).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/admin/audit?emnetype={new string('x', 300)}&emne={new string('7', 300)}&part={new string('p', 300)}")).Status);
    }

    [Fact]
    public async Task The_viewer_pages_fifty_at_a_time_by_sequence_number()
    {
        var user = await App.CreateUserAsync([AppRole.AuthorityMember]);
        for (var i = 0; i < 53; i++)
        {
            await App.WithScopeAsync(async services =>
            {
                await services.GetRequiredService<AuditService>().WriteAsync(new AuditEvent(AuditActions.CaseView,
                    SubjectType: "case", SubjectId: "999999", Purpose: AuditPurposes.CoordinationGroup, ActorUserId: user.Id));
                return 0;
            });
        }

        using var admin = App.CreateBrowser();
        await admin.SignInAsync(Admin);
        var first = await admin.GetAsync($"/admin/audit?bruger={user.Id}");
        var firstRows = Sequences(first);
        Assert.Equal(50, firstRows.Count);
        Assert.Equal(firstRows.OrderDescending(), firstRows);
        var older = first.Document.QuerySelector("[data-testid='older-page']")?.GetAttribute("href");
        Assert.NotNull(older);
        Assert.Contains($"bruger={user.Id}", older, StringComparison.Ordinal);

        var second = await admin.GetAsync(older);
        var secondRows = Sequences(second);
        Assert.Equal(3, secondRows.Count);
        Assert.True(secondRows.Max() < firstRows.Min());
        Assert.Null(second.Document.QuerySelector("[data-testid='older-page']"));
        Assert.NotNull(second.Document.QuerySelector("[data-testid='newest-page']"));
    }

    [Fact]
    public async Task The_report_lists_the_case_views_of_the_person_by_party_without_staff_names_unless_asked()
    {
        var saraCase = await CaseIdAsync("Sara Jensen");
        var idaCase = await CaseIdAsync("Ida Larsen");
        var saraId = await PersonIdAsync("Sara Jensen");
        var (saraNumber, idaNumber) = (await CaseNumberAsync(saraCase), await CaseNumberAsync(idaCase));
        using (var police = App.CreateBrowser())
        {
            await police.SignInAsync(Police);
            Assert.Equal(HttpStatusCode.OK, (await police.GetAsync($"/sager/{saraCase}")).Status);
            Assert.Equal(HttpStatusCode.OK, (await police.GetAsync($"/sager/{saraCase}")).Status);
            Assert.Equal(HttpStatusCode.OK, (await police.GetAsync($"/sager/{idaCase}")).Status);
            Assert.Equal(HttpStatusCode.OK, (await police.GetAsync("/sager")).Status);
        }

        using var admin = App.CreateBrowser();
        await admin.SignInAsync(Admin);
        var lookup = await admin.GetAsync("/admin/audit/indsigt");
        Assert.Equal(HttpStatusCode.OK, lookup.Status);
        var found = await admin.SubmitAsync(lookup, "subject-lookup", [new("Input.Query", saraNumber)]);
        Assert.Equal(HttpStatusCode.Redirect, found.Status);
        Assert.Equal($"/admin/audit/indsigt/{saraId}", TestBrowser.Location(found.Response));

        var beforeReport = (await App.AuditEntriesAsync()).Max(a => a.Sequence);
        var report = await admin.GetAsync($"/admin/audit/indsigt/{saraId}");
        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.Equal("Sara Jensen", report.TestIdText("report-person"));
        Assert.Equal("11.07.2013", report.TestIdText("report-birthdate"));
        Assert.NotNull(report.TestIdText("report-period"));
        Assert.NotNull(report.TestIdText("report-generated"));

        var rows = report.Document.QuerySelectorAll("[data-testid='report-row']").ToList();
        var views = rows.Where(r => r.GetAttribute("data-action") == AuditActions.CaseView).Select(r => Page.Normalize(r.TextContent)).ToList();
        var expectedViews = await App.AuditEntriesAsync(a => a.Action == AuditActions.CaseView && a.SubjectType == "case" && a.SubjectId == saraCase);
        Assert.Equal(expectedViews.Count, views.Count);
        Assert.Contains(views, v => v.Contains(Texts.AuditAction_case_view, StringComparison.Ordinal)
                                    && v.Contains(saraNumber, StringComparison.Ordinal)
                                    && v.Contains(Texts.AuditPurpose_coordination_group, StringComparison.Ordinal)
                                    && v.Contains("Københavns Politi", StringComparison.Ordinal)
                                    && v.Contains(Texts.Role_AuthorityMember, StringComparison.Ordinal)
                                    && v.Contains(Texts.AuditOutcome_success, StringComparison.Ordinal));
        // The case list the police officer saw included Sara's case, so it is a lookup about her too.
        Assert.Contains(rows, r => r.GetAttribute("data-action") == AuditActions.CaseList);
        // The lookup that found her is listed as well.
        Assert.Contains(rows, r => r.GetAttribute("data-action") == AuditActions.SubjectLookup);

        var table = report.TestIdText("report-table")!;
        Assert.DoesNotContain("Jonas Krag", table, StringComparison.Ordinal);
        Assert.DoesNotContain("Birgit Holm", table, StringComparison.Ordinal);
        Assert.DoesNotContain(idaNumber, table, StringComparison.Ordinal);
        Assert.Null(report.Document.QuerySelector("[data-testid='report-staff']"));

        var generated = Assert.Single(await App.AuditEntriesAsync(a => a.Sequence > beforeReport && a.Action == AuditActions.SubjectReport));
        Assert.Equal("young-person", generated.SubjectType);
        Assert.Equal(saraId, generated.SubjectId);
        Assert.Equal(AuditPurposes.SubjectAccessRequest, generated.Purpose);
        Assert.Equal(await App.UserIdAsync(Admin), generated.UserId);
        Assert.Contains("staff-names=omitted", generated.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Sara", generated.Details, StringComparison.Ordinal);

        var withNames = await admin.GetAsync($"/admin/audit/indsigt/{saraId}?navne=true");
        Assert.Contains("Jonas Krag", withNames.TestIdTexts("report-staff"));
        var named = (await App.AuditEntriesAsync(a => a.Action == AuditActions.SubjectReport && a.SubjectId == saraId)).Last();
        Assert.Contains("staff-names=included", named.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lookup_validates_case_and_cpr_numbers_in_danish_and_never_stores_the_cpr_number()
    {
        using var admin = App.CreateBrowser();
        await admin.SignInAsync(Admin);
        var page = await admin.GetAsync("/admin/audit/indsigt");

        var empty = await admin.SubmitAsync(page, "subject-lookup", [new("Input.Query", "")]);
        Assert.Equal([Texts.SubjectLookup_Required], empty.FieldErrors("subject-query"));
        var badCpr = await admin.SubmitAsync(page, "subject-lookup", [new("Input.Query", "320112-1234")]);
        Assert.Equal([Texts.SubjectLookup_CprInvalid], badCpr.FieldErrors("subject-query"));
        var neither = await admin.SubmitAsync(page, "subject-lookup", [new("Input.Query", "Sara Jensen")]);
        Assert.Equal([Texts.SubjectLookup_FormatInvalid], neither.FieldErrors("subject-query"));
        var unknownCase = await admin.SubmitAsync(page, "subject-lookup", [new("Input.Query", "2020-99999")]);
        Assert.Equal([Texts.SubjectLookup_CaseNotFound], unknownCase.FieldErrors("subject-query"));
        var unknownCpr = await admin.SubmitAsync(page, "subject-lookup", [new("Input.Query", "010101-4000")]);
        Assert.Equal([Texts.SubjectLookup_CprNotFound], unknownCpr.FieldErrors("subject-query"));

        // The demo data has Yusuf Amin with CPR 140612-4117.
        var before = (await App.AuditEntriesAsync()).Max(a => a.Sequence);
        var found = await admin.SubmitAsync(page, "subject-lookup", [new("Input.Query", "140612-4117")]);
        Assert.Equal(HttpStatusCode.Redirect, found.Status);
        var yusuf = await PersonIdAsync("Yusuf Amin");
        Assert.Equal($"/admin/audit/indsigt/{yusuf}", TestBrowser.Location(found.Response));
        var lookup = Assert.Single(await App.AuditEntriesAsync(a => a.Sequence > before && a.Action == AuditActions.SubjectLookup));
        Assert.Equal(("young-person", yusuf, AuditOutcomes.Success, "by=cpr"), (lookup.SubjectType, lookup.SubjectId, lookup.Outcome, lookup.Details));

        Assert.Contains(await App.AuditEntriesAsync(), a => a.Action == AuditActions.SubjectLookup && a.Outcome == AuditOutcomes.Failure);
        Assert.All(await App.AuditEntriesAsync(), a =>
        {
            var all = string.Join('|', a.SubjectId, a.Details, a.Purpose);
            Assert.DoesNotContain("4117", all, StringComparison.Ordinal);
            Assert.DoesNotContain("4000", all, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Non_administrators_are_refused_the_viewer_the_lookup_and_the_report()
    {
        var saraId = await PersonIdAsync("Sara Jensen");
        foreach (var email in new[] { Police, Secretary, "statistik@sspkbh.dk" })
        {
            using var browser = App.CreateBrowser();
            await browser.SignInAsync(email);
            foreach (var url in new[] { "/admin/audit", "/admin/audit?bruger=x", "/admin/audit/indsigt", $"/admin/audit/indsigt/{saraId}?navne=true" })
            {
                var page = await browser.GetAsync(url);
                Assert.True(page.Status == HttpStatusCode.Forbidden, $"{email}: GET {url} answered {(int)page.Status}");
                Assert.Null(page.TestIdText("report-table"));
            }

            var post = await browser.PostFormAsync("/admin/audit/indsigt", [new("_handler", "subject-lookup"), new("Input.Query", "140612-4117")]);
            Assert.True(post.Status is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"{email}: POST answered {(int)post.Status}");
        }

        var userIds = new[] { await App.UserIdAsync(Police), await App.UserIdAsync(Secretary) };
        Assert.DoesNotContain(await App.AuditEntriesAsync(), a => a.Action is AuditActions.SubjectReport or AuditActions.SubjectLookup or AuditActions.AuditView
                                                                  && userIds.Contains(a.UserId));
    }

    [Fact]
    public void Every_action_and_purpose_the_app_writes_has_a_danish_label()
    {
        Assert.Contains(AuditActions.SubjectReport, AuditLabels.KnownActions);
        Assert.All(AuditLabels.KnownActions, a => Assert.True(AuditLabels.HasText(AuditLabels.ActionKey(a)), $"No Danish label for action {a}"));
        Assert.All(AuditLabels.KnownPurposes, p => Assert.True(AuditLabels.HasText(AuditLabels.PurposeKey(p)), $"No Danish label for purpose {p}"));
        Assert.All(AuditLabels.KnownSubjectTypes, s => Assert.True(AuditLabels.HasText(AuditLabels.SubjectTypeKey(s)), $"No Danish label for subject {s}"));
        Assert.Equal("some.future-action", AuditLabels.Action("some.future-action"));
        Assert.Equal(Texts.AuditPurpose_leader_group_review, AuditLabels.Purpose("leader-group-review"));
    }

    private static List<AngleSharp.Dom.IElement> Rows(Page page) => page.Document.QuerySelectorAll("[data-testid='audit-row']").ToList();

    private static List<string> Actions(Page page) => Rows(page).Select(r => r.GetAttribute("data-action")!).ToList();

    private static List<long> Sequences(Page page) =>
        Rows(page).Select(r => long.Parse(r.GetAttribute("data-sequence")!, CultureInfo.InvariantCulture)).ToList();

    private async Task<string> PersonIdAsync(string name)
    {
        await using var db = App.CreateDbContext();
        return (await db.YoungPersons.Where(p => p.FullName == name).Select(p => p.Id).SingleAsync()).ToString(CultureInfo.InvariantCulture);
    }

    private async Task<string> CaseIdAsync(string personName)
    {
        await using var db = App.CreateDbContext();
        var id = await db.Cases.Where(c => db.YoungPersons.Any(p => p.Id == c.YoungPersonId && p.FullName == personName)).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        return id.ToString(CultureInfo.InvariantCulture);
    }

    private async Task<string> CaseNumberAsync(string caseId)
    {
        await using var db = App.CreateDbContext();
        var id = int.Parse(caseId, CultureInfo.InvariantCulture);
        return await db.Cases.Where(c => c.Id == id).Select(c => c.CaseNumber).SingleAsync();
    }
}

public sealed class AuditViewerTestsSqlite(SqliteApp fixture) : AuditViewerTests(fixture), IClassFixture<SqliteApp>;

public sealed class AuditViewerTestsPostgres(PostgresApp fixture) : AuditViewerTests(fixture), IClassFixture<PostgresApp>;
