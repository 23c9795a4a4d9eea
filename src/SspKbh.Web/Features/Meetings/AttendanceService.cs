using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Meetings;
using SspKbh.Web.Audit;
using SspKbh.Web.Components.Shared;
using SspKbh.Web.Data;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Meetings;

/// <summary>
/// Who is at a meeting: attendance, guests (with an account, or a name and party), and the concerns a
/// participant without authority status hands over before leaving, which the authority members then
/// register as cases.
/// </summary>
public sealed class AttendanceService(SspDbContext db, MeetingAccess meetings, AuditService audit)
{
    /// <summary>Attendance per attendee (present, apologies, absent); only until the minutes are approved.</summary>
    public Task<MeetingResult> SaveAttendanceAsync(int meetingId, IReadOnlyDictionary<int, AttendanceStatus> statuses, string? stamp, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        meetings.ChangeAsync(meetingId, stamp, user, "attendance", (meeting, _) =>
        {
            if (meeting.CheckAgendaChange() is { } error)
            {
                return Task.FromResult<string?>(error);
            }

            foreach (var (attendeeId, status) in statuses)
            {
                if (meeting.Attendees.FirstOrDefault(a => a.Id == attendeeId) is not { } attendee || !Enum.IsDefined(status))
                {
                    return Task.FromResult<string?>("AttendeeNotFound");
                }

                attendee.Status = status;
            }

            meeting.Touch();
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    /// <summary>One person's attendance, saved with one click on the meeting page.</summary>
    public Task<MeetingResult> SetAttendanceAsync(int meetingId, int attendeeId, AttendanceStatus status, string? stamp, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        SaveAttendanceAsync(meetingId, new Dictionary<int, AttendanceStatus> { [attendeeId] = status }, stamp, user, cancellationToken);

    public async Task<MeetingResult> AddGuestAsync(int meetingId, GuestInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (ServiceResult.Refusing(new GuestInputValidator(), input) is { } invalid)
        {
            return new MeetingResult(LookupOutcome.Found, invalid);
        }

        var (outcome, meeting, _, viewer) = await meetings.LoadAsync(meetingId, user, tracked: true, cancellationToken);
        if (meeting is null || viewer != MeetingViewer.Secretary)
        {
            return await meetings.RefuseAsync(meeting is null ? outcome : LookupOutcome.Forbidden, "meeting", meetingId, user, cancellationToken);
        }

        var result = new ServiceResult();
        if (meeting.CheckAgendaChange() is { } locked)
        {
            return new MeetingResult(LookupOutcome.Found, result.General(RoleNames.Error(locked)));
        }

        var guest = new MeetingAttendee { IsGuest = true };
        if (!string.IsNullOrWhiteSpace(input.UserId))
        {
            var account = await db.Users.AsNoTracking().Where(u => u.Id == input.UserId && u.IsActive)
                .Select(u => new { u.Id, u.FullName, u.PartyId, u.IsAuthorityPerson }).FirstOrDefaultAsync(cancellationToken);
            if (account is null)
            {
                return new MeetingResult(LookupOutcome.Found, result.Field(nameof(GuestInput.UserId), Texts.Meeting_Validation_GuestUserUnknown));
            }

            if (meeting.Attendees.Any(a => a.UserId == account.Id))
            {
                return new MeetingResult(LookupOutcome.Found, result.Field(nameof(GuestInput.UserId), Texts.Meeting_Validation_GuestAlreadyThere));
            }

            // Authority status comes from the account, never from the form.
            (guest.UserId, guest.Name, guest.PartyId, guest.IsAuthorityPerson) = (account.Id, account.FullName, account.PartyId, account.IsAuthorityPerson);
        }
        else
        {
            if (!await db.Parties.AnyAsync(p => p.Id == input.PartyId && p.IsActive, cancellationToken))
            {
                return new MeetingResult(LookupOutcome.Found, result.Field(nameof(GuestInput.PartyId), Texts.Validation_PartyRequired));
            }

            (guest.Name, guest.PartyId, guest.IsAuthorityPerson) = (input.Name!.Trim(), input.PartyId!.Value, input.IsAuthorityPerson!.Value);
        }

        meeting.Attendees.Add(guest);
        meeting.Touch();
        return await meetings.SaveAsync(result, AuditActions.MeetingUpdated, "meeting", meetingId, "guest-add", user, cancellationToken);
    }

    /// <summary>At most this many accounts answer one search of the guest picker.</summary>
    public const int GuestAccountLimit = 20;

    /// <summary>
    /// The guest picker's accounts for what the secretary typed (part of the name or of the e-mail address, as the
    /// administration's user list searches): active users not already at the meeting, at most <see cref="GuestAccountLimit"/>, read on the server
    /// each time so the page never carries the whole user list. Only the meeting's secretary while the minutes are open
    /// is answered; anyone else gets nothing.
    /// </summary>
    public async Task<List<GuestAccount>> GuestAccountsAsync(int meetingId, string? search, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (_, meeting, _, viewer) = await meetings.LoadAsync(meetingId, user, tracked: false, cancellationToken);
        if (meeting is null || viewer != MeetingViewer.Secretary || meeting.IsLocked)
        {
            return [];
        }

        var attending = db.MeetingAttendees.Where(a => a.MeetingId == meetingId && a.UserId != null).Select(a => a.UserId);
        var accounts = UserSearch.Matching(db.Users.AsNoTracking().Where(u => u.IsActive && !attending.Contains(u.Id)), search);
        return (await accounts
                .Join(db.Parties, u => u.PartyId, p => p.Id, (u, p) => new { u.Id, u.FullName, p.Code, u.IsAuthorityPerson })
                .OrderBy(u => u.FullName).Take(GuestAccountLimit).ToListAsync(cancellationToken))
            .Select(u => new GuestAccount(u.Id, u.FullName, u.Code, u.IsAuthorityPerson)).ToList();
    }

    /// <summary>
    /// A participant without authority status hands over a concern before leaving: the authority
    /// members see it as a draft for a case. Only while the minutes are open.
    /// </summary>
    public async Task<MeetingResult> HandOverConcernAsync(int meetingId, TextInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (ServiceResult.Refusing(new TextInputValidator(HandedOverConcern.TextMaxLength), input) is { } invalid)
        {
            return new MeetingResult(LookupOutcome.Found, invalid);
        }

        var (outcome, meeting, _, viewer) = await meetings.LoadAsync(meetingId, user, tracked: false, cancellationToken);
        if (meeting is null || viewer != MeetingViewer.GeneralPartOnly)
        {
            return await meetings.RefuseAsync(meeting is null ? outcome : LookupOutcome.Forbidden, "meeting", meetingId, user, cancellationToken);
        }

        var result = new ServiceResult();
        if (meeting.IsLocked)
        {
            return new MeetingResult(LookupOutcome.Found, result.General(RoleNames.Error("MinutesLocked")));
        }

        db.HandedOverConcerns.Add(new HandedOverConcern { MeetingId = meetingId, FromUserId = user.UserId()!, Text = input.Text!.Trim(), CreatedAtUtc = meetings.Now });
        return await meetings.SaveAsync(result, AuditActions.MeetingConcernHandedOver, "meeting", meetingId, null, user, cancellationToken);
    }

    /// <summary>
    /// A concern handed over at a meeting, for the case registration form: only for authority members of
    /// the meeting, and only while no case has been registered from it. Audited like a look at the meeting.
    /// </summary>
    public async Task<ConcernView?> ConcernForRegistrationAsync(int concernId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var concern = await db.HandedOverConcerns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == concernId && c.RegisteredCaseId == null, cancellationToken);
        if (concern is null)
        {
            return null;
        }

        var (_, meeting, _, viewer) = await meetings.LoadAsync(concern.MeetingId, user, tracked: false, cancellationToken);
        if (meeting is null || viewer < MeetingViewer.Member)
        {
            return null;
        }

        var from = await db.Users.AsNoTracking().Where(u => u.Id == concern.FromUserId)
            .Join(db.Parties, u => u.PartyId, p => p.Id, (u, p) => new { u.FullName, p.Id, p.Code }).FirstAsync(cancellationToken);
        await audit.WriteAsync(new AuditEvent(AuditActions.MeetingView, SubjectType: "meeting", SubjectId: MeetingAccess.Id(meeting.Id), Purpose: "register-from-concern",
            Details: $"concern={concernId}", Actor: user), cancellationToken);
        return new ConcernView(concern.Id, from.FullName, from.Code, concern.Text, concern.CreatedAtUtc, null) { FromPartyId = from.Id };
    }

    /// <summary>Links a handed-over concern to the case registered from it (once; the user must be a member of the meeting).</summary>
    public async Task MarkConcernRegisteredAsync(int concernId, int caseId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var concern = await db.HandedOverConcerns.FirstOrDefaultAsync(c => c.Id == concernId && c.RegisteredCaseId == null, cancellationToken);
        if (concern is null)
        {
            return;
        }

        var (_, meeting, _, viewer) = await meetings.LoadAsync(concern.MeetingId, user, tracked: false, cancellationToken);
        if (meeting is null || viewer < MeetingViewer.Member)
        {
            return;
        }

        concern.RegisteredCaseId = caseId;
        await meetings.SaveAsync(new ServiceResult(), AuditActions.MeetingUpdated, "meeting", meeting.Id, $"concern={concernId} registered-case={caseId}", user, cancellationToken);
    }
}
