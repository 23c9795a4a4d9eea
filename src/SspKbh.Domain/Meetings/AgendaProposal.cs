using SspKbh.Domain.Cases;

namespace SspKbh.Domain.Meetings;

/// <summary>What the agenda proposal needs to know about one case of the group.</summary>
public sealed record CaseForAgenda(
    int CaseId,
    CaseLevel Level,
    CaseStatus Status,
    DateOnly LevelSetOn,
    DateOnly? LastReviewedOn,
    DateOnly? LastLevelChangeOn,
    bool FlaggedForLeaderGroup,
    bool OnEarlierAgenda,
    DateOnly? EarliestOpenActionDue,
    bool HasOpenTasksFromLastMeeting,
    int YoungPersonId = 0,
    bool TakenUpAgainAtLastMeeting = false);

/// <summary>
/// Proposes the individual-case part of an agenda: every open case of the group that needs the
/// group's attention at the meeting, with the reasons. The secretary may then add, remove and order.
/// </summary>
public static class AgendaProposal
{
    /// <param name="meetingDate">The meeting the agenda is for; deadlines are judged on that day.</param>
    /// <param name="previousMeetingDate">The group's last meeting before this one, if any.</param>
    /// <param name="forLeaderGroup">A ledergruppe's agenda: cases the coordination group sent up also count.</param>
    /// <param name="deadlines">Configured deadlines per level.</param>
    public static IReadOnlyList<(int CaseId, AgendaReason Reasons)> Propose(
        IEnumerable<CaseForAgenda> cases,
        DateOnly meetingDate,
        DateOnly? previousMeetingDate,
        bool forLeaderGroup,
        IReadOnlyDictionary<CaseLevel, LevelDeadline> deadlines)
    {
        var proposals = new List<(int, AgendaReason)>();
        foreach (var c in cases.Where(c => c.Status != CaseStatus.Closed))
        {
            var reasons = Reasons(c, meetingDate, previousMeetingDate, forLeaderGroup, deadlines);
            if (reasons != AgendaReason.None)
            {
                proposals.Add((c.CaseId, reasons));
            }
        }

        // Most serious first; within a level, the case with most reasons first.
        var byCase = cases.ToDictionary(c => c.CaseId);
        var ordered = proposals
            .OrderByDescending(p => byCase[p.Item1].Level)
            .ThenByDescending(p => System.Numerics.BitOperations.PopCount((uint)p.Item2))
            .ThenBy(p => p.Item1)
            .ToList();

        // Cases of the same young person stand together, where the most pressing of them would stand, so the group
        // discusses the person once (issue 16 #10). A person id of 0 (unknown) keeps each case on its own.
        var firstPlace = new Dictionary<int, int>();
        for (var i = 0; i < ordered.Count; i++)
        {
            firstPlace.TryAdd(PersonKey(byCase[ordered[i].Item1]), i);
        }

        return ordered.Select((p, i) => (Proposal: p, Index: i))
            .OrderBy(x => firstPlace[PersonKey(byCase[x.Proposal.Item1])])
            .ThenBy(x => x.Index)
            .Select(x => x.Proposal)
            .ToList();
    }

    private static int PersonKey(CaseForAgenda c) => c.YoungPersonId != 0 ? c.YoungPersonId : -c.CaseId;

    public static AgendaReason Reasons(
        CaseForAgenda c, DateOnly meetingDate, DateOnly? previousMeetingDate, bool forLeaderGroup, IReadOnlyDictionary<CaseLevel, LevelDeadline> deadlines)
    {
        var reasons = AgendaReason.None;
        if (!c.OnEarlierAgenda)
        {
            reasons |= AgendaReason.NewCase;
        }

        if (c.LastLevelChangeOn is { } changed && (previousMeetingDate is null || changed > previousMeetingDate))
        {
            reasons |= AgendaReason.LevelChanged;
        }

        if (c.EarliestOpenActionDue is { } due && DeadlineRules.IsOverdue(due, meetingDate))
        {
            reasons |= AgendaReason.OverdueActions;
        }

        if (c.HasOpenTasksFromLastMeeting)
        {
            reasons |= AgendaReason.OpenTasksFromLastMeeting;
        }

        if (deadlines.TryGetValue(c.Level, out var deadline) &&
            DeadlineRules.ReviewDue(c.LastReviewedOn ?? c.LevelSetOn, deadline) <= meetingDate)
        {
            reasons |= AgendaReason.ReviewDue;
        }

        // The flag stays set after "take it up again", so say which of the two put the case here.
        if (forLeaderGroup && c.TakenUpAgainAtLastMeeting)
        {
            reasons |= AgendaReason.TakenUpAgain;
        }
        else if (forLeaderGroup && c.FlaggedForLeaderGroup)
        {
            reasons |= AgendaReason.FlaggedForLeaderGroup;
        }

        return reasons;
    }

    /// <summary>The reasons, one flag at a time (for display).</summary>
    public static IEnumerable<AgendaReason> Each(AgendaReason reasons) =>
        Enum.GetValues<AgendaReason>().Where(r => r != AgendaReason.None && reasons.HasFlag(r));
}
