using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Access;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Consents;
using SspKbh.Web.Demo;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Consents;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The §115 boundary over HTTP: users without authority status never receive personal data unless a
/// valid consent covers them; consents are recorded and withdrawn on the case (through ConsentRegister, where the case
/// page's consents tab ends); authority persons
/// outside the case's groups get in only with a stated, time-limited and visible reason (requested through
/// CaseService, where the case page's request ends, and read-only: CaseWorkService refuses every change).
/// </summary>
public abstract partial class BoundaryTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Secretary = "sekretaer@sspkbh.dk";
    private const string Leader = "leder@sspkbh.dk";
    private const string NonAuthority = "ikke-myndighed@sspkbh.dk";
    private const string ClubWorker = "fritid@sspkbh.dk";

    /// <summary>Every piece of personal data and case text in the database, with the person it belongs to.</summary>
    private async Task<List<(int PersonId, string Value)>> PersonalDataAsync()
    {
        await using var db = App.CreateDbContext();
        var values = new List<(int, string)>();
        foreach (var p in await db.YoungPersons.AsNoTracking().Include(p => p.CustodyHolders).ToListAsync())
        {
            values.Add((p.Id, p.FullName));
            values.Add((p.Id, p.DateOfBirth.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)));
            values.Add((p.Id, p.DateOfBirth.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)));
            values.Add((p.Id, p.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            if (p.Cpr is { } cpr)
            {
                values.Add((p.Id, cpr));
                values.Add((p.Id, cpr[..6] + "-" + cpr[6..]));
            }

            values.AddRange(new[] { p.Address, p.School, p.Club }.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => (p.Id, v!)));
            values.AddRange(p.CustodyHolders.Select(h => (p.Id, h.FullName)));
        }

        var cases = await db.Cases.AsNoTracking().Select(c => new { c.Id, c.YoungPersonId, c.Concern, c.OverallGoal, c.FormOffenceSituation }).ToListAsync();
        foreach (var c in cases)
        {
            values.AddRange(new[] { c.Concern, c.OverallGoal, c.FormOffenceSituation }.Where(v => !string.IsNullOrWhiteSpace(v) && v.Length > 3).Select(v => (c.YoungPersonId, v!)));
        }

        var personOfCase = cases.ToDictionary(c => c.Id, c => c.YoungPersonId);
        values.AddRange((await db.JournalNotes.AsNoTracking().Select(n => new { n.CaseId, n.Text }).ToListAsync()).Select(n => (personOfCase[n.CaseId], n.Text)));
        values.AddRange((await db.CaseActions.AsNoTracking().Select(a => new { a.CaseId, a.What }).ToListAsync()).Select(a => (personOfCase[a.CaseId], a.What)));
        Assert.True(values.Count > 50, "The demo data must hold personal data, or the leak test proves nothing.");
        return values;
    }

    /// <summary>
    /// Visits every page a user can reach: each GET endpoint with every real id, the links found on the
    /// pages, searches, the export and error pages. Returns each URL with its body.
    /// </summary>
    private async Task<Dictionary<string, string>> WalkAsync(TestBrowser browser)
    {
        await using var db = App.CreateDbContext();
        var caseIds = await db.Cases.Select(c => c.Id).ToListAsync();
        var consentIds = await db.Consents.Select(c => c.Id).ToListAsync();
        var personNames = await db.YoungPersons.Select(p => p.FullName).Take(3).ToListAsync();
        var meetingItems = await db.AgendaItems.Select(i => new { i.MeetingId, i.Id }).ToListAsync();
        var numericIds = caseIds.Concat(consentIds).Concat(await db.Groups.Select(g => g.Id).ToListAsync())
            .Concat(meetingItems.Select(i => i.MeetingId)).Distinct().ToList();

        var queue = new Queue<string>(["/", "/delt", "/konto", "/sager", "/sager/eksport.csv", "/fejl", "/status/403", "/status/404", "/ikke-fundet", "/en-side-der-ikke-findes"]);
        foreach (var name in personNames)
        {
            queue.Enqueue("/sager?q=" + Uri.EscapeDataString(name));
        }

        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => RouteSamples.AllowsGet(e) && !e.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor"));
        foreach (var endpoint in endpoints)
        {
            var parameters = endpoint.RoutePattern.Parameters;
            if (parameters.Count == 0)
            {
                queue.Enqueue(RouteSamples.SampleUrl(endpoint.RoutePattern));
                continue;
            }

            if (endpoint.RoutePattern.RawText == "/moeder/{Id:int}/punkter/{ItemId:int}")
            {
                // Every agenda item of every meeting, the case items included.
                foreach (var item in meetingItems)
                {
                    queue.Enqueue(RouteSamples.SampleUrl(endpoint.RoutePattern, new Dictionary<string, string>
                    {
                        ["Id"] = item.MeetingId.ToString(CultureInfo.InvariantCulture),
                        ["ItemId"] = item.Id.ToString(CultureInfo.InvariantCulture),
                    }));
                }

                continue;
            }

            var ids = endpoint.RoutePattern.RawText!.StartsWith("/delt", StringComparison.Ordinal) ? consentIds
                : endpoint.RoutePattern.RawText!.StartsWith("/sager", StringComparison.Ordinal) ? caseIds : numericIds;
            foreach (var id in ids)
            {
                var values = parameters.ToDictionary(p => p.Name, _ => id.ToString(CultureInfo.InvariantCulture));
                queue.Enqueue(RouteSamples.SampleUrl(endpoint.RoutePattern, values));
            }
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        while (queue.Count > 0 && seen.Count < 2000)
        {
            var url = queue.Dequeue();
            if (seen.ContainsKey(url) || url.StartsWith("/konto/log-ud", StringComparison.Ordinal))
            {
                continue;
            }

            using var response = await browser.Client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"GET {url} answered {(int)response.StatusCode}");
            seen[url] = body;
            foreach (Match link in LinkPattern().Matches(body))
            {
                var href = WebUtility.HtmlDecode(link.Groups["url"].Value);
                if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.StartsWith("/_", StringComparison.Ordinal) &&
                    !href.Contains('#', StringComparison.Ordinal) && !Path.HasExtension(href.Split('?')[0]))
                {
                    queue.Enqueue(href);
                }
            }
        }

        return seen;
    }

    [GeneratedRegex("(?:href|hx-get|action)=\"(?<url>[^\"]+)\"")]
    private static partial Regex LinkPattern();

    private static List<string> Hits(Dictionary<string, string> pages, IEnumerable<(int PersonId, string Value)> data) =>
        (from page in pages
         from d in data
         where WebUtility.HtmlDecode(page.Value).Contains(d.Value, StringComparison.OrdinalIgnoreCase) || page.Value.Contains(d.Value, StringComparison.OrdinalIgnoreCase)
         select $"{page.Key} contains personal data of person {d.PersonId} ({d.Value.Length} chars)").Distinct().ToList();

    [Fact]
    public async Task A_non_authority_user_receives_no_personal_data_on_any_page_they_can_reach()
    {
        var data = await PersonalDataAsync();
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(NonAuthority);

        var pages = await WalkAsync(browser);

        Assert.True(pages.Count > 30, $"The walk reached only {pages.Count} pages.");
        Assert.Contains(pages, p => p.Key.StartsWith("/sager/", StringComparison.Ordinal));
        Assert.Empty(Hits(pages, data));
    }

    [Fact]
    public async Task A_club_worker_sees_only_what_the_consent_covers_and_nothing_once_it_is_withdrawn()
    {
        var data = await PersonalDataAsync();
        await using var db = App.CreateDbContext();
        var consented = await db.YoungPersons.Where(p => p.FullName == DemoDataSeeder.ConsentedPerson).Select(p => p.Id).SingleAsync();
        var consentId = await db.Consents.Where(c => c.YoungPersonId == consented).Select(c => c.Id).FirstAsync();
        var caseId = await db.Cases.Where(c => c.YoungPersonId == consented).Select(c => c.Id).FirstAsync();
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(ClubWorker);

        var pages = await WalkAsync(browser);

        // Only the /delt pages may show the consented person's data, and nobody else's anywhere.
        var shared = pages.Where(p => p.Key.StartsWith("/delt", StringComparison.Ordinal)).ToDictionary();
        var elsewhere = pages.Where(p => !p.Key.StartsWith("/delt", StringComparison.Ordinal)).ToDictionary();
        Assert.Empty(Hits(elsewhere, data));
        // (Values the consented person shares with others, such as a school, are theirs to see here.)
        var consentedValues = data.Where(d => d.PersonId == consented).Select(d => d.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Empty(Hits(shared, data.Where(d => d.PersonId != consented && !consentedValues.Contains(d.Value))));
        var sharedPage = await browser.GetAsync($"/delt/{consentId}");
        Assert.Equal(HttpStatusCode.OK, sharedPage.Status);
        Assert.Contains(DemoDataSeeder.ConsentedPerson, sharedPage.Text, StringComparison.Ordinal);
        // The case text (the concern) is not covered by the consent.
        var concern = await db.Cases.Where(c => c.Id == caseId).Select(c => c.Concern).SingleAsync();
        Assert.DoesNotContain(concern, sharedPage.Text, StringComparison.Ordinal);
        Assert.Contains(await App.AuditEntriesAsync(), a => a.Action == "consent.shared-view" && a.Outcome == "success" && a.SubjectId == consented.ToString(CultureInfo.InvariantCulture) && a.Purpose == "consent");

        // The secretary withdraws the consent on the case (the consents tab's button calls ConsentRegister); the very next request is refused.
        using var secretary = App.CreateBrowser();
        await secretary.SignInAsync(Secretary);
        var before = await secretary.GetAsync($"/sager/{caseId}");
        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.NotNull(before.TestIdText("withdraw-consent"));
        var stamp = await db.Consents.Where(c => c.Id == consentId).Select(c => c.ConcurrencyStamp).SingleAsync();
        var withdrawn = await ConsentsAsync(Secretary, (register, user) => register.WithdrawAsync(caseId, consentId, stamp, user, CancellationToken.None));
        Assert.Equal(LookupOutcome.Found, withdrawn.Outcome);
        Assert.True(withdrawn.Result.Succeeded);
        var casePage = await secretary.GetAsync($"/sager/{caseId}");
        Assert.Contains("Tilbagekaldt", casePage.TestIdText("consents"), StringComparison.Ordinal);

        var refused = await browser.GetAsync($"/delt/{consentId}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        var after = await WalkAsync(browser);
        Assert.Empty(Hits(after, data));
        Assert.Contains(await App.AuditEntriesAsync(), a => a.Action == "consent.shared-view" && a.Outcome == "denied" && a.SubjectId == consentId.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_secretary_records_a_consent_and_bad_input_gets_danish_messages_and_saves_nothing()
    {
        await using var db = App.CreateDbContext();
        var caseId = await db.Cases.Where(c => db.YoungPersons.Any(p => p.Id == c.YoungPersonId && p.FullName == "Freja Nielsen")).Select(c => c.Id).SingleAsync();
        var personId = await db.Cases.Where(c => c.Id == caseId).Select(c => c.YoungPersonId).SingleAsync();
        var bolig = await db.Parties.Where(p => p.Code == "BOLIG").Select(p => p.Id).SingleAsync();
        var before = await db.Consents.CountAsync(c => c.YoungPersonId == personId);
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var page = await browser.GetAsync($"/sager/{caseId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.TestIdText("record-consent"));
        var today = DanishTime.Today(App.Clock);

        // The consent dialog saves through ConsentRegister.RecordAsync, which checks the input itself.
        Task<(LookupOutcome Outcome, ServiceResult Result)> RecordAsync(string email, ConsentInput input) =>
            ConsentsAsync(email, (register, user) => register.RecordAsync(caseId, input, user, CancellationToken.None));
        var bad = await RecordAsync(Secretary, new ConsentInput
        {
            GivenBy = ConsentGiver.CustodyHolder, Purpose = ConsentPurpose.JointEffort, GivenOn = new DateOnly(2026, 1, 10), ExpiresOn = new DateOnly(2025, 12, 1),
        });
        Assert.Equal(LookupOutcome.Found, bad.Outcome);
        Assert.NotEmpty(bad.Result.FieldErrors.GetValueOrDefault(nameof(ConsentInput.CustodyHolderId)) ?? []);
        Assert.NotEmpty(bad.Result.FieldErrors.GetValueOrDefault(nameof(ConsentInput.IncludeIdentity)) ?? []);
        Assert.NotEmpty(bad.Result.FieldErrors.GetValueOrDefault(nameof(ConsentInput.Parties)) ?? []);
        Assert.Contains("efter datoen", string.Join(" ", bad.Result.FieldErrors.GetValueOrDefault(nameof(ConsentInput.ExpiresOn)) ?? []), StringComparison.Ordinal);
        // A forged recipient, everything else valid: refused at the recipients.
        var forged = await RecordAsync(Secretary, new ConsentInput
        {
            GivenBy = ConsentGiver.YoungPerson, Purpose = ConsentPurpose.JointEffort, IncludeIdentity = true, GivenOn = today, ExpiresOn = today.AddMonths(12),
            Parties = { ["999999"] = true },
        });
        Assert.NotEmpty(forged.Result.FieldErrors.GetValueOrDefault(nameof(ConsentInput.Parties)) ?? []);
        Assert.Equal(before, await db.Consents.CountAsync(c => c.YoungPersonId == personId));

        var holder = await db.CustodyHolders.Where(h => h.YoungPersonId == personId).Select(h => h.Id).FirstAsync();
        var good = await RecordAsync(Secretary, new ConsentInput
        {
            GivenBy = ConsentGiver.CustodyHolder, CustodyHolderId = holder, Purpose = ConsentPurpose.JointEffort, IncludeIdentity = true,
            GivenOn = today, ExpiresOn = today.AddMonths(12), Parties = { [bolig.ToString(CultureInfo.InvariantCulture)] = true },
        });
        Assert.Equal(LookupOutcome.Found, good.Outcome);
        Assert.True(good.Result.Succeeded, string.Join(" | ", good.Result.FieldErrors.SelectMany(f => f.Value)));
        var casePage = await browser.GetAsync($"/sager/{caseId}");
        var row = casePage.TestIdText("consents")!;
        Assert.Contains("Boligsociale helhedsplaner", row, StringComparison.Ordinal);
        Assert.Contains("Gyldigt", row, StringComparison.Ordinal);
        Assert.Contains(await App.AuditEntriesAsync(), a => a.Action == "consent.create" && a.SubjectId == personId.ToString(CultureInfo.InvariantCulture));

        // The leader may not record a consent: that is the group's job. (This case is not under the leader's review, so its
        // page answers 403; on a level 3–4 case the ledergruppe sees the consents without the buttons, CaseConsentComponentTests.)
        using var leader = App.CreateBrowser();
        await leader.SignInAsync(Leader);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/sager/{caseId}")).Status);
        var count = await db.Consents.CountAsync(c => c.YoungPersonId == personId);
        var sequence = await App.LastAuditSequenceAsync();
        var refused = await RecordAsync(Leader, new ConsentInput
        {
            GivenBy = ConsentGiver.YoungPerson, Purpose = ConsentPurpose.JointEffort, IncludeIdentity = true, GivenOn = today, ExpiresOn = today.AddMonths(12),
            Parties = { [bolig.ToString(CultureInfo.InvariantCulture)] = true },
        });
        Assert.Equal(LookupOutcome.Forbidden, refused.Outcome);
        Assert.Equal(count, await db.Consents.CountAsync(c => c.YoungPersonId == personId));
        Assert.Contains("consent.create", await App.DeniedSinceAsync(sequence, await App.UserIdAsync(Leader)));
    }

    private Task<(LookupOutcome Outcome, ServiceResult Result)> ConsentsAsync(string email, Func<ConsentRegister, ClaimsPrincipal, Task<(LookupOutcome, ServiceResult)>> call) =>
        App.AsUserAsync(email, call);

    private Task<(LookupOutcome Outcome, ServiceResult Result)> RequestEmergencyAccessAsync(string email, int caseId, string reason) =>
        App.AsUserAsync<CaseService, (LookupOutcome, ServiceResult)>(email, (cases, user) => cases.RequestEmergencyAccessAsync(caseId, reason, user, CancellationToken.None));

    [Fact]
    public async Task An_authority_person_outside_the_group_opens_a_case_only_with_a_reason_that_the_group_then_sees()
    {
        await using var db = App.CreateDbContext();
        // A level 1 case of the leader's koordinationsgruppe: outside the leader group's review scope.
        var caseId = await db.Cases.Where(c => db.YoungPersons.Any(p => p.Id == c.YoungPersonId && p.FullName == "Lucas Holm")).Select(c => c.Id).SingleAsync();
        using var leader = App.CreateBrowser();
        await leader.SignInAsync(Leader);

        var refused = await leader.GetAsync($"/sager/{caseId}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.DoesNotContain("Lucas", refused.Text, StringComparison.Ordinal);
        // The request (the case page's form, a dialog once the page is interactive) goes to CaseService.
        var tooShort = await RequestEmergencyAccessAsync(Leader, caseId, "akut");
        Assert.Equal(LookupOutcome.Found, tooShort.Outcome);
        Assert.Equal([CaseTexts.Error("EmergencyReasonTooShort")], tooShort.Result.FieldErrors[nameof(EmergencyAccessInput.Reason)]);
        Assert.Equal(0, await db.CaseAccessGrants.CountAsync(g => g.CaseId == caseId));

        const string reason = "Politiet har ringet om en akut situation i aften, og vi skal koordinere med familien.";
        var granted = await RequestEmergencyAccessAsync(Leader, caseId, reason);
        Assert.Equal(LookupOutcome.Found, granted.Outcome);
        Assert.True(granted.Result.Succeeded);
        var casePage = await leader.GetAsync($"/sager/{caseId}");
        Assert.Equal(HttpStatusCode.OK, casePage.Status);
        Assert.Contains("Lucas Holm", casePage.Text, StringComparison.Ordinal);
        Assert.NotNull(casePage.TestIdText("emergency-active"));
        Assert.Null(casePage.TestIdText("case-tools"));

        // Read-only: every change is refused (as the edit pages answered 403), audited as denied, and nothing is saved.
        var leaderUserId = await App.UserIdAsync(Leader);
        var stamp = await App.CaseStampAsync(caseId);
        var before = await App.CaseDataSnapshotAsync();
        var sequence = await App.LastAuditSequenceAsync();
        var changes = new Dictionary<string, Func<CaseSaves, ClaimsPrincipal, Task<WorkResult>>>
        {
            [nameof(CaseWorkService.SetGoalsAsync)] = (work, user) => work.SetGoalsAsync(caseId, new GoalsInput { OverallGoal = "Nyt mål", ConcurrencyStamp = stamp }, user, CancellationToken.None),
            [nameof(CaseWorkService.SetFactorsAsync)] = (work, user) => work.SetFactorsAsync(caseId, new FactorsInput { ConcurrencyStamp = stamp }, user, CancellationToken.None),
            [nameof(CaseActivityService.AddNoteAsync)] = (work, user) => work.AddNoteAsync(caseId, new NoteInput { NoteDate = new DateOnly(2025, 1, 1), Text = "Notat" }, user, CancellationToken.None),
            [nameof(CaseWorkService.MarkReviewedAsync)] = (work, user) => work.MarkReviewedAsync(caseId, stamp, user, CancellationToken.None),
            [nameof(CaseWorkService.ChangeStatusAsync)] = (work, user) => work.ChangeStatusAsync(caseId, new StatusInput { Status = CaseStatus.UnderCoordination, ConcurrencyStamp = stamp }, user, CancellationToken.None),
        };
        foreach (var (name, change) in changes)
        {
            var refusedChange = await App.WorkAsync(Leader, change);
            Assert.True(refusedChange.Outcome == LookupOutcome.Forbidden, $"{name} with an emergency access answered {refusedChange.Outcome}");
        }

        Assert.Equal(before, await App.CaseDataSnapshotAsync());
        Assert.Equal(changes.Count, (await App.DeniedSinceAsync(sequence, leaderUserId)).Count(a => a == "case.update"));
        Assert.Equal(LookupOutcome.Forbidden, (await App.AsUserAsync<CaseService, (LookupOutcome Outcome, string? Cpr)>(Leader,
            (cases, user) => cases.RevealCprAsync(caseId, user, CancellationToken.None))).Outcome);

        var leaderId = await App.UserIdAsync(Leader);
        var audit = await App.AuditEntriesAsync(a => a.UserId == leaderId && a.SubjectId == caseId.ToString(CultureInfo.InvariantCulture));
        Assert.Contains(audit, a => a.Action == "case.emergency-access" && a.Outcome == "success" && a.Purpose == "emergency-access");
        Assert.Contains(audit, a => a.Action == "case.view" && a.Outcome == "success" && a.Purpose == "emergency-access");
        Assert.All(audit, a => Assert.DoesNotContain("Politiet har ringet", a.Details ?? "", StringComparison.Ordinal));

        using var secretary = App.CreateBrowser();
        await secretary.SignInAsync(Secretary);
        var seen = (await secretary.GetAsync($"/sager/{caseId}")).TestIdText("emergency-accesses")!;
        Assert.Contains("Mette Vang", seen, StringComparison.Ordinal);
        Assert.Contains(reason, seen, StringComparison.Ordinal);

        // When the grant has run out, the case is closed to the leader again.
        await db.CaseAccessGrants.Where(g => g.CaseId == caseId).ExecuteUpdateAsync(s => s
            .SetProperty(g => g.ExpiresAtUtc, DateTime.UtcNow.AddMinutes(-1))
            .SetProperty(g => g.GrantedAtUtc, DateTime.UtcNow.AddHours(-5)));
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/sager/{caseId}")).Status);
    }

    [Fact]
    public async Task Searches_are_audited_with_their_terms_and_a_cpr_number_only_masked()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Secretary);
        var secretaryId = await App.UserIdAsync(Secretary);

        await browser.GetAsync("/sager?q=Yusuf");
        await browser.GetAsync("/sager?q=140612-4117");

        var searches = await App.AuditEntriesAsync(a => a.UserId == secretaryId && a.Action == "case.list");
        Assert.Contains(searches, a => a.Details!.Contains("search=text:\"Yusuf\"", StringComparison.Ordinal));
        Assert.Contains(searches, a => a.Details!.Contains("search=cpr:140612-****", StringComparison.Ordinal));
        Assert.All(searches, a => Assert.DoesNotContain("4117", a.Details ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Users_without_authority_status_cannot_request_emergency_access()
    {
        await using var db = App.CreateDbContext();
        var caseId = await db.Cases.Select(c => c.Id).FirstAsync();
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(NonAuthority);
        var page = await browser.GetAsync($"/sager/{caseId}");
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Null(page.TestIdText("emergency-access"));
        // A request made anyway (the forged post of old; a forged circuit event now) is refused by the service, audited, and grants nothing.
        var sequence = await App.LastAuditSequenceAsync();
        var posted = await RequestEmergencyAccessAsync(NonAuthority, caseId, "Jeg vil gerne se sagen nu, tak.");
        Assert.Equal(LookupOutcome.Forbidden, posted.Outcome);
        Assert.Equal(0, await db.CaseAccessGrants.CountAsync(g => g.CaseId == caseId));
        Assert.Contains("case.emergency-access", await App.DeniedSinceAsync(sequence, await App.UserIdAsync(NonAuthority)));
    }
}

public sealed class BoundaryTestsSqlite(SqliteApp fixture) : BoundaryTests(fixture), IClassFixture<SqliteApp>;

public sealed class BoundaryTestsPostgres(PostgresApp fixture) : BoundaryTests(fixture), IClassFixture<PostgresApp>;
