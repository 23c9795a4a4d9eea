using SspKbh.Domain.Cases;

namespace SspKbh.Domain.Tests;

public sealed class SspCaseTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly LevelForm Form = new("Røveri", "Fravær", "Ingen fritid", "Mor alene", "Ældre venner", "Samtale");

    private static SspCase NewCase(CaseLevel level = CaseLevel.WorryingBehaviour) =>
        SspCase.Register("2026-00001", 1, 7, level, CaseSource.School, 1, null, Today.AddDays(-10), "Fravær", 1, null, null,
            level.RequiresLevelForm() ? Form : null, "creator", Now.AddDays(-10));

    [Fact]
    public void Registration_records_the_first_level_and_flags_level_4_for_the_leader_group()
    {
        var c = NewCase(CaseLevel.CrimeDangerousToPersons);
        var first = Assert.Single(c.LevelHistory);
        Assert.Null(first.From);
        Assert.Equal(CaseLevel.CrimeDangerousToPersons, first.To);
        Assert.True(c.FlaggedForLeaderGroup);
        Assert.False(NewCase().FlaggedForLeaderGroup);
    }

    [Fact]
    public void Escalation_to_level_4_needs_the_form_and_a_named_lead_and_changes_nothing_when_refused()
    {
        var c = NewCase();
        var stamp = c.ConcurrencyStamp;
        var errors = c.ChangeLevel(CaseLevel.CrimeDangerousToPersons, "Anholdt", null, LeadAssignment.Default(CaseLevel.CrimeDangerousToPersons), 2, "u", Now, Today);

        Assert.Contains(("Lead.PersonUserId", "LeadPersonRequired"), errors);
        Assert.Contains(("Form.OffenceSituation", "LevelFormFieldRequired"), errors);
        Assert.Equal(CaseLevel.WorryingBehaviour, c.Level);
        Assert.Single(c.LevelHistory);
        Assert.Equal(stamp, c.ConcurrencyStamp);
    }

    [Fact]
    public void Accepted_level_change_is_kept_in_history_resets_deadlines_and_renews_the_stamp()
    {
        var c = NewCase();
        var stamp = c.ConcurrencyStamp;
        var errors = c.ChangeLevel(CaseLevel.CrimeDangerousToPersons, " Anholdt for røveri ", Form,
            LeadAssignment.Default(CaseLevel.CrimeDangerousToPersons, "lead-1"), 2, "u", Now, Today);

        Assert.Empty(errors);
        Assert.Equal(CaseLevel.CrimeDangerousToPersons, c.Level);
        Assert.Equal(Today, c.LevelSetOn);
        Assert.True(c.FlaggedForLeaderGroup);
        Assert.Equal("lead-1", c.LeadUserId);
        Assert.Equal(2, c.LeadPartyId);
        Assert.Equal("Røveri", c.FormOffenceSituation);
        var change = c.LevelHistory[^1];
        Assert.Equal((CaseLevel.WorryingBehaviour, CaseLevel.CrimeDangerousToPersons, "Anholdt for røveri"), (change.From!.Value, change.To, change.Reason));
        Assert.NotEqual(stamp, c.ConcurrencyStamp);
    }

    [Fact]
    public void De_escalation_below_3_clears_the_leader_group_flag()
    {
        var c = NewCase(CaseLevel.CrimeDangerousToPersons);
        c.LeadUserId = "lead";
        Assert.Empty(c.ChangeLevel(CaseLevel.FirstTimeCrime, "Bedre nu", null, LeadAssignment.Default(CaseLevel.FirstTimeCrime, "lead"), 2, "u", Now, Today));
        Assert.False(c.FlaggedForLeaderGroup);
    }

    [Fact]
    public void A_closed_case_cannot_change_level_until_reopened()
    {
        var c = NewCase();
        Assert.Null(c.ChangeStatus(CaseStatus.Closed, null, CloseReason.ConcernResolved, "u", Now, Today));
        Assert.Equal([("Level", "CaseIsClosed")], c.ChangeLevel(CaseLevel.FirstTimeCrime, "x", null, LeadAssignment.Default(CaseLevel.FirstTimeCrime, "l"), 2, "u", Now, Today));

        Assert.Equal("ReopenNeedsReason", c.ChangeStatus(CaseStatus.UnderCoordination, "", null, "u", Now, Today));
        Assert.Null(c.ChangeStatus(CaseStatus.UnderCoordination, "Ny anholdelse", null, "u", Now, Today));
        Assert.Null(c.ClosedOn);
        Assert.Equal(2, c.StatusHistory.Count);
    }

    [Fact]
    public void Handover_to_SSP_plus_closes_the_case_with_date_and_group_but_not_in_the_future()
    {
        var c = NewCase();
        Assert.Equal("HandoverInFuture", c.HandOverToSspPlus(Today.AddDays(1), 42, "u", Now, Today));
        Assert.Equal(CaseStatus.Open, c.Status);

        Assert.Null(c.HandOverToSspPlus(Today, 42, "u", Now, Today));
        Assert.Equal((CaseStatus.Closed, CloseReason.HandedOverToSspPlus, 42, Today), (c.Status, c.CloseReason!.Value, c.SspPlusGroupId!.Value, c.SspPlusHandoverOn!.Value));
    }

    [Fact]
    public void A_case_asks_for_the_SSP_plus_handover_from_17_and_a_half_until_it_is_closed()
    {
        var c = NewCase();
        var seventeenAndAHalf = Today.AddYears(-17).AddMonths(-6);
        Assert.True(c.AwaitsSspPlusHandover(seventeenAndAHalf, Today));
        Assert.False(c.AwaitsSspPlusHandover(seventeenAndAHalf.AddDays(1), Today));

        Assert.Null(c.HandOverToSspPlus(Today, 42, "u", Now, Today));
        Assert.False(c.AwaitsSspPlusHandover(seventeenAndAHalf, Today));

        // Reopened, the case is SSP's again (the handover is undone) and asks again.
        Assert.Null(c.ChangeStatus(CaseStatus.UnderCoordination, "SSP+ sendte sagen tilbage", null, "u", Now, Today));
        Assert.Null(c.SspPlusGroupId);
        Assert.True(c.AwaitsSspPlusHandover(seventeenAndAHalf, Today));
    }

    [Fact]
    public void An_action_is_overdue_the_day_after_its_due_date_and_can_be_finished_once()
    {
        var action = new CaseAction { DueOn = Today };
        Assert.False(action.IsOverdue(Today));
        Assert.True(action.IsOverdue(Today.AddDays(1)));

        Assert.Equal("ActionOutcomeInvalid", action.Complete(ActionStatus.Planned, Today));
        Assert.Null(action.Complete(ActionStatus.Done, Today.AddDays(1)));
        Assert.False(action.IsOverdue(Today.AddDays(5)));
        Assert.Equal("ActionAlreadyFinished", action.Complete(ActionStatus.Cancelled, Today));
    }
}
