using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Audit;
using SspKbh.Web.Data;

namespace SspKbh.Web.Audit;

/// <summary>
/// The one writer of the audit chain in this process, with group commit. Requests that arrive while a batch is being
/// written wait together and go into the next batch: one transaction (and one fsync) for all of them, in the order
/// they arrived, each request's entries kept together. A caller's task completes only when its entries are committed,
/// so a page that shows personal data is still never served before its look is durable.
/// <para>
/// Across processes the chain is kept single by the unique Sequence index, and on PostgreSQL by an advisory lock
/// taken in the batch's transaction; a batch that collides with another instance is re-linked after its entries.
/// </para>
/// </summary>
public sealed class AuditChainWriter(IDbContextFactory<SspDbContext> contextFactory, ILogger<AuditChainWriter> logger)
{
    internal const long PostgresAdvisoryLockKey = 0x55B_A0D1;

    /// <summary>SQL Server's counterpart of the advisory lock: an application lock owned by the transaction.
    /// A refused or timed-out lock returns a negative status instead of raising, so the statement raises it.</summary>
    internal const string SqlServerAppLock = """
        DECLARE @granted int;
        EXEC @granted = sp_getapplock @Resource = N'sspkbh-audit-chain', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 30000;
        IF @granted < 0 THROW 51001, N'The audit chain lock was not granted.', 1;
        """;

    /// <summary>At most this many entries in one transaction; more wait for the next batch.</summary>
    private const int MaxBatchEntries = 1000;

    private readonly object gate = new();
    private readonly Queue<Pending> queue = new();
    private bool draining;

    /// <summary>Appends the entries (sealed here, in chain order) and completes when they are committed.</summary>
    public Task AppendAsync(IReadOnlyList<AuditRecord> entries, CancellationToken cancellationToken)
    {
        var pending = new Pending(entries, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        bool startDrain;
        lock (gate)
        {
            queue.Enqueue(pending);
            startDrain = !draining;
            draining = true;
        }

        if (startDrain)
        {
            // The loop runs on its own, so no caller waits for other callers' batches after its own is written.
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }

        // A caller that gives up still has its entries written: more is recorded, never less.
        return pending.Written.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            var batch = new List<Pending>();
            lock (gate)
            {
                var count = 0;
                while (queue.Count > 0 && (batch.Count == 0 || count + queue.Peek().Entries.Count <= MaxBatchEntries))
                {
                    var next = queue.Dequeue();
                    count += next.Entries.Count;
                    batch.Add(next);
                }

                if (batch.Count == 0)
                {
                    draining = false;
                    return;
                }
            }

            try
            {
                await WriteWithRetryAsync(batch.SelectMany(p => p.Entries).ToList());
                foreach (var p in batch)
                {
                    p.Written.TrySetResult();
                }
            }
            catch (Exception ex) when (batch.Count > 1)
            {
                // One request's bad entry must not cost the others theirs: write them one request at a time.
                logger.LogWarning(ex, "Audit batch of {Requests} requests failed; writing them one by one", batch.Count);
                foreach (var p in batch)
                {
                    await WriteAloneAsync(p);
                }
            }
            catch (Exception ex)
            {
                batch[0].Written.TrySetException(ex);
            }
        }
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        try
        {
            await WriteWithRetryAsync(pending.Entries);
            pending.Written.TrySetResult();
        }
        catch (Exception ex)
        {
            pending.Written.TrySetException(ex);
        }
    }

    private async Task WriteWithRetryAsync(IReadOnlyList<AuditRecord> entries)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteBatchAsync(entries);
                return;
            }
            catch (DbUpdateException ex) when (attempt < 5)
            {
                // Another instance took the same sequence number: link after its entries instead.
                logger.LogWarning(ex, "Audit append collided (attempt {Attempt}); retrying", attempt);
            }
        }
    }

    private async Task WriteBatchAsync(IReadOnlyList<AuditRecord> entries)
    {
        await using var db = await contextFactory.CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        // Several app instances on one server database: one writer at a time links the chain, until the commit.
        switch (db.Database.Dialect())
        {
            case SqlDialect.Postgres:
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresAdvisoryLockKey})");
                break;
            case SqlDialect.SqlServer:
                await db.Database.ExecuteSqlRawAsync(SqlServerAppLock);
                break;
        }

        var previous = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync();
        foreach (var entry in entries)
        {
            entry.Id = 0;
            entry.Seal(previous);
            db.AuditEntries.Add(entry);
            previous = entry;
        }

        await db.SaveChangesAsync();

        // The listed ids in a few multi-row INSERTs in the same transaction, not one tracked entity each: through EF Core
        // they were about two thirds of a list view's audit cost (docs/performance.md, issue 15).
        foreach (var statement in AuditSubjectRows.Statements(entries))
        {
            await db.Database.ExecuteSqlRawAsync(statement.Sql, statement.Values);
        }

        await tx.CommitAsync();
    }

    private sealed record Pending(IReadOnlyList<AuditRecord> Entries, TaskCompletionSource Written);
}
