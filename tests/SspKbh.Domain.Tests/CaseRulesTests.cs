using SspKbh.Domain.Cases;

namespace SspKbh.Domain.Tests;

public sealed class CaseLevelRulesTests
{
    [Theory]
    [InlineData(CaseLevel.WorryingBehaviour, "BUF")]
    [InlineData(CaseLevel.FirstTimeCrime, "SOF")]
    [InlineData(CaseLevel.RepeatedSeriousCrime, "SOF")]
    [InlineData(CaseLevel.CrimeDangerousToPersons, "SOF")]
    public void Default_lead_follows_the_level(CaseLevel level, string party) =>
        Assert.Equal(party, level.DefaultLeadParty());

    [Fact]
    public void Default_lead_at_level_1_needs_no_named_person()
    {
        Assert.Empty(LeadAssignment.Default(CaseLevel.WorryingBehaviour).Validate(CaseLevel.WorryingBehaviour));
    }

    [Fact]
    public void From_level_2_a_named_lead_person_is_required()
    {
        var errors = LeadAssignment.Default(CaseLevel.FirstTimeCrime).Validate(CaseLevel.FirstTimeCrime);
        Assert.Contains(("PersonUserId", "LeadPersonRequired"), errors);
        Assert.Empty(LeadAssignment.Default(CaseLevel.FirstTimeCrime, "user-1").Validate(CaseLevel.FirstTimeCrime));
    }

    [Fact]
    public void Overriding_the_lead_at_level_1_or_2_needs_a_reason()
    {
        var withoutReason = new LeadAssignment("POL", "user-1", "  ");
        Assert.Contains(("OverrideReason", "LeadOverrideNeedsReason"), withoutReason.Validate(CaseLevel.FirstTimeCrime));

        var withReason = withoutReason with { OverrideReason = "Politiet kender familien bedst" };
        Assert.Empty(withReason.Validate(CaseLevel.FirstTimeCrime));
    }

    [Theory]
    [InlineData(CaseLevel.RepeatedSeriousCrime)]
    [InlineData(CaseLevel.CrimeDangerousToPersons)]
    public void At_levels_3_and_4_SOF_always_leads_even_with_a_reason(CaseLevel level)
    {
        var errors = new LeadAssignment("BUF", "user-1", "Skolen vil gerne").Validate(level);
        Assert.Contains(("PartyCode", "LeadFixedAtLevel"), errors);
    }
}

public sealed class LevelChangeRulesTests
{
    private static readonly LevelForm CompleteForm = new("Røveri med vold", "Stort fravær", "Stoppet til fodbold", "Familien mangler ressourcer", "Ældre venner", "Niveau 1-forløb");

    [Fact]
    public void A_level_change_needs_a_reason()
    {
        var errors = LevelChangeRules.Check(CaseLevel.WorryingBehaviour, CaseLevel.FirstTimeCrime, "", null);
        Assert.Equal([("Reason", "LevelChangeNeedsReason")], errors);
    }

    [Fact]
    public void Changing_to_the_same_level_is_refused()
    {
        var errors = LevelChangeRules.Check(CaseLevel.FirstTimeCrime, CaseLevel.FirstTimeCrime, "fordi", null);
        Assert.Contains(("Level", "LevelUnchanged"), errors);
    }

    [Fact]
    public void A_level_outside_1_to_4_is_refused()
    {
        var errors = LevelChangeRules.Check(CaseLevel.FirstTimeCrime, (CaseLevel)5, "fordi", CompleteForm);
        Assert.Equal([("Level", "LevelOutOfRange")], errors);
    }

    [Theory]
    [InlineData(CaseLevel.RepeatedSeriousCrime)]
    [InlineData(CaseLevel.CrimeDangerousToPersons)]
    public void Escalating_to_level_3_or_4_needs_every_field_of_the_form(CaseLevel to)
    {
        var missingHome = CompleteForm with { Home = " " };
        var errors = LevelChangeRules.Check(CaseLevel.WorryingBehaviour, to, "Anholdt for røveri", missingHome);
        Assert.Equal([("Form.Home", "LevelFormFieldRequired")], errors);

        Assert.Empty(LevelChangeRules.Check(CaseLevel.WorryingBehaviour, to, "Anholdt for røveri", CompleteForm));
        Assert.Equal(6, LevelChangeRules.Check(CaseLevel.WorryingBehaviour, to, "Anholdt", null).Count);
    }

    [Fact]
    public void De_escalation_needs_a_reason_but_no_form()
    {
        Assert.Empty(LevelChangeRules.Check(CaseLevel.CrimeDangerousToPersons, CaseLevel.FirstTimeCrime, "Situationen er forbedret", null));
    }

    [Theory]
    [InlineData(CaseLevel.WorryingBehaviour, CaseLevel.CrimeDangerousToPersons, true)]
    [InlineData(CaseLevel.FirstTimeCrime, CaseLevel.RepeatedSeriousCrime, true)]
    [InlineData(CaseLevel.RepeatedSeriousCrime, CaseLevel.CrimeDangerousToPersons, true)]
    [InlineData(CaseLevel.CrimeDangerousToPersons, CaseLevel.RepeatedSeriousCrime, false)]
    [InlineData(CaseLevel.WorryingBehaviour, CaseLevel.FirstTimeCrime, false)]
    public void Escalation_to_level_3_or_4_flags_the_leader_group(CaseLevel from, CaseLevel to, bool flagged) =>
        Assert.Equal(flagged, LevelChangeRules.FlagsLeaderGroup(from, to));
}

public sealed class CaseStatusRulesTests
{
    [Fact]
    public void Open_case_can_go_under_coordination() =>
        Assert.Null(CaseStatusRules.CheckTransition(CaseStatus.Open, CaseStatus.UnderCoordination, null, null));

    [Fact]
    public void Closing_needs_a_reason_and_other_needs_a_text()
    {
        Assert.Equal("CloseNeedsReason", CaseStatusRules.CheckTransition(CaseStatus.UnderCoordination, CaseStatus.Closed, null, null));
        Assert.Equal("CloseOtherNeedsText", CaseStatusRules.CheckTransition(CaseStatus.UnderCoordination, CaseStatus.Closed, "", CloseReason.Other));
        Assert.Null(CaseStatusRules.CheckTransition(CaseStatus.UnderCoordination, CaseStatus.Closed, null, CloseReason.ConcernResolved));
        Assert.Equal("CloseNeedsReason", CaseStatusRules.CheckTransition(CaseStatus.Open, CaseStatus.Closed, null, (CloseReason)99));
    }

    [Fact]
    public void Reopening_needs_a_reason()
    {
        Assert.Equal("ReopenNeedsReason", CaseStatusRules.CheckTransition(CaseStatus.Closed, CaseStatus.Open, " ", null));
        Assert.Null(CaseStatusRules.CheckTransition(CaseStatus.Closed, CaseStatus.UnderCoordination, "Ny anholdelse", null));
    }

    [Fact]
    public void A_case_under_coordination_cannot_go_back_to_open() =>
        Assert.Equal("StatusCannotGoBack", CaseStatusRules.CheckTransition(CaseStatus.UnderCoordination, CaseStatus.Open, "x", null));
}

public sealed class DeadlineRulesTests
{
    [Fact]
    public void The_due_day_itself_is_in_time_the_day_after_is_overdue()
    {
        var deadline = new LevelDeadline(CaseLevel.CrimeDangerousToPersons, FirstActionDays: 3, ReviewDays: 30);
        var due = DeadlineRules.FirstActionDue(new DateOnly(2026, 11, 2), deadline);
        Assert.Equal(new DateOnly(2026, 11, 5), due);
        Assert.False(DeadlineRules.IsOverdue(due, new DateOnly(2026, 11, 5)));
        Assert.True(DeadlineRules.IsOverdue(due, new DateOnly(2026, 11, 6)));
    }

    [Fact]
    public void Placeholders_cover_every_level_and_are_valid()
    {
        Assert.Equal(Enum.GetValues<CaseLevel>(), DeadlineRules.Placeholders.Select(d => d.Level));
        Assert.All(DeadlineRules.Placeholders, d => Assert.Empty(d.Validate()));
    }

    [Theory]
    [InlineData(0, 30)]
    [InlineData(7, 366)]
    [InlineData(-1, -1)]
    public void Deadline_days_outside_1_to_365_are_refused(int first, int review) =>
        Assert.Equal(["DeadlineDaysOutOfRange"], new LevelDeadline(CaseLevel.FirstTimeCrime, first, review).Validate());
}

public sealed class YoungPersonRulesTests
{
    [Theory]
    [InlineData("2009-05-20", "2026-11-19", false)]
    [InlineData("2009-05-20", "2026-11-20", true)]
    [InlineData("2012-01-01", "2026-11-22", false)]
    public void SSP_plus_age_starts_at_seventeen_and_a_half(string born, string today, bool expected) =>
        Assert.Equal(expected, YoungPersonRules.IsSspPlusAge(DateOnly.Parse(born), DateOnly.Parse(today)));

    [Fact]
    public void Age_counts_whole_years_and_a_future_birth_date_is_refused()
    {
        Assert.Equal(13, YoungPersonRules.AgeInYears(new DateOnly(2012, 11, 23), new DateOnly(2026, 11, 22)));
        Assert.Equal(14, YoungPersonRules.AgeInYears(new DateOnly(2012, 11, 22), new DateOnly(2026, 11, 22)));
        Assert.Equal("BirthDateInFuture", YoungPersonRules.CheckDateOfBirth(new DateOnly(2026, 12, 1), new DateOnly(2026, 11, 22)));
        Assert.Null(YoungPersonRules.CheckDateOfBirth(new DateOnly(2012, 3, 4), new DateOnly(2026, 11, 22)));
    }

    [Theory]
    [InlineData("040312-4567", 2012, 3, 4)]
    [InlineData("0403124567", 2012, 3, 4)]
    [InlineData("010190-1234", 1990, 1, 1)]
    [InlineData("290200-4000", 2000, 2, 29)]
    [InlineData("311299-9999", 1999, 12, 31)]
    public void Valid_cpr_numbers_give_the_date_of_birth(string input, int year, int month, int day)
    {
        Assert.True(CprNumber.TryParse(input, out var cpr));
        Assert.Equal(new DateOnly(year, month, day), cpr.DateOfBirth);
        Assert.Equal(input.Replace("-", "", StringComparison.Ordinal), cpr.Digits);
        Assert.Equal(input[..6] + "-****", cpr.Masked);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("320112-1234")]
    [InlineData("011312-1234")]
    [InlineData("290201-4000")]
    [InlineData("04031a-4567")]
    [InlineData("040312-45678")]
    public void Impossible_cpr_numbers_are_refused(string input) => Assert.False(CprNumber.TryParse(input, out _));
}
