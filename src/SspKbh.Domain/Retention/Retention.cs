namespace SspKbh.Domain.Retention;

/// <summary>The retention rules the daily job applies. Stable codes: deletion records name them.</summary>
public static class RetentionRules
{
    /// <summary>Personal data and case text of a case closed longer ago than the configured period are removed.</summary>
    public const string ClosedCases = "closed-cases";

    /// <summary>Consents withdrawn or expired longer ago than the configured period are deleted.</summary>
    public const string EndedConsents = "ended-consents";

    /// <summary>Emergency-access grants older than the configured period are deleted (the audit trail keeps the fact).</summary>
    public const string EmergencyAccess = "emergency-access";

    /// <summary>Records that ended before this day are due for removal today.</summary>
    public static DateOnly Cutoff(int months, DateOnly today) => today.AddMonths(-months);

    /// <summary>True when a record that ended on <paramref name="endedOn"/> is due for removal today.</summary>
    public static bool IsDue(DateOnly endedOn, int months, DateOnly today) => endedOn < Cutoff(months, today);

    /// <summary>
    /// What an anonymised young person keeps: the birth year (1 January), so statistics by age still work.
    /// </summary>
    public static DateOnly AnonymisedBirthDate(DateOnly dateOfBirth) => new(dateOfBirth.Year, 1, 1);
}

/// <summary>
/// What one run of a retention rule removed: which rule, when and how many records. Never the content.
/// </summary>
public sealed class DeletionRecord
{
    public int Id { get; set; }

    public string Rule { get; set; } = "";

    public DateTime RanAtUtc { get; set; }

    /// <summary>The period the rule used, in months (so a later change of the setting is visible).</summary>
    public int PeriodMonths { get; set; }

    /// <summary>Main records affected (cases anonymised, consents or grants deleted).</summary>
    public int RecordsAffected { get; set; }

    /// <summary>Dependent rows deleted with them (notes, actions, custody holders ...).</summary>
    public int RelatedRowsDeleted { get; set; }
}
