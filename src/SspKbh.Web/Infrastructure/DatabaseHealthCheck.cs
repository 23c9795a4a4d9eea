using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SspKbh.Web.Data;

namespace SspKbh.Web.Infrastructure;

/// <summary>/healthz: is the database reachable? The reason for a failure goes to the log.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<SspDbContext> contextFactory, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            if (await db.Database.CanConnectAsync(cancellationToken))
            {
                _ = await db.Parties.AsNoTracking().AnyAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }

            logger.LogError("Health check: the database refused the connection");
            return HealthCheckResult.Unhealthy("database unreachable");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Health check: the database is unreachable or not migrated");
            return HealthCheckResult.Unhealthy("database unreachable");
        }
    }
}
