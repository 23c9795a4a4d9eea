using System.Security.Claims;
using SspKbh.Web.Features.Admin.Organisation;

namespace SspKbh.Web.Features.Meetings;

/// <summary>
/// Reads the meeting page in one DI scope: the meeting as the user may see it (audited by <see cref="MeetingService"/>)
/// and, only for the secretary of a meeting whose minutes are open, the cases, parties and accounts the agenda and guest
/// forms offer. Nobody else is given those lists.
/// </summary>
public sealed class MeetingPageLoader(MeetingService meetings, AgendaService agenda, AttendanceService attendance, OrganisationAdministration organisation)
{
    public async Task<MeetingPageState> LoadAsync(int meetingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, view) = await meetings.GetAsync(meetingId, user, cancellationToken);
        if (view is null || view.Meeting.Viewer != MeetingViewer.Secretary || view.Meeting.Locked)
        {
            return new MeetingPageState(outcome, view, [], [], []);
        }

        return new MeetingPageState(outcome, view,
            await agenda.CaseOptionsAsync(meetingId, user, cancellationToken),
            await organisation.ListPartiesAsync(activeOnly: true, cancellationToken),
            await attendance.GuestAccountsAsync(meetingId, cancellationToken));
    }
}
