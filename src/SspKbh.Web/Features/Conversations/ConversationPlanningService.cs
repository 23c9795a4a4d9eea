using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Data;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Conversations;

/// <summary>A quick choice of a family member from the case (the young person or a custody holder).</summary>
public sealed record CaseChoice(string Key, string Label, ParticipantKind Kind, string Name);

/// <summary>
/// The "before" part of a concern conversation: planning (group meeting and own preparation), participants
/// with the §115 consent rule, and the invitation. Every change goes through
/// <see cref="ConversationService.ChangeAsync"/> (access, concurrency stamp, closed record, audit).
/// </summary>
public sealed class ConversationPlanningService(ConversationService conversations, SspDbContext db)
{
    // ---------------------------------------------------------------------------------------------
    // Choices for the forms and the letter

    /// <summary>The young person and the custody holders of the case, for the participant form's quick choice.</summary>
    public async Task<List<CaseChoice>> CaseChoicesAsync(int caseId, CancellationToken cancellationToken)
    {
        var personId = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.YoungPersonId).FirstAsync(cancellationToken);
        var person = await db.YoungPersons.AsNoTracking().Include(p => p.CustodyHolders).FirstAsync(p => p.Id == personId, cancellationToken);
        var choices = new List<CaseChoice> { new("young", $"{person.FullName} ({Texts.ParticipantKind_YoungPerson.ToLowerInvariant()})", ParticipantKind.YoungPerson, person.FullName) };
        choices.AddRange(person.CustodyHolders.OrderBy(h => h.Id)
            .Select(h => new CaseChoice("holder-" + h.Id.ToString(CultureInfo.InvariantCulture), $"{h.FullName} ({h.Relation})", ParticipantKind.CustodyHolder, h.FullName)));
        return choices;
    }

    /// <summary>The active parties (for a professional participant).</summary>
    public Task<List<PartyChoice>> PartiesAsync(bool activeOnly, CancellationToken cancellationToken) =>
        db.Parties.AsNoTracking().Where(p => !activeOnly || p.IsActive).OrderBy(p => p.Code)
            .Select(p => new PartyChoice(p.Id, p.Code, p.Name)).ToListAsync(cancellationToken);

    /// <summary>The responsible professional's name, party and contact details, for the letter.</summary>
    public async Task<LetterContact> ContactAsync(string userId, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Join(db.Parties, u => u.PartyId, p => p.Id, (u, p) => new LetterContact(u.FullName, p.Name, u.Email, u.PhoneNumber))
            .FirstOrDefaultAsync(cancellationToken) ?? new LetterContact("", "", null, null);

    // ---------------------------------------------------------------------------------------------
    // Changes

    /// <summary>Saves the planning fields; nothing is saved when any field is refused.</summary>
    public Task<ConversationResult> SavePlanningAsync(int id, PlanningInput input, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        conversations.ChangeAsync(id, input.ConcurrencyStamp, user, "before=planning", (record, _) =>
        {
            var minutes = input.PlannedMinutes ?? 0;
            var language = input.InterpreterNeeded ? Clean(input.InterpreterLanguage) : null;
            var errors = ConcernConversation.ValidatePlanning(input.Place, Clean(input.PlaceDetails), minutes, input.InterpreterNeeded, language).ToList();
            TooLong(errors, nameof(PlanningInput.ResourcePersons), input.ResourcePersons, ConcernConversation.ResourcePersonsMaxLength);
            TooLong(errors, nameof(PlanningInput.KnowledgeGathering), input.KnowledgeGathering, ConcernConversation.KnowledgeGatheringMaxLength);
            TooLong(errors, nameof(PlanningInput.Challenges), input.Challenges, ConcernConversation.ChallengesMaxLength);
            TooLong(errors, nameof(PlanningInput.Resources), input.Resources, ConcernConversation.ResourcesMaxLength);
            TooLong(errors, nameof(PlanningInput.QuestionsAndThemes), input.QuestionsAndThemes, ConcernConversation.QuestionsAndThemesMaxLength);
            if (errors.Count > 0)
            {
                return Task.FromResult<IReadOnlyList<(string, string)>>(errors);
            }

            record.ResourcePersons = Clean(input.ResourcePersons);
            record.KnowledgeGathering = Clean(input.KnowledgeGathering);
            record.InterpreterNeeded = input.InterpreterNeeded;
            record.InterpreterLanguage = language;
            record.Place = input.Place;
            record.PlaceDetails = Clean(input.PlaceDetails);
            record.ScheduledDate = input.ScheduledDate;
            record.StartTime = input.StartTime;
            record.PlannedMinutes = minutes;
            record.Challenges = Clean(input.Challenges);
            record.Resources = Clean(input.Resources);
            record.QuestionsAndThemes = Clean(input.QuestionsAndThemes);
            record.PreMeetingOn = input.PreMeetingOn;
            record.Touch();
            return Task.FromResult<IReadOnlyList<(string, string)>>([]);
        }, cancellationToken);

    /// <summary>
    /// Adds a participant. A professional linked to a user account gets party and authority status from the
    /// account; a professional without authority status needs a consent for the case's young person that
    /// covers them (<see cref="ConversationRules.CheckParticipant"/>), whose id is stored with them.
    /// </summary>
    public Task<ConversationResult> AddParticipantAsync(int id, ParticipantInput input, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        conversations.ChangeAsync(id, input.ConcurrencyStamp, user, "before=participant-add", async (record, c) =>
        {
            var kind = input.Kind;
            var name = Clean(input.Name);
            var partyId = input.PartyId;
            var isAuthority = input.IsAuthorityPerson ?? false;
            var userId = Clean(input.UserId);

            if (Clean(input.FromCase) is { } key)
            {
                var choice = (await CaseChoicesAsync(c.Id, cancellationToken)).FirstOrDefault(x => x.Key == key);
                if (choice is null)
                {
                    return [(nameof(ParticipantInput.FromCase), "ConversationBefore_CaseChoiceUnknown")];
                }

                (kind, name) = (choice.Kind, choice.Name);
            }

            if (kind is not { } k)
            {
                return [(nameof(ParticipantInput.Kind), "ParticipantKindRequired")];
            }

            if (userId is not null)
            {
                var account = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive)
                    .Select(u => new { u.FullName, u.PartyId, u.IsAuthorityPerson }).FirstOrDefaultAsync(cancellationToken);
                if (account is null)
                {
                    return [(nameof(ParticipantInput.UserId), "ConversationBefore_AccountUnknown")];
                }

                if (record.Participants.Any(p => p.UserId == userId))
                {
                    return [(nameof(ParticipantInput.UserId), "ConversationBefore_AlreadyParticipant")];
                }

                if (k == ParticipantKind.Professional)
                {
                    // The account decides party and authority status; the form cannot claim them.
                    name ??= account.FullName;
                    partyId = account.PartyId;
                    isAuthority = account.IsAuthorityPerson;
                }
            }
            else if (k == ParticipantKind.Professional && input.IsAuthorityPerson is null)
            {
                return [(nameof(ParticipantInput.IsAuthorityPerson), "ConversationBefore_AuthorityStatusRequired")];
            }

            if (partyId is { } pid && k == ParticipantKind.Professional && !await db.Parties.AnyAsync(p => p.Id == pid && p.IsActive, cancellationToken))
            {
                return [(nameof(ParticipantInput.PartyId), "ConversationBefore_PartyUnknown")];
            }

            var contribution = Clean(input.Contribution);
            if (contribution is not null && contribution.Length > ConversationParticipant.ContributionMaxLength)
            {
                return [(nameof(ParticipantInput.Contribution), "ConversationBefore_TextTooLong")];
            }

            var consents = k == ParticipantKind.Professional && !isAuthority
                ? await conversations.ConsentsForCaseAsync(c.Id, cancellationToken)
                : [];
            if (ConversationRules.CheckParticipant(k, name, partyId, userId, isAuthority, consents, conversations.Today) is { } error)
            {
                return [(ParticipantField(error), error)];
            }

            record.Participants.Add(new ConversationParticipant
            {
                ConversationId = record.Id,
                Kind = k,
                Name = name!,
                PartyId = partyId,
                UserId = userId,
                IsAuthorityPerson = isAuthority,
                Contribution = contribution,
                ConsentId = k == ParticipantKind.Professional && !isAuthority
                    ? ConversationRules.CoveringConsent(userId, partyId, consents, conversations.Today)?.Id
                    : null,
            });
            record.Touch();
            return [];
        }, cancellationToken);

    public Task<ConversationResult> RemoveParticipantAsync(int id, RemoveParticipantInput input, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        conversations.ChangeAsync(id, input.ConcurrencyStamp, user, "before=participant-remove", (record, _) =>
        {
            var participant = record.Participants.FirstOrDefault(p => p.Id == input.ParticipantId);
            if (participant is null)
            {
                return Task.FromResult<IReadOnlyList<(string, string)>>([("", "ConversationBefore_ParticipantNotFound")]);
            }

            record.Participants.Remove(participant);
            record.Touch();
            return Task.FromResult<IReadOnlyList<(string, string)>>([]);
        }, cancellationToken);

    /// <summary>Saves how and when the family was invited (by letter or phone, with a log note).</summary>
    public Task<ConversationResult> SaveInvitationAsync(int id, InvitationInput input, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        conversations.ChangeAsync(id, input.ConcurrencyStamp, user, "before=invitation", (record, _) =>
        {
            var errors = new List<(string, string)>();
            if (!Enum.IsDefined(input.Method))
            {
                errors.Add((nameof(InvitationInput.Method), "ConversationBefore_InvitationMethodInvalid"));
            }
            else if (input.Method != InvitationMethod.None && input.InvitedOn is null)
            {
                errors.Add((nameof(InvitationInput.InvitedOn), "ConversationBefore_InvitedOnRequired"));
            }

            if (input.InvitedOn is { } on && on > conversations.Today)
            {
                errors.Add((nameof(InvitationInput.InvitedOn), "ConversationDateInFuture"));
            }

            TooLong(errors, nameof(InvitationInput.Note), input.Note, ConcernConversation.InvitationNoteMaxLength);
            if (errors.Count > 0)
            {
                return Task.FromResult<IReadOnlyList<(string, string)>>(errors);
            }

            record.InvitationMethod = input.Method;
            record.InvitedOn = input.Method == InvitationMethod.None ? null : input.InvitedOn;
            record.InvitationNote = Clean(input.Note);
            record.Touch();
            return Task.FromResult<IReadOnlyList<(string, string)>>([]);
        }, cancellationToken);

    // ---------------------------------------------------------------------------------------------

    private static string ParticipantField(string error) => error switch
    {
        "ParticipantKindRequired" => nameof(ParticipantInput.Kind),
        "ParticipantNameRequired" or "ParticipantNameTooLong" => nameof(ParticipantInput.Name),
        "ParticipantNeedsConsent" => nameof(ParticipantInput.IsAuthorityPerson),
        _ => nameof(ParticipantInput.PartyId),
    };

    private static void TooLong(List<(string Field, string Error)> errors, string field, string? text, int max)
    {
        if (Clean(text) is { } t && t.Length > max)
        {
            errors.Add((field, "ConversationBefore_TextTooLong"));
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
