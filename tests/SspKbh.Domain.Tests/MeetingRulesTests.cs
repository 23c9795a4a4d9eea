using SspKbh.Domain.Cases;
using SspKbh.Domain.Meetings;

namespace SspKbh.Domain.Tests;

public sealed class MeetingRulesTests
{
    private static readonly DateOnly MeetingDay = new(2026, 12, 1);
    private static readonly IReadOnlyDictionary<CaseLevel, LevelDeadline> Deadlines = DeadlineRules.Placeholders.ToDictionary(d => d.Level);

    private static CaseForAgenda Case(int id, CaseLevel level = CaseLevel.WorryingBehaviour, bool onEarlierAgenda = true, DateOnly? levelSetOn = null,
        DateOnly? lastReviewed = null, DateOnly? lastChange = null, DateOnly? earliestDue = null, bool openFromLast = false, bool flagged = false,
        CaseStatus status = CaseStatus.UnderCoordination) =>
        new(id, level, status, levelSetOn ?? MeetingDay.AddDays(-10), lastReviewed ?? MeetingDay.AddDays(-5), lastChange, flagged, onEarlierAgenda, earliestDue, openFromLast);

    [Fact]
    public void Cases_of_one_young_person_are_proposed_together_where_the_most_pressing_of_them_stands()
    {
        // Person 100 has a level 4 and a level 1 case; person 200 a level 3 case; person 300 a level 2 case.
        var proposals = AgendaProposal.Propose(
        [
            Case(1, CaseLevel.WorryingBehaviour, onEarlierAgenda: false) with { YoungPersonId = 100 },
            Case(2, CaseLevel.RepeatedSeriousCrime, onEarlierAgenda: false) with { YoungPersonId = 200 },
            Case(3, CaseLevel.CrimeDangerousToPersons, onEarlierAgenda: false) with { YoungPersonId = 100 },
            Case(4, CaseLevel.FirstTimeCrime, onEarlierAgenda: false) with { YoungPersonId = 300 },
        ], MeetingDay, null, forLeaderGroup: false, Deadlines);

        Assert.Equal([3, 1, 2, 4], proposals.Select(p => p.CaseId));
    }

    [Fact]
    public void Each_reason_puts_a_case_on_the_agenda_and_a_case_without_one_stays_off()
    {
        var previous = MeetingDay.AddDays(-14);
        var proposals = AgendaProposal.Propose(
        [
            Case(1, onEarlierAgenda: false),
            Case(2, lastChange: previous.AddDays(1)),
            Case(3, earliestDue: MeetingDay.AddDays(-1)),
            Case(4, openFromLast: true),
            Case(5, lastReviewed: MeetingDay.AddDays(-90)),
            Case(6, lastChange: previous, earliestDue: MeetingDay),
            Case(7, onEarlierAgenda: false, status: CaseStatus.Closed),
        ], MeetingDay, previous, forLeaderGroup: false, Deadlines).ToDictionary(p => p.CaseId, p => p.Reasons);

        Assert.Equal(AgendaReason.NewCase, proposals[1]);
        Assert.Equal(AgendaReason.LevelChanged, proposals[2]);
        Assert.Equal(AgendaReason.OverdueActions, proposals[3]);
        Assert.Equal(AgendaReason.OpenTasksFromLastMeeting, proposals[4]);
        Assert.Equal(AgendaReason.ReviewDue, proposals[5]);
        Assert.False(proposals.ContainsKey(6), "a change on the last meeting's day and an action due on the meeting day are no reason");
        Assert.False(proposals.ContainsKey(7), "closed cases are never proposed");
    }

    [Fact]
    public void The_leader_group_also_gets_the_cases_sent_to_it_and_the_most_serious_come_first()
    {
        var cases = new[] { Case(1, CaseLevel.RepeatedSeriousCrime, flagged: true), Case(2, CaseLevel.CrimeDangerousToPersons, flagged: true) };

        Assert.Empty(AgendaProposal.Propose(cases, MeetingDay, MeetingDay.AddDays(-28), forLeaderGroup: false, Deadlines));
        var leader = AgendaProposal.Propose(cases, MeetingDay, MeetingDay.AddDays(-28), forLeaderGroup: true, Deadlines);
        Assert.Equal([2, 1], leader.Select(p => p.CaseId));
        Assert.All(leader, p => Assert.Equal(AgendaReason.FlaggedForLeaderGroup, p.Reasons));
    }

    [Fact]
    public void A_case_the_leader_group_took_up_again_is_on_its_next_agenda_for_that_reason_not_as_sent_up()
    {
        var takenUp = Case(1, CaseLevel.RepeatedSeriousCrime, flagged: true) with { TakenUpAgainAtLastMeeting = true };

        Assert.Equal(AgendaReason.TakenUpAgain, AgendaProposal.Reasons(takenUp, MeetingDay, MeetingDay.AddDays(-28), forLeaderGroup: true, Deadlines));
        Assert.Equal(AgendaReason.None, AgendaProposal.Reasons(takenUp, MeetingDay, MeetingDay.AddDays(-28), forLeaderGroup: false, Deadlines));
    }

    [Fact]
    public void A_meeting_in_the_past_gets_no_proposal_and_minutes_wait_for_the_meeting_day()
    {
        var meeting = new Meeting { Date = MeetingDay };
        Assert.Null(meeting.CheckAgendaProposal(MeetingDay));
        Assert.Equal("MeetingInPastNoProposal", meeting.CheckAgendaProposal(MeetingDay.AddDays(1)));
        Assert.Equal("MinutesBeforeMeeting", meeting.CheckMinutesChange(MeetingDay.AddDays(-1)));
        Assert.Null(meeting.CheckMinutesChange(MeetingDay));
        Assert.Contains(("Date", "MeetingDateInPast"), Meeting.ValidateSchedule(MeetingDay.AddDays(-1), new TimeOnly(9, 0), "Skolen", MeetingDay));
    }

    [Fact]
    public void Minutes_are_approved_only_with_a_decision_for_every_case_and_are_locked_afterwards()
    {
        var meeting = new Meeting { Date = MeetingDay };
        meeting.AddItem(AgendaItem.General("Velkomst"));
        var item = meeting.AddItem(AgendaItem.ForCase(42, AgendaReason.NewCase));

        Assert.Equal("MinutesMissingDecisions", meeting.ApproveMinutes("u", "Koordinationsgruppe Amager Øst", DateTime.UtcNow, MeetingDay));
        item.Decision = MeetingDecision.KeepLevel;
        Assert.Null(meeting.ApproveMinutes("u", "Koordinationsgruppe Amager Øst", DateTime.UtcNow, MeetingDay));

        Assert.True(meeting.IsLocked);
        Assert.Equal("MinutesLocked", meeting.CheckMinutesChange(MeetingDay));
        Assert.Equal("MinutesLocked", meeting.Move(item.Id, -1));
        Assert.Equal("MinutesLocked", meeting.PublishAgenda(DateTime.UtcNow));
    }

    [Fact]
    public void Items_move_within_their_part_and_an_item_with_minutes_cannot_be_removed()
    {
        var meeting = new Meeting { Date = MeetingDay };
        var a = meeting.AddItem(new AgendaItem { Id = 1, Part = AgendaPart.General, Title = "A" });
        var b = meeting.AddItem(new AgendaItem { Id = 2, Part = AgendaPart.General, Title = "B" });
        var c = meeting.AddItem(new AgendaItem { Id = 3, Part = AgendaPart.Cases, CaseId = 9 });

        Assert.Null(meeting.Move(b.Id, -1));
        Assert.Equal(["B", "A"], meeting.Part(AgendaPart.General).Select(i => i.Title));
        Assert.Equal(1, c.Position);
        Assert.Null(meeting.Move(b.Id, -1)); // already first: stays

        a.Summary = "Drøftet.";
        Assert.Equal("AgendaItemHasMinutes", meeting.Remove(a.Id));
        Assert.Null(meeting.Remove(c.Id));
        Assert.DoesNotContain(c, meeting.Items);

        // Removing from the middle closes the gap: 1, 2, 3 instead of 1, 3, 4.
        var items = Enumerable.Range(10, 4).Select(id => meeting.AddItem(new AgendaItem { Id = id, Part = AgendaPart.Cases, CaseId = id })).ToList();
        Assert.Null(meeting.Remove(items[1].Id));
        Assert.Equal([1, 2, 3], meeting.Part(AgendaPart.Cases).Select(i => i.Position));
        Assert.Equal([10, 12, 13], meeting.Part(AgendaPart.Cases).Select(i => i.Id));
    }

    [Fact]
    public void The_next_meeting_is_one_interval_after_the_last_and_never_in_the_past()
    {
        var series = new MeetingSeries { IntervalDays = 14 };
        Assert.Equal(MeetingDay.AddDays(14), series.NextDate(MeetingDay, MeetingDay));
        Assert.Equal(MeetingDay.AddDays(2), series.NextDate(MeetingDay.AddDays(-26), MeetingDay));
        Assert.Equal(14, MeetingSeries.DefaultIntervalDays(Organisation.GroupKind.CoordinationGroup));
        Assert.Equal(28, MeetingSeries.DefaultIntervalDays(Organisation.GroupKind.LeaderGroup));
    }
}
