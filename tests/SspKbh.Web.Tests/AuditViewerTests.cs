using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Access;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Admin.AuditLog;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The administrator's audit viewer and the data-subject access report (indsigtsrapport) over HTTP: who may open
/// them, what the prerendered HTML shows (the report, Danish messages for ill-typed dates) and that a look is audited
/// once. The grid's filters and pages are covered at the service layer by <see cref="AuditLogServiceTests"/> and in
/// the circuit by <see cref="AuditViewerComponentTests"/>.
/// </summary>
public abstract class AuditViewerTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Admin = "admin@sspkbh.dk";
    private const string Police = "myndighed@sspkbh.dk";
    private const string Secretary = "sekretaer@sspkbh.dk";

    [Fact]
    public async Task The_viewer_is_prerendered_without_entries_so_a_look_is_read_and_audited_once_in_the_circuit()
    {
        using var admin = App.CreateBrowser();
        await admin.SignInAsync(Admin);
        var before = (await App.AuditEntriesAsync()).Max(a => a.Sequence);
        var page = await admin.GetAsync($"/admin/audit?handling={AuditActions.CaseView}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("[data-testid='audit-table']"));
        Assert.Null(page.Document.QuerySelector("[data-testid='audit-entry']"));
        Assert.Equal(AuditActions.CaseView, page.Document.QuerySelector("#f-action option[selected]")?.GetAttribute("value"));
        Assert.DoesNotContain(await App.AuditEntriesAsync(a => a.Sequence > before), a => a.Action == AuditActions.AuditView);
    }

    [Fact]
    public async Task A_bad_date_gets_a_danish_message_next_to_the_field_not_an_error_page()
    {
        using var admin = App.CreateBrowser();
        await admin.SignInAsync(Admin);

        var impossible = await admin.GetAsync("/admin/audit?fra=31-02-2026");
        Assert.Equal(HttpStatusCode.OK, impossible.Status);
        Assert.Equal(Texts.AuditFilter_DateInvalid, impossible.Document.GetElementById("f-from-error")?.TextContent.Trim());
        Assert.Equal("31-02-2026", impossible.Document.GetElementById("f-from")!.GetAttribute("value"));
        Assert.Contains("f-from-error", impossible.Document.GetElementById("f-from")!.GetAttribute("aria-describedby") ?? "", StringComparison.Ordinal);
        Assert.Equal(Texts.AuditFilter_Invalid, impossible.TestIdText("filter-errors"));

        var garbage = await admin.GetAsync("/admin/audit?til=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        Assert.Equal(HttpStatusCode.OK, garbage.Status);
        Assert.Equal(Texts.AuditFilter_DateInvalid, garbage.Document.GetElementById("f-to-error")?.TextContent.Trim());
        Assert.DoesNotContain("<script>alert(1)</script>", await garbage.Response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var reversed = await admin.GetAsync("/admin/audit?fra=10-03-2026&til=01-03-2026");
        Assert.Equal(HttpStatusCode.OK, reversed.Status);
        Assert.Equal(Texts.AuditFilter_FromAfterTo, reversed.Document.GetElementById("f-to-error")?.TextContent.Trim());
        Assert.Null(reversed.Document.GetElementById("f-from-error"));

        var report = await admin.GetAsync($"/admin/audit/indsigt/{await App.PersonIdAsync("Sara Jensen")}?fra=2026-13-45");
        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.Equal(Texts.AuditFilter_DateInvalid, report.Document.GetElementById("r-from-error")?.TextContent.Trim());
        Assert.Null(report.TestIdText("report-table"));

        var oddFlag = await admin.GetAsync($"/admin/audit/indsigt/{await App.PersonIdAsync("Sara Jensen")}?navne=ja%20tak&foer=x");
        Assert.Equal(HttpStatusCode.OK, oddFlag.Status);
        Assert.Null(oddFlag.Document.QuerySelector("[data-testid='report-staff']"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/audit/indsigt/987654")).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/audit?foer=abc&bruger=ukendt&handling=x.y")).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/admin/audit?emnetype={new string('x', 300)}&emne={new string('7', 300)}&part={new string('p', 300)}")).Status);
    }

    [Fact]
    public async Task The_report_lists_the_case_views_of_the_person_by_party_without_staff_names_unless_asked()
    {
        var saraCase = await App.CaseIdAsync("Sara Jensen");
        var idaCase = await App.CaseIdAsync("Ida Larsen");
        var saraId = await App.PersonIdAsync("Sara Jensen");
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
        Assert.NotNull(lookup.Document.GetElementById("subject-query"));
        // The look-up itself runs in the circuit (AuditViewerComponentTests); here through the same service call.
        var found = await App.WithScopeAsync(async services => await services.GetRequiredService<AuditLogQuery>().LookupAsync(
            new SubjectLookupInput { Query = saraNumber }, await AppHelpers.PrincipalAsync(services, Admin), CancellationToken.None));
        Assert.Equal(saraId, found.CreatedId);

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
    public async Task Non_administrators_are_refused_the_viewer_the_lookup_and_the_report()
    {
        var saraId = await App.PersonIdAsync("Sara Jensen");
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

    private async Task<string> CaseNumberAsync(string caseId)
    {
        await using var db = App.CreateDbContext();
        var id = int.Parse(caseId, CultureInfo.InvariantCulture);
        return await db.Cases.Where(c => c.Id == id).Select(c => c.CaseNumber).SingleAsync();
    }
}

public sealed class AuditViewerTestsSqlite(SqliteApp fixture) : AuditViewerTests(fixture), IClassFixture<SqliteApp>;

public sealed class AuditViewerTestsPostgres(PostgresApp fixture) : AuditViewerTests(fixture), IClassFixture<PostgresApp>;
