using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SspKbh.Web.Data;

namespace SspKbh.Web.Infrastructure;

/// <summary>
/// /healthz: is the database reachable and migrated? The caller gets only "Healthy" or "Unhealthy"; the reason for a
/// failure (the server that did not answer, the table that is missing) goes to the log.
/// </summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<SspDbContext> contextFactory, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // A query rather than CanConnectAsync, which answers false and keeps the reason to itself.
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            _ = await db.Parties.AsNoTracking().AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Health check: the database is unreachable or not migrated: {Reason}", Reason(ex));
            return HealthCheckResult.Unhealthy("database unreachable");
        }
    }

    /// <summary>The messages of the exception and its causes on one line ("… -> Failed to connect to host:port -> Connection refused").</summary>
    private static string Reason(Exception exception)
    {
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message);
        }

        return string.Join(" -> ", messages);
    }
}
