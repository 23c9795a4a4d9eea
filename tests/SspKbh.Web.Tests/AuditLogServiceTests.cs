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
/// The audit viewer's grid (<see cref="AuditLogGrid"/>) and the data-subject look-up (<see cref="AuditLogQuery"/>) at
/// the service layer, where the interactive pages' reads end: filters narrow the entries in SQL, pages are cut in the
/// database with the newest or the oldest first, every look is itself audited with the filter used, and only
/// administrators read anything. The look-up checks case and CPR numbers in Danish and never stores the CPR number.
/// </summary>
public abstract class AuditLogServiceTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Admin = "admin@sspkbh.dk";
    private const string Police = "myndighed@sspkbh.dk";

    private static DateOnly Today => DanishTime.Today(TimeProvider.System);

    private Task<AuditGridPage> PageAsync(string query, int page = 0, bool oldestFirst = false, string email = Admin,
        int pageSize = AuditLogGrid.DefaultPageSize, int countLimit = AuditLogGrid.MaxCountedEntries) =>
        App.WithScopeAsync(async services => await services.GetRequiredService<AuditLogGrid>().PageAsync(
            AuditFilter.FromQueryString(query), new AuditGridRequest(page, pageSize, oldestFirst, countLimit),
            await AppHelpers.PrincipalAsync(services, email), CancellationToken.None));

    private Task<ServiceResult> LookupAsync(string? query, string email = Admin) =>
        App.WithScopeAsync(async services => await services.GetRequiredService<AuditLogQuery>().LookupAsync(
            new SubjectLookupInput { Query = query }, await AppHelpers.PrincipalAsync(services, email), CancellationToken.None));

    [Fact]
    public async Task Filters_narrow_the_entries_by_user_action_subject_and_period()
    {
        var saraCase = await App.CaseIdAsync("Sara Jensen");
        var idaCase = await App.CaseIdAsync("Ida Larsen");
        using (var police = App.CreateBrowser())
        {
            await police.SignInAsync(Police);
            Assert.Equal(HttpStatusCode.OK, (await police.GetAsync($"/sager/{saraCase}")).Status);
            Assert.Equal(HttpStatusCode.OK, (await police.GetAsync($"/sager/{idaCase}")).Status);
        }

        var policeId = await App.UserIdAsync(Police);
        var adminId = await App.UserIdAsync(Admin);
        var unfiltered = await PageAsync("");
        Assert.Contains(unfiltered.Rows, r => r.Action != AuditActions.CaseView);

        var byUser = await PageAsync($"?bruger={policeId}");
        Assert.NotEmpty(byUser.Rows);
        Assert.All(byUser.Rows, r => Assert.Equal("Jonas Krag", r.UserName));
        Assert.Contains(AuditActions.SignIn, byUser.Rows.Select(r => r.Action));

        var byUserAndAction = await PageAsync($"?bruger={policeId}&handling={AuditActions.CaseView}");
        Assert.True(byUserAndAction.Rows.Count >= 2);
        Assert.All(byUserAndAction.Rows, r => Assert.Equal(AuditActions.CaseView, r.Action));
        Assert.All(byUserAndAction.Rows, r => Assert.Equal(AuditPurposes.CoordinationGroup, r.Purpose));
        Assert.Equal(byUserAndAction.Rows.Count, byUserAndAction.Total);

        var bySubject = await PageAsync($"?emnetype=case&emne={saraCase}&handling={AuditActions.CaseView}");
        Assert.NotEmpty(bySubject.Rows);
        Assert.All(bySubject.Rows, r => Assert.Equal(("case", saraCase), (r.SubjectType, r.SubjectId)));

        var byParty = await PageAsync($"?part=POL&udfald={AuditOutcomes.Success}&formaal={AuditPurposes.CoordinationGroup}");
        Assert.NotEmpty(byParty.Rows);
        Assert.All(byParty.Rows, r => Assert.Equal(("POL", AuditOutcomes.Success, AuditPurposes.CoordinationGroup), (r.Party, r.Outcome, r.Purpose)));

        var today = Today.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
        Assert.NotEmpty((await PageAsync($"?fra={today}&til={today}&bruger={policeId}")).Rows);
        var future = await PageAsync($"?fra={Today.AddDays(1).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)}&bruger={policeId}");
        Assert.Empty(future.Rows);
        Assert.Equal(0, future.Total);

        // Looking at the trail is itself audited, with the filter used (ids and codes only) and the page shown.
        var viewEntries = await App.AuditEntriesAsync(a => a.Action == AuditActions.AuditView && a.UserId != null);
        Assert.Contains(viewEntries, a => a.Details!.Contains($"user={policeId}; action={AuditActions.CaseView}; page=1; order=newest", StringComparison.Ordinal)
                                          && a.Purpose == AuditPurposes.AuditReview && a.UserId == adminId);
        Assert.Contains(viewEntries, a => a.SubjectType == "case" && a.SubjectId == saraCase);
    }

    /// <summary>
    /// Writes one entry per item through the chain's writer, in this order, with the clock saying the item's time (as
    /// the app would if the entry were made then); returns their sequence numbers.
    /// </summary>
    private Task<List<long>> WriteAtAsync(params (DateTime AtUtc, string Action, string Email)[] entries) =>
        App.WithScopeAsync(async services =>
        {
            var clock = new SetClock();
            var audit = ActivatorUtilities.CreateInstance<AuditService>(services, (TimeProvider)clock);
            var before = (await App.AuditEntriesAsync()).Select(a => a.Sequence).DefaultIfEmpty(0).Max();
            foreach (var (at, action, email) in entries)
            {
                clock.Now = at;
                await audit.WriteAsync(new AuditEvent(action, Purpose: AuditPurposes.CoordinationGroup, Actor: await AppHelpers.PrincipalAsync(services, email)));
            }

            var sequences = (await App.AuditEntriesAsync(a => a.Sequence > before)).OrderBy(a => a.Sequence).ToList();
            Assert.Equal(entries.Select(e => e.AtUtc), sequences.Select(a => a.OccurredAtUtc));
            return sequences.Select(a => a.Sequence).ToList();
        });

    [Fact]
    public async Task A_period_shows_exactly_its_entries_at_its_edges_also_when_times_are_out_of_sequence_order()
    {
        // A day in winter (UTC+1), written in time order: the entries exactly at the start and just before the end are
        // in, those just before the start and exactly at the end are not. (No other test writes entries in 2003.)
        var march = new DateOnly(2003, 3, 14);
        DateTime start = AuditFilter.StartOfDayUtc(march), end = AuditFilter.StartOfDayUtc(march.AddDays(1));
        var ordered = await WriteAtAsync(
            (start.AddMilliseconds(-1), AuditActions.CaseView, Police), (start, AuditActions.CaseView, Police),
            (start.AddHours(1), AuditActions.CaseView, Police), (end.AddMilliseconds(-1), AuditActions.CaseView, Police),
            (end, AuditActions.CaseView, Police));
        var day = await PageAsync("?fra=14-03-2003&til=14-03-2003");
        Assert.Equal([ordered[3], ordered[2], ordered[1]], day.Rows.Select(r => r.Sequence));
        Assert.Equal((3, false), (day.Total, day.TotalCapped));
        Assert.Equal([start, start.AddHours(1), end.AddMilliseconds(-1)], day.Rows.Select(r => r.OccurredAtUtc).Order());
        Assert.Equal([ordered[0]], (await PageAsync("?til=13-03-2003")).Rows.Select(r => r.Sequence));
        Assert.Equal([ordered[4]], (await PageAsync("?fra=15-03-2003&til=15-03-2003")).Rows.Select(r => r.Sequence));

        // A day in summer (UTC+2) whose entries were not written in time order (an entry held until its transaction
        // committed is written after later ones): the first and the last written are inside, entries outside the
        // day lie between them, and the entry exactly at the start is not the first of the day's entries written.
        var june = new DateOnly(2003, 6, 20);
        (start, end) = (AuditFilter.StartOfDayUtc(june), AuditFilter.StartOfDayUtc(june.AddDays(1)));
        Assert.Equal(TimeSpan.FromHours(22), start.TimeOfDay);
        var mixed = await WriteAtAsync(
            (start.AddHours(3), AuditActions.CaseView, Police), (end, AuditActions.CaseView, Police),
            (start, AuditActions.CaseView, Police), (start.AddMilliseconds(-1), AuditActions.CaseView, Police),
            (end.AddMilliseconds(-1), AuditActions.CaseView, Police), (start.AddDays(-1), AuditActions.CaseView, Police),
            (start.AddHours(2), AuditActions.CaseView, Police));
        var summer = await PageAsync("?fra=20-06-2003&til=20-06-2003");
        Assert.Equal([mixed[6], mixed[4], mixed[2], mixed[0]], summer.Rows.Select(r => r.Sequence));
        Assert.Equal((4, false), (summer.Total, summer.TotalCapped));
        var oldest = await PageAsync("?fra=20-06-2003&til=20-06-2003", oldestFirst: true, pageSize: 25);
        Assert.Equal([mixed[0], mixed[2], mixed[4], mixed[6]], oldest.Rows.Select(r => r.Sequence));
        var outside = await PageAsync("?fra=19-06-2003&til=21-06-2003");
        Assert.Equal(7, outside.Total);
        Assert.Equal([mixed[3], mixed[5]], (await PageAsync("?fra=19-06-2003&til=19-06-2003")).Rows.Select(r => r.Sequence).Order());
        Assert.Equal([mixed[1]], (await PageAsync("?fra=21-06-2003&til=21-06-2003")).Rows.Select(r => r.Sequence));

        // A period without entries reads nothing more, and is still audited.
        var empty = await PageAsync("?fra=01-01-2002&til=31-12-2002");
        Assert.Equal((0, false), (empty.Total, empty.TotalCapped));
        Assert.Empty(empty.Rows);
        Assert.Contains(await App.AuditEntriesAsync(a => a.Action == AuditActions.AuditView),
            a => a.Details!.StartsWith("from=2002-01-01; to=2002-12-31; page=1;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_period_with_an_action_and_a_user_shows_exactly_the_matching_entries_and_counts_them()
    {
        var one = await App.CreateUserAsync([AppRole.AuthorityMember]);
        var other = await App.CreateUserAsync([AppRole.AuthorityMember], party: "POL");
        var day = new DateOnly(2004, 2, 10);
        DateTime start = AuditFilter.StartOfDayUtc(day), end = AuditFilter.StartOfDayUtc(day.AddDays(1));
        var written = await WriteAtAsync(
            (start.AddHours(1), AuditActions.CaseView, one.Email),
            (start.AddHours(2), AuditActions.CaseList, one.Email),
            (start.AddHours(3), AuditActions.CaseView, other.Email),
            (start.AddMilliseconds(-1), AuditActions.CaseView, one.Email),
            (end, AuditActions.CaseView, one.Email),
            (end.AddMilliseconds(-1), AuditActions.CaseView, one.Email),
            (start, AuditActions.CaseView, one.Email),
            (start.AddHours(5), AuditActions.CaseView, other.Email));

        var matching = await PageAsync($"?fra=10-02-2004&til=10-02-2004&handling={AuditActions.CaseView}&bruger={one.Id}");
        Assert.Equal([written[6], written[5], written[0]], matching.Rows.Select(r => r.Sequence));
        Assert.Equal((3, false), (matching.Total, matching.TotalCapped));
        Assert.All(matching.Rows, r => Assert.Equal((AuditActions.CaseView, one.Id), (r.Action, r.UserId)));
        var capped = await PageAsync($"?fra=10-02-2004&til=10-02-2004&handling={AuditActions.CaseView}&bruger={one.Id}", countLimit: 2);
        Assert.Equal((2, true), (capped.Total, capped.TotalCapped));

        // Each filter alone and in pairs, against the same entries.
        var byAction = await PageAsync($"?fra=10-02-2004&til=10-02-2004&handling={AuditActions.CaseView}");
        Assert.Equal([written[0], written[2], written[5], written[6], written[7]], byAction.Rows.Select(r => r.Sequence).Order());
        Assert.Equal(5, byAction.Total);
        var byUser = await PageAsync($"?fra=10-02-2004&til=10-02-2004&bruger={one.Id}");
        Assert.Equal([written[0], written[1], written[5], written[6]], byUser.Rows.Select(r => r.Sequence).Order());
        var userAndAction = await PageAsync($"?handling={AuditActions.CaseView}&bruger={one.Id}", oldestFirst: true);
        Assert.Equal([written[0], written[3], written[4], written[5], written[6]], userAndAction.Rows.Select(r => r.Sequence));
        Assert.Equal(5, userAndAction.Total);
        var partyAndAction = await PageAsync($"?fra=10-02-2004&til=10-02-2004&part=POL&handling={AuditActions.CaseView}");
        Assert.Equal([written[7], written[2]], partyAndAction.Rows.Select(r => r.Sequence));
        Assert.Equal([written[1]], (await PageAsync($"?part=BUF&handling={AuditActions.CaseList}&bruger={one.Id}")).Rows.Select(r => r.Sequence));
    }

    [Fact]
    public async Task Pages_are_cut_in_the_database_newest_or_oldest_first_and_the_count_stops_at_ten_thousand()
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

        var first = await PageAsync($"?bruger={user.Id}");
        Assert.Equal(50, first.Rows.Count);
        Assert.Equal(53, first.Total);
        Assert.False(first.TotalCapped);
        Assert.Equal(first.Rows.Select(r => r.Sequence).OrderDescending(), first.Rows.Select(r => r.Sequence));

        var second = await PageAsync($"?bruger={user.Id}", page: 1);
        Assert.Equal(3, second.Rows.Count);
        Assert.True(second.Rows.Max(r => r.Sequence) < first.Rows.Min(r => r.Sequence));

        var oldest = await PageAsync($"?bruger={user.Id}", oldestFirst: true, pageSize: 25);
        Assert.Equal(25, oldest.Rows.Count);
        Assert.Equal(oldest.Rows.Select(r => r.Sequence).Order(), oldest.Rows.Select(r => r.Sequence));
        Assert.Equal(second.Rows.Min(r => r.Sequence), oldest.Rows[0].Sequence);

        // A page size the grid does not offer is the default; a page past the counted entries is the last one that can be counted.
        Assert.Equal(50, (await PageAsync($"?bruger={user.Id}", pageSize: 100_000)).Rows.Count);
        var far = await PageAsync($"?bruger={user.Id}", page: int.MaxValue);
        Assert.Empty(far.Rows);
        Assert.Equal(53, far.Total);
        Assert.Contains(await App.AuditEntriesAsync(a => a.Action == AuditActions.AuditView),
            a => a.Details!.Contains($"user={user.Id}; page={AuditLogGrid.MaxCountedEntries / AuditLogGrid.DefaultPageSize};", StringComparison.Ordinal));
    }

    [Fact]
    public async Task More_matching_entries_than_are_counted_are_shown_as_the_limit_and_said_to_be_more()
    {
        // The page asks with the limit of 10,000; the same code path with a limit of 20 over 25 entries.
        var user = await App.CreateUserAsync([AppRole.AuthorityMember]);
        await App.WithScopeAsync(async services =>
        {
            var audit = services.GetRequiredService<AuditService>();
            for (var i = 0; i < 25; i++)
            {
                await audit.WriteAsync(new AuditEvent(AuditActions.CaseList, Purpose: AuditPurposes.CoordinationGroup, ActorUserId: user.Id));
            }

            return 0;
        });

        var page = await PageAsync($"?bruger={user.Id}", pageSize: 25, countLimit: 20);
        Assert.True(page.TotalCapped);
        Assert.Equal(20, page.Total);
        Assert.Equal(25, page.Rows.Count);
        var beyond = await PageAsync($"?bruger={user.Id}", page: 5, pageSize: 25, countLimit: 20);
        // A page past the limit is the last page that can be reached: the one holding the 20th entry.
        Assert.Equal(page.Rows.Select(r => r.Sequence), beyond.Rows.Select(r => r.Sequence));
        Assert.Contains(await App.AuditEntriesAsync(a => a.Action == AuditActions.AuditView), a => a.Details!.Contains($"user={user.Id}; page=1;", StringComparison.Ordinal));

        // A limit above the grid's own is the grid's own.
        var unlimited = await PageAsync($"?bruger={user.Id}", countLimit: int.MaxValue);
        Assert.Equal((25, false), (unlimited.Total, unlimited.TotalCapped));
    }

    [Fact]
    public async Task An_ill_typed_filter_shows_no_entries_and_is_still_audited_with_the_fields_that_were_wrong()
    {
        var before = (await App.AuditEntriesAsync()).Select(a => a.Sequence).DefaultIfEmpty(0).Max();
        var impossible = await PageAsync("?fra=31-02-2026");
        Assert.Empty(impossible.Rows);
        Assert.Equal(0, impossible.Total);
        var reversed = AuditFilter.FromQueryString("?fra=10-03-2026&til=01-03-2026");
        Assert.Equal(Texts.AuditFilter_FromAfterTo, reversed.Errors["til"]);
        Assert.False(reversed.Errors.ContainsKey("fra"));
        Assert.Equal(Texts.AuditFilter_DateInvalid, AuditFilter.FromQueryString("?til=%3Cscript%3Ealert(1)%3C%2Fscript%3E").Errors["til"]);

        // Oversized and unknown values are cut to the columns and simply match nothing.
        var odd = await PageAsync($"?foer=abc&bruger=ukendt&handling=x.y&emnetype={new string('x', 300)}&emne={new string('7', 300)}&part={new string('p', 300)}");
        Assert.Empty(odd.Rows);
        var entries = await App.AuditEntriesAsync(a => a.Sequence > before && a.Action == AuditActions.AuditView);
        Assert.Contains(entries, a => a.Details!.Contains("invalid=fra", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_administrators_read_the_trail_and_look_up_data_subjects()
    {
        var before = (await App.AuditEntriesAsync()).Select(a => a.Sequence).DefaultIfEmpty(0).Max();
        foreach (var email in new[] { Police, "sekretaer@sspkbh.dk", "statistik@sspkbh.dk" })
        {
            var page = await PageAsync("", email: email);
            Assert.True(page.Refused);
            Assert.Empty(page.Rows);
            Assert.Null(await App.WithScopeAsync(async s => await s.GetRequiredService<AuditLogGrid>().ChoicesAsync(await AppHelpers.PrincipalAsync(s, email), CancellationToken.None)));
            var lookup = await LookupAsync("140612-4117", email);
            Assert.False(lookup.Succeeded);
            Assert.Null(lookup.CreatedId);
            var report = await App.WithScopeAsync(async s => await s.GetRequiredService<AuditLogQuery>().ReportViewAsync(
                int.Parse(await App.PersonIdAsync("Sara Jensen"), CultureInfo.InvariantCulture), "?navne=true", await AppHelpers.PrincipalAsync(s, email), CancellationToken.None));
            Assert.Equal(SubjectReportOutcome.Refused, report.Outcome);
            Assert.Null(report.Report);
        }

        Assert.DoesNotContain(await App.AuditEntriesAsync(a => a.Sequence > before),
            a => a.Action is AuditActions.SubjectReport or AuditActions.SubjectLookup or AuditActions.AuditView);
    }

    [Fact]
    public async Task A_case_seen_in_a_list_of_500_is_in_the_persons_report_and_found_by_the_subject_filter()
    {
        var personId = int.Parse(await App.PersonIdAsync("Sara Jensen"), CultureInfo.InvariantCulture);
        int caseId;
        string caseNumber;
        await using (var db = App.CreateDbContext())
        {
            var first = await db.Cases.Where(c => c.YoungPersonId == personId).OrderBy(c => c.Id).Select(c => new { c.Id, c.CaseNumber }).FirstAsync();
            (caseId, caseNumber) = (first.Id, first.CaseNumber);
        }

        // One view of 500 cases (the list writes exactly this): Sara's case among 499 others, in one entry.
        var shown = Enumerable.Range(900_000, 499).Append(caseId).ToList();
        var action = "test.list-of-500-" + Guid.NewGuid().ToString("N")[..8];
        var before = (await App.AuditEntriesAsync()).Select(a => a.Sequence).DefaultIfEmpty(0).Max();
        await App.WithScopeAsync(async s =>
        {
            await s.GetRequiredService<AuditService>().WriteListAsync(new AuditEvent(action, Purpose: AuditPurposes.CoordinationGroup, ActorUserId: "bench"), "case", shown);
            return 0;
        });
        var entry = Assert.Single(await App.AuditEntriesAsync(a => a.Sequence > before && a.Action == action));
        Assert.Equal(500, entry.ListedIds.Count);

        var report = await App.WithScopeAsync(async s => await s.GetRequiredService<AuditLogQuery>().ReportViewAsync(
            personId, "", await AppHelpers.PrincipalAsync(s, Admin), CancellationToken.None));
        var row = Assert.Single(report.Report!.Rows, r => r.Action == action);
        Assert.Equal(caseNumber, row.CaseNumber);

        // Another person's report does not list the view.
        var other = int.Parse(await App.PersonIdAsync("Yusuf Amin"), CultureInfo.InvariantCulture);
        var otherReport = await App.WithScopeAsync(async s => await s.GetRequiredService<AuditLogQuery>().ReportViewAsync(
            other, "", await AppHelpers.PrincipalAsync(s, Admin), CancellationToken.None));
        Assert.DoesNotContain(otherReport.Report!.Rows, r => r.Action == action);

        // The viewer's subject filter finds the view by the case's id.
        var page = await PageAsync("?emne=" + caseId.ToString(CultureInfo.InvariantCulture) + "&handling=" + action);
        Assert.Single(page.Rows);
    }

    [Fact]
    public async Task The_lookup_validates_case_and_cpr_numbers_in_danish_and_never_stores_the_cpr_number()
    {
        async Task Refused(string? query, string message)
        {
            var result = await LookupAsync(query);
            Assert.Equal([message], result.FieldErrors[nameof(SubjectLookupInput.Query)]);
            Assert.Null(result.CreatedId);
        }

        await Refused(null, Texts.SubjectLookup_Required);
        await Refused("", Texts.SubjectLookup_Required);
        await Refused("320112-1234", Texts.SubjectLookup_CprInvalid);
        await Refused("Sara Jensen", Texts.SubjectLookup_FormatInvalid);
        await Refused(new string('1', 10_000), Texts.SubjectLookup_FormatInvalid);
        await Refused("2020-99999", Texts.SubjectLookup_CaseNotFound);
        await Refused("010101-4000", Texts.SubjectLookup_CprNotFound);

        // The demo data has Yusuf Amin with CPR 140612-4117.
        var before = (await App.AuditEntriesAsync()).Select(a => a.Sequence).DefaultIfEmpty(0).Max();
        var found = await LookupAsync("140612-4117");
        Assert.True(found.Succeeded);
        var yusuf = await App.PersonIdAsync("Yusuf Amin");
        Assert.Equal(yusuf, found.CreatedId);
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
}

public sealed class AuditLogServiceTestsSqlite(SqliteApp fixture) : AuditLogServiceTests(fixture), IClassFixture<SqliteApp>;

public sealed class AuditLogServiceTestsPostgres(PostgresApp fixture) : AuditLogServiceTests(fixture), IClassFixture<PostgresApp>;

/// <summary>A clock that says what it is told.</summary>
internal sealed class SetClock : TimeProvider
{
    public DateTime Now { get; set; }

    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(Now, DateTimeKind.Utc));
}
