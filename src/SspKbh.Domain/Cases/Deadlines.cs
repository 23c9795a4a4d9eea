namespace SspKbh.Domain.Cases;

/// <summary>
/// How many days a first action and a review may take at one level. The values are configuration
/// set by SSP København (the source documents give no numbers); see docs for the placeholders.
/// </summary>
public sealed record LevelDeadline(CaseLevel Level, int FirstActionDays, int ReviewDays)
{
    public const int MaxDays = 365;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (FirstActionDays is < 1 or > MaxDays) errors.Add("DeadlineDaysOutOfRange");
        if (ReviewDays is < 1 or > MaxDays) errors.Add("DeadlineDaysOutOfRange");
        return errors.Distinct().ToList();
    }
}

public static class DeadlineRules
{
    /// <summary>Placeholders until SSP København decides: shorter for the more serious levels.</summary>
    public static IReadOnlyList<LevelDeadline> Placeholders { get; } =
    [
        new(CaseLevel.WorryingBehaviour, FirstActionDays: 30, ReviewDays: 90),
        new(CaseLevel.FirstTimeCrime, FirstActionDays: 14, ReviewDays: 60),
        new(CaseLevel.RepeatedSeriousCrime, FirstActionDays: 7, ReviewDays: 30),
        new(CaseLevel.CrimeDangerousToPersons, FirstActionDays: 3, ReviewDays: 30),
    ];

    /// <summary>A first action is due this many days after the case was raised (or re-levelled).</summary>
    public static DateOnly FirstActionDue(DateOnly levelSetOn, LevelDeadline deadline) => levelSetOn.AddDays(deadline.FirstActionDays);

    /// <summary>The next review is due this many days after the last review (or the level was set).</summary>
    public static DateOnly ReviewDue(DateOnly lastReviewedOn, LevelDeadline deadline) => lastReviewedOn.AddDays(deadline.ReviewDays);

    /// <summary>Overdue means the due date has passed (the due day itself is still in time).</summary>
    public static bool IsOverdue(DateOnly due, DateOnly today) => today > due;
}

/// <summary>
/// What is overdue on one case: the one definition the case page, the case list's flag and the ledergruppe's board all
/// use (issue 16 #4; the list's "overdue only" filter is the same rule written as SQL, and a test holds them together).
/// A closed case is never overdue.
/// </summary>
public sealed record CaseOverdue(bool ReviewOverdue, bool FirstActionOverdue, int OverdueActions, DateOnly ReviewDue, DateOnly FirstActionDue, bool FirstActionTaken)
{
    public bool Any => ReviewOverdue || FirstActionOverdue || OverdueActions > 0;

    /// <param name="actions">Every action of the case (any status): the first-action deadline is met by an action due on or after the day the level was set.</param>
    public static CaseOverdue For(bool isOpen, DateOnly levelSetOn, DateOnly? lastReviewedOn, LevelDeadline deadline,
        IEnumerable<(ActionStatus Status, DateOnly DueOn)> actions, DateOnly today)
    {
        var all = actions.ToList();
        var reviewDue = DeadlineRules.ReviewDue(lastReviewedOn ?? levelSetOn, deadline);
        var firstActionDue = DeadlineRules.FirstActionDue(levelSetOn, deadline);
        var firstActionTaken = all.Any(a => a.DueOn >= levelSetOn);
        if (!isOpen)
        {
            return new(false, false, 0, reviewDue, firstActionDue, firstActionTaken);
        }

        return new(
            DeadlineRules.IsOverdue(reviewDue, today),
            !firstActionTaken && DeadlineRules.IsOverdue(firstActionDue, today),
            all.Count(a => a.Status == ActionStatus.Planned && DeadlineRules.IsOverdue(a.DueOn, today)),
            reviewDue,
            firstActionDue,
            firstActionTaken);
    }

    /// <summary>
    /// The first day on which <see cref="For"/> says the case is overdue, as long as none of its inputs change (the
    /// case's status, level, level date and last review, its actions, the level's deadlines); null for a closed case,
    /// which never is. Every part of the rule is "today is past a due date", so a case that is overdue on one day stays
    /// overdue on every later day: <c>For(…, today).Any</c> is exactly <c>From(…) &lt;= today</c>. Stored on the case
    /// (<see cref="SspCase.OverdueFrom"/>, ADR 0040) so counting overdue cases is one range of an index.
    /// </summary>
    public static DateOnly? From(bool isOpen, DateOnly levelSetOn, DateOnly? lastReviewedOn, LevelDeadline deadline,
        IEnumerable<(ActionStatus Status, DateOnly DueOn)> actions)
    {
        if (!isOpen)
        {
            return null;
        }

        var all = actions.ToList();
        var due = DeadlineRules.ReviewDue(lastReviewedOn ?? levelSetOn, deadline);
        if (!all.Any(a => a.DueOn >= levelSetOn))
        {
            due = Min(due, DeadlineRules.FirstActionDue(levelSetOn, deadline));
        }

        foreach (var action in all.Where(a => a.Status == ActionStatus.Planned))
        {
            due = Min(due, action.DueOn);
        }

        // Overdue the day after the earliest due date (the due day itself is still in time).
        return due.AddDays(1);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
