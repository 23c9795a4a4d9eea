using System.Security.Claims;
using SspKbh.Web.Features.Admin.Organisation;

namespace SspKbh.Web.Features.Meetings;

/// <summary>
/// Reads the meeting page in one DI scope: the meeting as the user may see it (audited by <see cref="MeetingService"/>)
/// and, only for the secretary of a meeting whose minutes are open, whether there are cases to add (the picker searches
/// them on the server as the secretary types), and the parties the guest form offers (its accounts are searched the same way).
/// </summary>
public sealed class MeetingPageLoader(MeetingService meetings, AgendaService agenda, OrganisationAdministration organisation)
{
    public async Task<MeetingPageState> LoadAsync(int meetingId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (outcome, view) = await meetings.GetAsync(meetingId, user, cancellationToken);
        if (view is null || view.Meeting.Viewer != MeetingViewer.Secretary || view.Meeting.Locked)
        {
            return new MeetingPageState(outcome, view, false, []);
        }

        return new MeetingPageState(outcome, view,
            await agenda.HasCaseOptionsAsync(meetingId, user, cancellationToken),
            await organisation.ListPartiesAsync(activeOnly: true, cancellationToken));
    }
}
