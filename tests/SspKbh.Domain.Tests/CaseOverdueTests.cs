using SspKbh.Domain.Cases;

namespace SspKbh.Domain.Tests;

/// <summary>The one definition of "overdue" (issue 16 #4): review, first action, and planned actions past their day.</summary>
public sealed class CaseOverdueTests
{
    private static readonly LevelDeadline Level3 = new(CaseLevel.RepeatedSeriousCrime, FirstActionDays: 7, ReviewDays: 30);
    private static readonly DateOnly LevelSet = new(2026, 11, 1);

    [Fact]
    public void Without_any_action_the_first_action_is_overdue_the_day_after_its_deadline()
    {
        Assert.False(CaseOverdue.For(true, LevelSet, null, Level3, [], LevelSet.AddDays(7)).Any);
        var late = CaseOverdue.For(true, LevelSet, null, Level3, [], LevelSet.AddDays(8));
        Assert.True(late.FirstActionOverdue);
        Assert.False(late.ReviewOverdue);
        Assert.Equal(0, late.OverdueActions);
        Assert.True(late.Any);
    }

    [Fact]
    public void An_action_due_since_the_level_was_set_meets_the_first_action_deadline_even_when_done()
    {
        var state = CaseOverdue.For(true, LevelSet, null, Level3, [(ActionStatus.Done, LevelSet.AddDays(2))], LevelSet.AddDays(20));
        Assert.True(state.FirstActionTaken);
        Assert.False(state.Any);
        // An action from before the level was set does not.
        Assert.True(CaseOverdue.For(true, LevelSet, null, Level3, [(ActionStatus.Done, LevelSet.AddDays(-2))], LevelSet.AddDays(20)).FirstActionOverdue);
    }

    [Fact]
    public void Planned_actions_past_their_day_and_a_late_review_count_and_a_closed_case_is_never_overdue()
    {
        var actions = new[] { (ActionStatus.Planned, LevelSet.AddDays(3)), (ActionStatus.Planned, LevelSet.AddDays(40)), (ActionStatus.Cancelled, LevelSet.AddDays(4)) };
        var state = CaseOverdue.For(true, LevelSet, LevelSet.AddDays(1), Level3, actions, LevelSet.AddDays(32));
        Assert.Equal(1, state.OverdueActions);
        Assert.True(state.ReviewOverdue); // reviewed on day 1, due on day 31
        Assert.False(CaseOverdue.For(false, LevelSet, null, Level3, actions, LevelSet.AddDays(90)).Any);
    }

    [Fact]
    public void The_day_a_case_becomes_overdue_is_the_first_day_the_rule_says_so_and_every_later_day_too()
    {
        // Property: for random cases (levels, reviews, actions of every status, open or closed), on every day around
        // their dates, For(...).Any is exactly From(...) <= today (ADR 0040 stores From on the case).
        var random = new Random(39);
        for (var n = 0; n < 2_000; n++)
        {
            var deadline = new LevelDeadline(CaseLevel.FirstTimeCrime, random.Next(1, 40), random.Next(1, 120));
            var levelSet = LevelSet.AddDays(random.Next(-200, 200));
            DateOnly? reviewed = random.Next(3) == 0 ? null : levelSet.AddDays(random.Next(0, 150));
            var actions = Enumerable.Range(0, random.Next(0, 5))
                .Select(_ => ((ActionStatus)random.Next(1, 4), levelSet.AddDays(random.Next(-60, 120)))).ToList();
            var open = random.Next(6) > 0;
            var from = CaseOverdue.From(open, levelSet, reviewed, deadline, actions);
            Assert.Equal(open, from is not null);
            for (var day = levelSet.AddDays(-70); day <= levelSet.AddDays(300); day = day.AddDays(1))
            {
                Assert.Equal(CaseOverdue.For(open, levelSet, reviewed, deadline, actions, day).Any, from <= day);
            }
        }
    }
}
