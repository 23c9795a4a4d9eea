using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Security;

namespace SspKbh.Web.Audit;

/// <summary>
/// What to record. Never put personal data in any field: ids only. Every event names who acted: pass
/// <see cref="Actor"/> (or <see cref="ActorUserId"/> when only the id is known), or build it with
/// <see cref="BySystem"/> when no user acts. The service never looks the user up itself (AuditActorTests checks every call).
/// </summary>
public sealed record AuditEvent(
    string Action,
    string Outcome = AuditOutcomes.Success,
    string? SubjectType = null,
    string? SubjectId = null,
    string? Purpose = null,
    string? Details = null,
    ClaimsPrincipal? Actor = null,
    string? ActorUserId = null)
{
    /// <summary>An event of work no user does (a scheduled job, a console command): recorded with no user, roles or party.</summary>
    /// <remarks>A factory rather than a sentinel principal, so that "no user" is visible at the call site and stored exactly as before.</remarks>
    public static AuditEvent BySystem(
        string Action,
        string Outcome = AuditOutcomes.Success,
        string? SubjectType = null,
        string? SubjectId = null,
        string? Purpose = null,
        string? Details = null) =>
        new(Action, Outcome, SubjectType, SubjectId, Purpose, Details, Actor: null, ActorUserId: null);
}

/// <summary>
/// Appends entries to the hash-chained audit trail. Writes go through their own context so an
/// entry is kept even when the caller's work is rolled back (a denied or failed attempt is logged).
/// Records exactly the actor the event names and the correlation id of the scope's <see cref="OperationContext"/>;
/// never reads the HTTP context, which does not exist during an interactive (circuit) UI event.
/// </summary>
public sealed class AuditService(
    AuditChainWriter writer,
    OperationContext operation,
    TimeProvider clock)
{
    /// <summary>The longest subject id the trail stores (the column's length).</summary>
    public const int SubjectIdMaxLength = AuditRecord.SubjectIdMaxLength;

    /// <summary>Entries kept back while a caller's business transaction is open (<see cref="HoldUntilCommit"/>); null when writing at once.</summary>
    private List<AuditRecord>? held;

    /// <summary>
    /// From now on this scope's entries are kept back instead of written, until <see cref="ReleaseAsync"/>. For a save
    /// that spans services in one database transaction: the chain's writer has a connection of its own, and on SQLite
    /// it could not write while the transaction holds the write lock (it would wait until the busy timeout). So the
    /// entries are written after the commit, and only those of a change that was committed (ADR 0036).
    /// </summary>
    public void HoldUntilCommit()
    {
        if (held is not null)
        {
            throw new InvalidOperationException("Audit entries are already held for a transaction in this scope.");
        }

        held = [];
    }

    /// <summary>
    /// Writes the entries held since <see cref="HoldUntilCommit"/>. After a rollback (<paramref name="committed"/> false)
    /// only refusals are written: they happened, the rolled-back changes did not.
    /// </summary>
    public Task ReleaseAsync(bool committed, CancellationToken cancellationToken = default)
    {
        var entries = held ?? [];
        held = null;
        var written = committed ? entries : entries.Where(e => e.Outcome == AuditOutcomes.Denied).ToList();
        return written.Count == 0 ? Task.CompletedTask : WriteEntriesAsync(written, cancellationToken);
    }

    public Task WriteAsync(AuditEvent e, CancellationToken cancellationToken = default) => WriteEntriesAsync([Entry(e)], cancellationToken);

    /// <summary>
    /// Records a look at several records (a list, a meeting, a board) as one entry, whatever their number: the ids
    /// (distinct) become the entry's <see cref="AuditRecord.ListedIds"/>, one row each, so a data subject's access report
    /// finds every one exactly. The event's own subject (a meeting, a group) moves into the details. Without ids,
    /// <paramref name="e"/> is written as it is.
    /// </summary>
    public Task WriteListAsync(AuditEvent e, string subjectType, IEnumerable<int> ids, CancellationToken cancellationToken = default)
    {
        var listed = ids.Distinct().Order().Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (listed.Count == 0)
        {
            return WriteAsync(e, cancellationToken);
        }

        var about = e.SubjectType is null || e.SubjectId is null ? null : $"{e.SubjectType}={e.SubjectId}";
        var entry = Entry(e with
        {
            SubjectType = subjectType,
            SubjectId = null,
            Details = string.Join("; ", new[] { e.Details, about, $"listed={listed.Count}" }.Where(d => !string.IsNullOrEmpty(d))),
        });
        entry.ListedIds = listed;
        return WriteEntriesAsync([entry], cancellationToken);
    }

    private AuditRecord Entry(AuditEvent e)
    {
        var actor = e.Actor;
        var entry = new AuditRecord
        {
            OccurredAtUtc = clock.GetUtcNow().UtcDateTime,
            UserId = e.ActorUserId ?? actor?.UserId(),
            Roles = actor is null ? null : string.Join(',', actor.AppRoles()),
            Party = actor?.Party(),
            Action = e.Action,
            SubjectType = e.SubjectType,
            SubjectId = e.SubjectId,
            Purpose = Truncate(e.Purpose, 500),
            Outcome = e.Outcome,
            Details = Truncate(e.Details, 2000),
            CorrelationId = operation.CorrelationId,
        };
        return entry;
    }

    /// <summary>
    /// Appends the entries to the chain together, through the process's one writer (<see cref="AuditChainWriter"/>,
    /// which commits concurrent requests in one batch): a view that needs several entries is recorded whole or not at
    /// all. Returns when they are committed.
    /// </summary>
    private Task WriteEntriesAsync(IReadOnlyList<AuditRecord> entries, CancellationToken cancellationToken)
    {
        if (held is not null)
        {
            held.AddRange(entries);
            return Task.CompletedTask;
        }

        return writer.AppendAsync(entries, cancellationToken);
    }

    private static string? Truncate(string? value, int max) =>
        value is null || value.Length <= max ? value : value[..max];
}
