using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Retention;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Infrastructure;

namespace SspKbh.Web.Features.Retention;

/// <summary>
/// Retention periods (section "Retention"). The defaults are placeholders until SSP København has
/// decided them; see docs/configuration.md.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>Whether the daily job runs in this instance.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Months after a case is closed before its text and the young person's personal data are removed.</summary>
    public int ClosedCaseMonths { get; set; } = 24;

    /// <summary>Months after a consent was withdrawn or expired before it is deleted.</summary>
    public int EndedConsentMonths { get; set; } = 24;

    /// <summary>Months after an emergency access before the grant and its reason are deleted.</summary>
    public int EmergencyAccessMonths { get; set; } = 24;

    /// <summary>Delay after start-up before the first run.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Time between runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>What one run removed, per rule.</summary>
public sealed record RetentionRunResult(IReadOnlyList<DeletionRecord> Records);

/// <summary>
/// Applies the retention rules: anonymises cases closed longer than the period (and the young person
/// once none of their cases is kept), deletes ended consents and old emergency-access grants, and
/// records per rule how many records went. Never records what they contained.
/// </summary>
public sealed class RetentionService(SspDbContext db, AuditService audit, TimeProvider clock, IOptions<RetentionOptions> options)
{
    private const int BatchSize = 200;

    public async Task<RetentionRunResult> ApplyAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var today = DanishTime.Today(clock);
        var records = new List<DeletionRecord>
        {
            await AnonymiseClosedCasesAsync(settings.ClosedCaseMonths, today, cancellationToken),
            await DeleteEndedConsentsAsync(settings.EndedConsentMonths, today, cancellationToken),
            await DeleteEmergencyAccessAsync(settings.EmergencyAccessMonths, today, cancellationToken),
        };
        db.DeletionRecords.AddRange(records);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var r in records)
        {
            await audit.WriteAsync(AuditEvent.BySystem(AuditActions.RetentionApplied, SubjectType: "retention-rule", SubjectId: r.Rule, Purpose: "retention",
                Details: string.Create(CultureInfo.InvariantCulture, $"months={r.PeriodMonths}; records={r.RecordsAffected}; related={r.RelatedRowsDeleted}")), cancellationToken);
        }

        return new RetentionRunResult(records);
    }

    private async Task<DeletionRecord> AnonymiseClosedCasesAsync(int months, DateOnly today, CancellationToken cancellationToken)
    {
        var cutoff = RetentionRules.Cutoff(months, today);
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var record = NewRecord(RetentionRules.ClosedCases, months);
        while (true)
        {
            var ids = await db.Cases.AsNoTracking()
                .Where(c => c.Status == CaseStatus.Closed && c.ClosedOn < cutoff && c.AnonymisedOn == null)
                .OrderBy(c => c.Id).Select(c => c.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return record;
            }

            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            var related = 0;
            related += await db.JournalNotes.Where(n => ids.Contains(n.CaseId)).ExecuteDeleteAsync(cancellationToken);
            related += await db.CaseActions.Where(a => ids.Contains(a.CaseId)).ExecuteDeleteAsync(cancellationToken);
            // The minutes about the case lose their text; the item stays, so the meeting's numbering holds.
            related += await db.AgendaItems.Where(i => i.CaseId != null && ids.Contains(i.CaseId.Value) && (i.Summary != null || i.DecisionText != null))
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.Summary, (string?)null).SetProperty(i => i.DecisionText, (string?)null), cancellationToken);
            related += await AnonymiseConversationsAsync(ids, cancellationToken);
            related += await db.CaseFactors.Where(f => ids.Contains(f.CaseId)).ExecuteDeleteAsync(cancellationToken);
            related += await db.CaseFactorNotes.Where(n => ids.Contains(n.CaseId)).ExecuteDeleteAsync(cancellationToken);
            related += await db.CaseAccessGrants.Where(g => ids.Contains(g.CaseId)).ExecuteDeleteAsync(cancellationToken);

            var cases = await db.Cases.Include(c => c.LevelHistory).Include(c => c.StatusHistory).AsSplitQuery()
                .Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
            foreach (var c in cases)
            {
                c.Anonymise(today, nowUtc);
            }

            await db.SaveChangesAsync(cancellationToken);

            // A young person is anonymised once every case about them has been.
            var personIds = cases.Select(c => c.YoungPersonId).Distinct().ToList();
            var done = await db.YoungPersons
                .Where(p => personIds.Contains(p.Id) && p.AnonymisedOn == null && !db.Cases.Any(c => c.YoungPersonId == p.Id && c.AnonymisedOn == null))
                .ToListAsync(cancellationToken);
            var doneIds = done.Select(p => p.Id).ToList();
            related += await db.Consents.Where(c => doneIds.Contains(c.YoungPersonId)).ExecuteDeleteAsync(cancellationToken);
            related += await db.CustodyHolders.Where(h => doneIds.Contains(h.YoungPersonId)).ExecuteDeleteAsync(cancellationToken);
            related += await db.YoungPersonNameWords.Where(w => doneIds.Contains(w.YoungPersonId)).ExecuteDeleteAsync(cancellationToken);
            foreach (var person in done)
            {
                person.Anonymise(today);
            }

            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            record.RecordsAffected += cases.Count;
            record.RelatedRowsDeleted += related + done.Count;
        }
    }

    /// <summary>
    /// Concern conversations of anonymised cases: the record stays (status, dates, level, place kind,
    /// participants' kind, party and authority status) so statistics still count it, but every free-text field,
    /// the participants' names and contributions and the checklist notes are cleared, and the agreements go
    /// (their follow-up actions go with the case's actions). Returns the rows changed or deleted.
    /// </summary>
    private async Task<int> AnonymiseConversationsAsync(List<int> caseIds, CancellationToken cancellationToken)
    {
        var conversations = db.ConcernConversations.Where(c => caseIds.Contains(c.CaseId));
        var rows = await db.ConversationAgreements.Where(a => conversations.Any(c => c.Id == a.ConversationId)).ExecuteDeleteAsync(cancellationToken);
        rows += await db.ConversationParticipants.Where(p => conversations.Any(c => c.Id == p.ConversationId))
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Name, SspCase.RetentionText).SetProperty(p => p.Contribution, (string?)null), cancellationToken);
        rows += await db.ConversationChecklistItems.Where(i => i.Note != null && conversations.Any(c => c.Id == i.ConversationId))
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.Note, (string?)null), cancellationToken);
        rows += await conversations.ExecuteUpdateAsync(u => u
            .SetProperty(c => c.JournalReference, (string?)null)
            .SetProperty(c => c.CancelReason, (string?)null)
            .SetProperty(c => c.ResourcePersons, (string?)null)
            .SetProperty(c => c.KnowledgeGathering, (string?)null)
            .SetProperty(c => c.InterpreterLanguage, (string?)null)
            .SetProperty(c => c.PlaceDetails, (string?)null)
            .SetProperty(c => c.Challenges, (string?)null)
            .SetProperty(c => c.Resources, (string?)null)
            .SetProperty(c => c.QuestionsAndThemes, (string?)null)
            .SetProperty(c => c.InvitationNote, (string?)null)
            .SetProperty(c => c.Phase1Note, (string?)null)
            .SetProperty(c => c.Phase2Note, (string?)null)
            .SetProperty(c => c.Phase3Note, (string?)null)
            .SetProperty(c => c.Phase4Note, (string?)null)
            .SetProperty(c => c.Phase5Note, (string?)null)
            .SetProperty(c => c.DebriefNote, (string?)null)
            .SetProperty(c => c.NetworkInformedNote, (string?)null)
            .SetProperty(c => c.ConcurrencyStamp, Guid.NewGuid().ToString("N")), cancellationToken);
        return rows;
    }

    private async Task<DeletionRecord> DeleteEndedConsentsAsync(int months, DateOnly today, CancellationToken cancellationToken)
    {
        var cutoff = RetentionRules.Cutoff(months, today);
        var record = NewRecord(RetentionRules.EndedConsents, months);
        var ended = db.Consents.Where(c => (c.WithdrawnOn != null && c.WithdrawnOn < cutoff) || (c.WithdrawnOn == null && c.ExpiresOn < cutoff));
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        record.RelatedRowsDeleted = await db.ConsentRecipients.Where(r => ended.Any(c => c.Id == r.ConsentId)).ExecuteDeleteAsync(cancellationToken);
        record.RecordsAffected = await ended.ExecuteDeleteAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return record;
    }

    private async Task<DeletionRecord> DeleteEmergencyAccessAsync(int months, DateOnly today, CancellationToken cancellationToken)
    {
        var cutoffUtc = DateTime.SpecifyKind(RetentionRules.Cutoff(months, today).ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc);
        var record = NewRecord(RetentionRules.EmergencyAccess, months);
        record.RecordsAffected = await db.CaseAccessGrants.Where(g => g.ExpiresAtUtc < cutoffUtc).ExecuteDeleteAsync(cancellationToken);
        return record;
    }

    private DeletionRecord NewRecord(string rule, int months) =>
        new() { Rule = rule, RanAtUtc = clock.GetUtcNow().UtcDateTime, PeriodMonths = months };
}

/// <summary>Runs the retention rules once a day (after a start-up delay), in every instance where enabled.</summary>
public sealed class RetentionJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<RetentionJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        try
        {
            await Task.Delay(settings.InitialDelay, clock, stoppingToken);
            using var timer = new PeriodicTimer(settings.Interval, clock);
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var result = await scope.ServiceProvider.GetRequiredService<RetentionService>().ApplyAsync(stoppingToken);
                    logger.LogInformation("Retention applied: {Counts}", string.Join(", ", result.Records.Select(r => $"{r.Rule}={r.RecordsAffected}")));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Retention run failed; it is tried again at the next interval");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}

public static class RetentionSetup
{
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RetentionOptions>(configuration.GetSection("Retention"));
        services.AddScoped<RetentionService>();
        services.AddHostedService<RetentionJob>();
        return services;
    }
}
