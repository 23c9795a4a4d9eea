using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Consents;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Consents;
using SspKbh.Web.Infrastructure;

namespace SspKbh.Web.Tests.Infrastructure;

/// <summary>
/// Calls to the case services as a signed-in user, in a scope of their own (as one event of a circuit is),
/// and the database facts the case tests compare: a case's concurrency stamp, and a snapshot of everything
/// a case action can write.
/// </summary>
public static class CaseWorkCalls
{
    /// <summary>Calls <typeparamref name="TService"/> as the user with this e-mail, in a new scope.</summary>
    public static Task<T> AsUserAsync<TService, T>(this SspAppFactory app, string email, Func<TService, ClaimsPrincipal, Task<T>> call)
        where TService : notnull =>
        app.WithScopeAsync(async services => await call(services.GetRequiredService<TService>(), await AppHelpers.PrincipalAsync(services, email)));

    /// <summary>Calls a save of the case page (<see cref="CaseSaves"/>) as the user with this e-mail.</summary>
    public static Task<WorkResult> WorkAsync(this SspAppFactory app, string email, Func<CaseSaves, ClaimsPrincipal, Task<WorkResult>> call) =>
        app.WithScopeAsync(async services => await call(
            new CaseSaves(services.GetRequiredService<CaseWorkService>(), services.GetRequiredService<CaseActivityService>()),
            await AppHelpers.PrincipalAsync(services, email)));

    /// <summary>
    /// What a case form does before it calls the service: the form's validator (the class the static pages used,
    /// <c>&lt;FluentValidator&gt;</c>), and the service only when the input passes it. For the messages that only the
    /// validator gives, because <see cref="CaseWorkService"/> does not check the input's shape itself.
    /// </summary>
    public static async Task<WorkResult> ValidatedAsync<TInput>(IValidator<TInput> validator, TInput input, Func<Task<WorkResult>> save)
    {
        var shape = await validator.ValidateAsync(input);
        if (shape.IsValid)
        {
            return await save();
        }

        var result = new ServiceResult();
        foreach (var error in shape.Errors)
        {
            result.Field(error.PropertyName, error.ErrorMessage);
        }

        return new WorkResult(LookupOutcome.Found, result);
    }

    /// <summary>
    /// A new case of a new young person in the lokalområde's koordinationsgruppe (level 3–4 with the form filled in
    /// and the secretary as named lead), with one planned action: a case of its own for a test that changes it.
    /// </summary>
    public static async Task<(int CaseId, int ActionId)> NewCaseAsync(this SspAppFactory app, string area, CaseLevel level = CaseLevel.WorryingBehaviour)
    {
        await using var db = app.CreateDbContext();
        var localArea = await db.LocalAreas.Where(a => a.Name == area).SingleAsync();
        var buf = await db.Parties.Where(p => p.Code == "BUF").Select(p => p.Id).SingleAsync();
        var lead = await db.Parties.Where(p => p.Code == level.DefaultLeadParty()).Select(p => p.Id).SingleAsync();
        var creator = await db.Users.Where(u => u.Email == "sekretaer@sspkbh.dk").Select(u => u.Id).SingleAsync();
        var now = DateTime.UtcNow;
        var person = new YoungPerson { DateOfBirth = new DateOnly(2011, 2, 3), LocalAreaId = localArea.Id, CreatedAtUtc = now };
        person.SetName($"Testsag {Guid.NewGuid().ToString("N")[..8]}");
        db.YoungPersons.Add(person);
        await db.SaveChangesAsync();
        var form = level.RequiresLevelForm() ? new LevelForm("Røveri", "Fravær", "Ingen", "Mor alene", "Ældre venner", "Samtale") : null;
        var c = SspCase.Register($"T-{Guid.NewGuid().ToString("N")[..10]}", person.Id, localArea.CoordinationGroupId!.Value, level, CaseSource.School, buf, null,
            DateOnly.FromDateTime(now).AddDays(-10), "Test", lead, level == CaseLevel.WorryingBehaviour ? null : creator, null, form, creator, now);
        db.Cases.Add(c);
        await db.SaveChangesAsync();
        var action = new CaseAction
        {
            CaseId = c.Id, What = "Ring til skolen", OwnerName = "Klasselæreren", OwnerPartyId = buf, DueOn = DateOnly.FromDateTime(now).AddDays(5),
            CreatedByUserId = creator, CreatedAtUtc = now,
        };
        db.CaseActions.Add(action);
        await db.SaveChangesAsync();
        return (c.Id, action.Id);
    }

    /// <summary>
    /// Hands the case over to the demo SSP+ koordinationsgruppe, as the domain does it (written directly, so any group's
    /// case can be handed over without a member of it); returns the receiving group's id.
    /// </summary>
    public static async Task<int> HandOverInDatabaseAsync(this SspAppFactory app, int caseId)
    {
        await using var db = app.CreateDbContext();
        var sspPlus = await db.Groups.Where(g => g.Name == "SSP+ koordinationsgruppe").Select(g => g.Id).SingleAsync();
        var creator = await db.Users.Where(u => u.Email == "sekretaer@sspkbh.dk").Select(u => u.Id).SingleAsync();
        var c = await db.Cases.SingleAsync(x => x.Id == caseId);
        var today = DanishTime.Today(app.Clock);
        Assert.Null(c.HandOverToSspPlus(today, sspPlus, creator, DateTime.UtcNow, today));
        await db.SaveChangesAsync();
        return sspPlus;
    }

    /// <summary>
    /// For the demo SSP+ member's column of the authorization matrix: a Valby case handed over to the SSP+
    /// koordinationsgruppe, and an open case of the SSP+ koordinationsgruppe itself (made once per app).
    /// </summary>
    public static async Task EnsureSspPlusCasesAsync(this SspAppFactory app)
    {
        await using var db = app.CreateDbContext();
        var sspPlus = await db.Groups.Where(g => g.Name == "SSP+ koordinationsgruppe").Select(g => g.Id).SingleAsync();
        if (!await db.Cases.AnyAsync(c => c.SspPlusGroupId == sspPlus))
        {
            await app.HandOverInDatabaseAsync((await app.NewCaseAsync("Valby", CaseLevel.RepeatedSeriousCrime)).CaseId);
        }

        if (!await db.Cases.AnyAsync(c => c.CoordinationGroupId == sspPlus))
        {
            var (own, _) = await app.NewCaseAsync("Valby", CaseLevel.FirstTimeCrime);
            await db.Cases.Where(c => c.Id == own).ExecuteUpdateAsync(c => c.SetProperty(x => x.CoordinationGroupId, sspPlus));
        }
    }

    /// <summary>
    /// A valid call of every save of <see cref="CaseWorkService"/> and <see cref="CaseActivityService"/>, by method name, aimed at <paramref name="caseId"/> and its
    /// action (stamps taken from the database; an unknown id gets a stamp that matches nothing).
    /// </summary>
    public static async Task<Dictionary<string, Func<CaseSaves, ClaimsPrincipal, Task<WorkResult>>>> ValidCaseWorkAsync(this SspAppFactory app, int caseId, int actionId)
    {
        await using var db = app.CreateDbContext();
        var stamp = await db.Cases.Where(c => c.Id == caseId).Select(c => c.ConcurrencyStamp).SingleOrDefaultAsync() ?? "none";
        var actionStamp = await db.CaseActions.Where(a => a.Id == actionId).Select(a => a.ConcurrencyStamp).SingleOrDefaultAsync() ?? "none";
        var buf = await db.Parties.Where(p => p.Code == "BUF").Select(p => p.Id).SingleAsync();
        var sspPlus = await db.Groups.Where(g => g.Kind == GroupKind.SspPlusCoordinationGroup).Select(g => g.Id).FirstAsync();
        var lead = await db.Users.Where(u => u.Email == "sekretaer@sspkbh.dk").Select(u => u.Id).SingleAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var none = CancellationToken.None;
        return new Dictionary<string, Func<CaseSaves, ClaimsPrincipal, Task<WorkResult>>>(StringComparer.Ordinal)
        {
            [nameof(CaseWorkService.ChangeLevelAsync)] = (w, u) => w.ChangeLevelAsync(caseId,
                new LevelChangeInput { Level = CaseLevel.FirstTimeCrime, Reason = "Sigtet for tyveri", LeadUserId = lead, ConcurrencyStamp = stamp }, u, none),
            [nameof(CaseWorkService.ChangeStatusAsync)] = (w, u) => w.ChangeStatusAsync(caseId, new StatusInput { Status = CaseStatus.UnderCoordination, ConcurrencyStamp = stamp }, u, none),
            [nameof(CaseWorkService.HandOverAsync)] = (w, u) => w.HandOverAsync(caseId, new HandoverInput { HandoverOn = today.AddDays(-1), GroupId = sspPlus, ConcurrencyStamp = stamp }, u, none),
            [nameof(CaseWorkService.SetGoalsAsync)] = (w, u) => w.SetGoalsAsync(caseId, new GoalsInput { OverallGoal = "Tilbage i skole", ConcurrencyStamp = stamp }, u, none),
            [nameof(CaseWorkService.SetFactorsAsync)] = (w, u) => w.SetFactorsAsync(caseId, new FactorsInput { Factors = { ["HighAbsence"] = true }, ConcurrencyStamp = stamp }, u, none),
            [nameof(CaseWorkService.MarkReviewedAsync)] = (w, u) => w.MarkReviewedAsync(caseId, stamp, u, none),
            [nameof(CaseActivityService.AddActionAsync)] = (w, u) => w.AddActionAsync(caseId,
                new ActionInput { What = "Hjemmebesøg", OwnerName = "Klasselæreren", OwnerPartyId = buf, DueOn = today.AddDays(3) }, u, none),
            [nameof(CaseActivityService.CompleteActionAsync)] = (w, u) => w.CompleteActionAsync(caseId, actionId, ActionStatus.Done, actionStamp, u, none),
            [nameof(CaseWorkService.SetLeaderGroupFlagAsync)] = (w, u) => w.SetLeaderGroupFlagAsync(caseId, false, stamp, u, none),
            [nameof(CaseActivityService.AddNoteAsync)] = (w, u) => w.AddNoteAsync(caseId, new NoteInput { NoteDate = today.AddDays(-1), Text = "Mor ringede." }, u, none),
        };
    }

    /// <summary>A consent the form would send for the case's young person: given today by the young person, identity only, for BOLIG.</summary>
    public static async Task<ConsentInput> ValidConsentInputAsync(this SspAppFactory app)
    {
        await using var db = app.CreateDbContext();
        var bolig = await db.Parties.Where(p => p.Code == "BOLIG").Select(p => p.Id).SingleAsync();
        var today = DanishTime.Today(app.Clock);
        return new ConsentInput
        {
            GivenBy = ConsentGiver.YoungPerson, IncludeIdentity = true, Purpose = ConsentPurpose.JointEffort, GivenOn = today, ExpiresOn = today.AddMonths(6),
            Parties = { [bolig.ToString(CultureInfo.InvariantCulture)] = true },
        };
    }

    /// <summary>An active consent (identity, for BOLIG) about the young person of the case, written directly; returns its id and stamp.</summary>
    public static async Task<(int Id, string Stamp)> NewConsentAsync(this SspAppFactory app, int caseId)
    {
        await using var db = app.CreateDbContext();
        var personId = await db.Cases.Where(c => c.Id == caseId).Select(c => c.YoungPersonId).SingleAsync();
        var bolig = await db.Parties.Where(p => p.Code == "BOLIG").Select(p => p.Id).SingleAsync();
        var creator = await db.Users.Where(u => u.Email == "sekretaer@sspkbh.dk").Select(u => u.Id).SingleAsync();
        var today = DanishTime.Today(app.Clock);
        var consent = new Consent
        {
            YoungPersonId = personId, GivenBy = ConsentGiver.YoungPerson, Information = ConsentInformation.Identity, Purpose = ConsentPurpose.JointEffort,
            GivenOn = today.AddDays(-1), ExpiresOn = today.AddMonths(6), RecordedByUserId = creator, RecordedAtUtc = DateTime.UtcNow,
            Recipients = [new ConsentRecipient { PartyId = bolig }],
        };
        db.Consents.Add(consent);
        await db.SaveChangesAsync();
        return (consent.Id, consent.ConcurrencyStamp);
    }

    public static async Task<string> CaseStampAsync(this SspAppFactory app, int caseId)
    {
        await using var db = app.CreateDbContext();
        return await db.Cases.Where(c => c.Id == caseId).Select(c => c.ConcurrencyStamp).SingleAsync();
    }

    /// <summary>
    /// Row counts of every table a case action writes, the stamps of every case, action and consent (each save gives a
    /// new one) and the number of recorded successful changes: equal snapshots mean nothing was saved.
    /// </summary>
    public static async Task<string> CaseDataSnapshotAsync(this SspAppFactory app)
    {
        await using var db = app.CreateDbContext();
        var changes = await db.AuditEntries.CountAsync(a => a.Outcome == AuditOutcomes.Success &&
            (a.Action == AuditActions.CaseCreated || a.Action == AuditActions.CaseUpdate || a.Action == AuditActions.PersonCreated || a.Action == AuditActions.EmergencyAccess ||
             a.Action == AuditActions.ConsentCreated || a.Action == AuditActions.ConsentWithdrawn));
        var counts = new[]
        {
            await db.YoungPersons.CountAsync(), await db.Cases.CountAsync(), await db.CaseLevelChanges.CountAsync(), await db.CaseStatusChanges.CountAsync(),
            await db.CaseActions.CountAsync(), await db.JournalNotes.CountAsync(), await db.CaseFactors.CountAsync(), await db.CaseFactorNotes.CountAsync(),
            await db.CaseAccessGrants.CountAsync(), await db.Consents.CountAsync(), await db.ConsentRecipients.CountAsync(),
        };
        var stamps = string.Join(',', await db.Cases.OrderBy(c => c.Id).Select(c => c.ConcurrencyStamp).ToListAsync())
            + ";" + string.Join(',', await db.CaseActions.OrderBy(a => a.Id).Select(a => a.ConcurrencyStamp).ToListAsync())
            + ";" + string.Join(',', await db.Consents.OrderBy(c => c.Id).Select(c => c.ConcurrencyStamp).ToListAsync());
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(stamps)))[..16];
        return $"changes={changes} rows={string.Join('/', counts)} stamps={hash}";
    }

    /// <summary>
    /// Calls one case action on a case outside the user's scope and on an unknown case: the first must answer Forbidden and
    /// be audited as denied (<paramref name="deniedAction"/>), the second NotFound, and neither may save anything.
    /// Returns what went wrong, in words, for a test that collects the problems of every action.
    /// </summary>
    public static async Task<List<string>> RefusalProblemsAsync(this SspAppFactory app, string method, string userId, string deniedAction,
        Func<Task<LookupOutcome>> outside, Func<Task<LookupOutcome>> unknown)
    {
        var problems = new List<string>();
        var before = await app.CaseDataSnapshotAsync();
        var sequence = await app.LastAuditSequenceAsync();
        if (await outside() is var outcome && outcome != LookupOutcome.Forbidden)
        {
            problems.Add($"{method} on a case outside scope answered {outcome}");
        }

        if (!(await app.DeniedSinceAsync(sequence, userId)).Contains(deniedAction))
        {
            problems.Add($"{method} on a case outside scope was not audited as denied ({deniedAction})");
        }

        if (await app.CaseDataSnapshotAsync() is var after && after != before)
        {
            problems.Add($"{method} on a case outside scope saved something: {before} -> {after}");
        }

        if (await unknown() is var missing && missing != LookupOutcome.NotFound)
        {
            problems.Add($"{method} on an unknown case answered {missing}");
        }

        if (await app.CaseDataSnapshotAsync() is var afterUnknown && afterUnknown != before)
        {
            problems.Add($"{method} on an unknown case saved something: {before} -> {afterUnknown}");
        }

        return problems;
    }

    public static async Task<long> LastAuditSequenceAsync(this SspAppFactory app)
    {
        await using var db = app.CreateDbContext();
        return await db.AuditEntries.MaxAsync(a => (long?)a.Sequence) ?? 0;
    }

    /// <summary>The actions audited as denied for this user since <paramref name="sequence"/>.</summary>
    public static async Task<List<string>> DeniedSinceAsync(this SspAppFactory app, long sequence, string userId)
    {
        await using var db = app.CreateDbContext();
        return await db.AuditEntries.AsNoTracking()
            .Where(a => a.Sequence > sequence && a.UserId == userId && a.Outcome == AuditOutcomes.Denied)
            .Select(a => a.Action).ToListAsync();
    }
}

/// <summary>
/// Every save the case page makes, whichever of the two case services holds it (<see cref="CaseWorkService"/>: the
/// case's own fields; <see cref="CaseActivityService"/>: what is appended), so a test can try them all the same way.
/// </summary>
public sealed class CaseSaves(CaseWorkService work, CaseActivityService activity)
{
    /// <summary>The services whose saves these are; the tests check that none of their saves is left out.</summary>
    public static readonly Type[] Services = [typeof(CaseWorkService), typeof(CaseActivityService)];

    public static IEnumerable<(Type Service, string Name)> AllSaves() =>
        Services.SelectMany(t => t.GetMethods().Where(m => m.DeclaringType == t && m.ReturnType == typeof(Task<WorkResult>)).Select(m => (t, m.Name)));

    public Task<WorkResult> ChangeLevelAsync(int id, LevelChangeInput input, ClaimsPrincipal user, CancellationToken ct) => work.ChangeLevelAsync(id, input, user, ct);

    public Task<WorkResult> ChangeStatusAsync(int id, StatusInput input, ClaimsPrincipal user, CancellationToken ct) => work.ChangeStatusAsync(id, input, user, ct);

    public Task<WorkResult> HandOverAsync(int id, HandoverInput input, ClaimsPrincipal user, CancellationToken ct) => work.HandOverAsync(id, input, user, ct);

    public Task<WorkResult> SetGoalsAsync(int id, GoalsInput input, ClaimsPrincipal user, CancellationToken ct) => work.SetGoalsAsync(id, input, user, ct);

    public Task<WorkResult> SetFactorsAsync(int id, FactorsInput input, ClaimsPrincipal user, CancellationToken ct) => work.SetFactorsAsync(id, input, user, ct);

    public Task<WorkResult> MarkReviewedAsync(int id, string? stamp, ClaimsPrincipal user, CancellationToken ct) => work.MarkReviewedAsync(id, stamp, user, ct);

    public Task<WorkResult> SetLeaderGroupFlagAsync(int id, bool flagged, string? stamp, ClaimsPrincipal user, CancellationToken ct) =>
        work.SetLeaderGroupFlagAsync(id, flagged, stamp, user, ct);

    public Task<WorkResult> AddActionAsync(int id, ActionInput input, ClaimsPrincipal user, CancellationToken ct) => activity.AddActionAsync(id, input, user, ct);

    public Task<WorkResult> CompleteActionAsync(int id, int actionId, ActionStatus outcome, string? stamp, ClaimsPrincipal user, CancellationToken ct) =>
        activity.CompleteActionAsync(id, actionId, outcome, stamp, user, ct);

    public Task<WorkResult> AddNoteAsync(int id, NoteInput input, ClaimsPrincipal user, CancellationToken ct) => activity.AddNoteAsync(id, input, user, ct);
}
