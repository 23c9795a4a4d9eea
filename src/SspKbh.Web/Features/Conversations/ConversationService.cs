using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Consents;
using SspKbh.Domain.Conversations;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Components.Shared;
using SspKbh.Web.Data;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Conversations;

/// <summary>
/// Concern conversations (bekymringssamtaler): created from a case or from a meeting decision, worked
/// through before, during and after with the record's own checklist version, and followed up through
/// case actions. Who may read a conversation is who may read its case (<see cref="CaseAccess"/>); authority
/// members of the case's koordinationsgruppe, and the ledergruppe for a level 3–4 case, may change it;
/// emergency access is read-only. Every look and change is audited against the case. A user's own list and the home
/// page's counts are <see cref="MyConversationsReader"/>.
/// </summary>
public sealed class ConversationService(SspDbContext db, CaseAccess access, AuditService audit, TimeProvider clock)
{
    public DateOnly Today => DanishTime.Today(clock);

    internal DateTime Now => clock.GetUtcNow().UtcDateTime;

    // ---------------------------------------------------------------------------------------------
    // Reading

    public async Task<(LookupOutcome Outcome, ConversationView? View)> GetAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken, string part = "overview")
    {
        var record = await db.ConcernConversations.AsNoTracking()
            .Include(c => c.Participants).Include(c => c.Agreements).Include(c => c.Checklist).AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (record is null)
        {
            return (LookupOutcome.NotFound, null);
        }

        var c = await db.Cases.AsNoTracking().FirstAsync(x => x.Id == record.CaseId, cancellationToken);
        var basis = await access.ReadBasisAsync(user, c, cancellationToken);
        if (basis == CaseAccessBasis.None)
        {
            await audit.WriteAsync(new AuditEvent(AuditActions.ConversationView, AuditOutcomes.Denied, SubjectType: "case", SubjectId: Id(c.Id),
                Details: $"conversation={id}", Actor: user), cancellationToken);
            return (LookupOutcome.Forbidden, null);
        }

        var template = await TemplateAsync(record.ChecklistTemplateId, cancellationToken);
        var person = await db.YoungPersons.AsNoTracking().Include(p => p.CustodyHolders).FirstAsync(p => p.Id == c.YoungPersonId, cancellationToken);
        var groupName = await db.Groups.AsNoTracking().Where(g => g.Id == c.CoordinationGroupId).Select(g => g.Name).FirstAsync(cancellationToken);
        var parties = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Code, cancellationToken);
        var userIds = record.Participants.Select(p => p.UserId).Concat(record.Agreements.Select(a => a.FollowUpUserId)).Append(record.ResponsibleUserId)
            .Concat(record.Checklist.Select(i => i.DoneByUserId)).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);

        await audit.WriteAsync(new AuditEvent(AuditActions.ConversationView, SubjectType: "case", SubjectId: Id(c.Id), Purpose: basis.AuditPurpose(),
            Details: $"conversation={id}; part={part}", Actor: user), cancellationToken);
        return (LookupOutcome.Found, new ConversationView(
            record, template,
            new ConversationCase(c.Id, c.CaseNumber, person.FullName, person.DateOfBirth, person.Address, c.Level, c.Status, groupName,
                person.CustodyHolders.Select(h => new CustodyHolderView(h.FullName, h.Relation, h.Phone, h.Email)).ToList()),
            names.GetValueOrDefault(record.ResponsibleUserId, ""), parties, names,
            record.Progress(template),
            ConversationGuidance.UsualConstellation(record.LevelAtCreation),
            ConversationGuidance.TooManyProfessionals(ConversationRules.ProfessionalCount(record.Participants)),
            MayWrite(basis, c) && !record.IsClosed,
            basis));
    }

    /// <summary>The conversations of a case (for the case page), newest first; the caller has already checked access to the case.</summary>
    public async Task<List<ConversationSummary>> ForCaseAsync(int caseId, CancellationToken cancellationToken) =>
        await ConversationSummaries.ReadAsync(db, db.ConcernConversations.AsNoTracking().Where(c => c.CaseId == caseId), Today, cancellationToken);

    /// <summary>The conversation a meeting decision offered (for the minutes page's link), if any.</summary>
    public Task<int?> ForAgendaItemAsync(int agendaItemId, CancellationToken cancellationToken) =>
        db.ConcernConversations.AsNoTracking().Where(c => c.AgendaItemId == agendaItemId).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The authority members of the case's koordinationsgruppe (and of the ledergruppe above it for a level 3–4 case).</summary>
    public async Task<List<ResponsibleCandidate>> ResponsibleCandidatesAsync(int caseId, CancellationToken cancellationToken) =>
        (await access.AuthorityPeopleOfCaseAsync(caseId, cancellationToken)).Select(p => new ResponsibleCandidate(p.UserId, p.FullName, p.PartyCode)).ToList();

    /// <summary>The case's consents, for checking a participant without authority status.</summary>
    public async Task<List<Consent>> ConsentsForCaseAsync(int caseId, CancellationToken cancellationToken)
    {
        var personId = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.YoungPersonId).FirstAsync(cancellationToken);
        return await db.Consents.AsNoTracking().Include(c => c.Recipients).Where(c => c.YoungPersonId == personId).ToListAsync(cancellationToken);
    }

    // ---------------------------------------------------------------------------------------------
    // Creating

    /// <summary>Offers a conversation on a case: a planned record with a responsible professional and the newest checklist version.</summary>
    public async Task<ConversationResult> CreateAsync(int caseId, CreateConversationInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, c, _) = await LoadCaseForWriteAsync(caseId, user, cancellationToken);
        if (c is null)
        {
            return ConversationResult.Refused(outcome);
        }

        if (ServiceResult.Refusing(new CreateConversationInputValidator(), input) is { } invalid)
        {
            return new ConversationResult(LookupOutcome.Found, invalid);
        }

        var result = new ServiceResult();
        if (c.Status == CaseStatus.Closed)
        {
            return new ConversationResult(LookupOutcome.Found, result.General(CaseTexts.Error("CaseIsClosed")));
        }

        if (!(await ResponsibleCandidatesAsync(caseId, cancellationToken)).Any(r => r.UserId == input.ResponsibleUserId))
        {
            return new ConversationResult(LookupOutcome.Found, result.Field(nameof(CreateConversationInput.ResponsibleUserId), Texts.Error_ConversationResponsibleNotInGroup));
        }

        var record = await NewRecordAsync(c, null, input.ResponsibleUserId!, user, cancellationToken);
        db.ConcernConversations.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(new AuditEvent(AuditActions.ConversationCreated, SubjectType: "case", SubjectId: Id(caseId), Details: $"conversation={record.Id}", Actor: user), cancellationToken);
        result.CreatedId = Id(record.Id);
        return new ConversationResult(LookupOutcome.Found, result);
    }

    /// <summary>
    /// A koordinationsgruppe decided in the minutes to offer a conversation: a planned record linked to the
    /// agenda item, with the case's named lead as responsible (or the one writing the minutes). Once per item.
    /// </summary>
    internal async Task<int?> OfferFromMinutesAsync(int caseId, int agendaItemId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await db.ConcernConversations.AnyAsync(x => x.AgendaItemId == agendaItemId, cancellationToken))
        {
            return null;
        }

        var c = await db.Cases.AsNoTracking().FirstAsync(x => x.Id == caseId, cancellationToken);
        var candidates = await ResponsibleCandidatesAsync(caseId, cancellationToken);
        var responsible = candidates.Any(r => r.UserId == c.LeadUserId) ? c.LeadUserId! : user.UserId()!;
        var record = await NewRecordAsync(c, agendaItemId, responsible, user, cancellationToken);
        db.ConcernConversations.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(new AuditEvent(AuditActions.ConversationCreated, SubjectType: "case", SubjectId: Id(caseId),
            Details: $"conversation={record.Id}; agenda-item={agendaItemId}", Actor: user), cancellationToken);
        return record.Id;
    }

    // ---------------------------------------------------------------------------------------------
    // Changing

    /// <summary>Moves the record along its status (prepared, held, followed up, journalised, declined, cancelled).</summary>
    public Task<ConversationResult> ChangeStatusAsync(int id, StatusChangeInput input, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(id, input.ConcurrencyStamp, user, $"status={input.Step}", (record, _) =>
        {
            var today = Today;
            var date = input.Date ?? today;
            if (date > today)
            {
                return Task.FromResult<IReadOnlyList<(string, string)>>([(nameof(StatusChangeInput.Date), "ConversationDateInFuture")]);
            }

            var error = input.Step switch
            {
                ConversationStep.Prepared => record.MarkPrepared(date),
                ConversationStep.Held => record.MarkHeld(today, TimeOnly.FromDateTime(DanishTime.ToCopenhagen(Now))),
                ConversationStep.FollowedUp => record.MarkFollowedUp(date),
                ConversationStep.Journalised => record.Journalise(date, input.Reference),
                ConversationStep.Declined => record.Decline(date),
                ConversationStep.Cancelled => record.Cancel(date, input.Reason),
                _ => "ConversationStatusChangeInvalid",
            };
            IReadOnlyList<(string, string)> errors = error is null ? [] : [(StatusField(error), error)];
            return Task.FromResult(errors);
        }, cancellationToken, allowClosed: false);

    /// <summary>Changes the responsible professional (one of the case's group members).</summary>
    public Task<ConversationResult> ChangeResponsibleAsync(int id, CreateConversationInput input, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(id, input.ConcurrencyStamp, user, "responsible", async (record, _) =>
        {
            if (!(await ResponsibleCandidatesAsync(record.CaseId, cancellationToken)).Any(r => r.UserId == input.ResponsibleUserId))
            {
                return [(nameof(CreateConversationInput.ResponsibleUserId), "ConversationResponsibleNotInGroup")];
            }

            record.ResponsibleUserId = input.ResponsibleUserId!;
            record.Touch();
            return [];
        }, cancellationToken);

    /// <summary>
    /// Loads the record tracked, checks access, the concurrency stamp and that it is still open, runs the
    /// change (which returns field/error-key pairs) and saves with an audit entry. Shared by every part of the
    /// record's pages.
    /// </summary>
    internal Task<ConversationResult> ChangeAsync(
        int id, string? stamp, ClaimsPrincipal user, string details,
        Func<ConcernConversation, SspCase, Task<IReadOnlyList<(string Field, string Error)>>> change, CancellationToken cancellationToken, bool allowClosed = false) =>
        ChangeCoreAsync(id, stamp, checkStamp: true, user, details, change, allowClosed, cancellationToken);

    /// <summary>
    /// A change of the checklist's own rows (a tick, a note): access and an open record are checked as for any
    /// change, but not the record's stamp, which guards the record's forms. A tick therefore never makes the
    /// planning form stale, nor the form a tick (issue 16 #5). Two first ticks of one item at the same moment
    /// both insert its row; the loser reads again and finds the row.
    /// </summary>
    internal async Task<ConversationResult> ChangeChecklistAsync(
        int id, ClaimsPrincipal user, string details,
        Func<ConcernConversation, SspCase, Task<IReadOnlyList<(string Field, string Error)>>> change, CancellationToken cancellationToken)
    {
        try
        {
            return await ChangeCoreAsync(id, null, checkStamp: false, user, details, change, allowClosed: false, cancellationToken);
        }
        catch (DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            return await ChangeCoreAsync(id, null, checkStamp: false, user, details, change, allowClosed: false, cancellationToken);
        }
    }

    private async Task<ConversationResult> ChangeCoreAsync(
        int id, string? stamp, bool checkStamp, ClaimsPrincipal user, string details,
        Func<ConcernConversation, SspCase, Task<IReadOnlyList<(string Field, string Error)>>> change, bool allowClosed, CancellationToken cancellationToken)
    {
        var record = await db.ConcernConversations.Include(c => c.Participants).Include(c => c.Agreements).Include(c => c.Checklist).AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (record is null)
        {
            return ConversationResult.Refused(LookupOutcome.NotFound);
        }

        var (outcome, c, _) = await LoadCaseForWriteAsync(record.CaseId, user, cancellationToken);
        if (c is null)
        {
            return ConversationResult.Refused(outcome);
        }

        var result = new ServiceResult();
        if (checkStamp && !Concurrency.Matches(db, record, stamp))
        {
            return new ConversationResult(LookupOutcome.Found, result.General(Texts.Concurrency_Conflict));
        }

        if (!allowClosed && record.CheckEdit() is { } closed)
        {
            return new ConversationResult(LookupOutcome.Found, result.General(RoleNames.Error(closed)));
        }

        foreach (var (field, error) in await change(record, c))
        {
            if (field.Length == 0)
            {
                result.General(RoleNames.Error(error));
            }
            else
            {
                result.Field(field, RoleNames.Error(error));
            }
        }

        if (!result.Succeeded || !await Concurrency.TrySaveAsync(db, result, cancellationToken))
        {
            return new ConversationResult(LookupOutcome.Found, result);
        }

        await audit.WriteAsync(new AuditEvent(AuditActions.ConversationUpdated, SubjectType: "case", SubjectId: Id(record.CaseId),
            Details: $"conversation={id}; {details}", Actor: user), cancellationToken);
        return new ConversationResult(LookupOutcome.Found, result) { Stamp = record.ConcurrencyStamp };
    }

    // ---------------------------------------------------------------------------------------------

    private static string StatusField(string error) => error switch
    {
        "JournalReferenceRequired" or "JournalReferenceTooLong" => nameof(StatusChangeInput.Reference),
        "CancelReasonRequired" or "CancelReasonTooLong" => nameof(StatusChangeInput.Reason),
        "ConversationDateBeforeHeld" => nameof(StatusChangeInput.Date),
        _ => "",
    };

    private static bool MayWrite(CaseAccessBasis basis, SspCase c) => basis.MayChange() && c.AnonymisedOn is null;

    private async Task<(LookupOutcome, SspCase?, CaseAccessBasis)> LoadCaseForWriteAsync(int caseId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, cancellationToken);
        if (c is null)
        {
            return (LookupOutcome.NotFound, null, CaseAccessBasis.None);
        }

        var basis = (await access.ScopeForAsync(user, cancellationToken)).BasisFor(c);
        if (!MayWrite(basis, c))
        {
            await audit.WriteAsync(new AuditEvent(AuditActions.ConversationUpdated, AuditOutcomes.Denied, SubjectType: "case", SubjectId: Id(caseId), Actor: user), cancellationToken);
            return (LookupOutcome.Forbidden, null, basis);
        }

        return (LookupOutcome.Found, c, basis);
    }

    private async Task<ConcernConversation> NewRecordAsync(SspCase c, int? agendaItemId, string responsibleUserId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var templateId = await db.ChecklistTemplates.AsNoTracking().OrderByDescending(t => t.Version).Select(t => t.Id).FirstAsync(cancellationToken);
        return ConcernConversation.Create(c.Id, agendaItemId, responsibleUserId, c.Level, templateId, user.UserId()!, Now);
    }

    internal async Task<ChecklistTemplate> TemplateAsync(int templateId, CancellationToken cancellationToken) =>
        await db.ChecklistTemplates.AsNoTracking().Include(t => t.Items).FirstAsync(t => t.Id == templateId, cancellationToken);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
