using System.Security.Claims;

namespace SspKbh.Web.Features.Meetings;

/// <summary>A group the user opens from "Mine møder": to plan its meetings, or its ledergruppe board.</summary>
public sealed record GroupLink(int Id, string Name);

/// <summary>What "Mine møder" shows; carried from the prerender into the circuit, so it is read once.</summary>
public sealed record MyMeetingsView(DateOnly Today, IReadOnlyList<MeetingSummary> Meetings, IReadOnlyList<GroupLink> PlannableGroups, IReadOnlyList<GroupLink> LeaderBoards);

/// <summary>Reads "Mine møder" in one operation: the user's meetings, the groups they plan for and their ledergruppe boards.</summary>
public sealed class MyMeetingsLoader(MeetingService meetings, LeaderBoardService board)
{
    public async Task<MyMeetingsView> LoadAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var mine = await meetings.MyMeetingsAsync(user, cancellationToken);
        var plannable = await meetings.PlannableGroupsAsync(user, cancellationToken);
        var leaderGroups = await board.MyLeaderGroupsAsync(user, cancellationToken);
        return new MyMeetingsView(meetings.Today, mine,
            plannable.Select(g => new GroupLink(g.Id, g.Name)).ToList(), leaderGroups.Select(g => new GroupLink(g.Id, g.Name)).ToList());
    }
}
