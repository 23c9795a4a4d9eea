using Microsoft.EntityFrameworkCore;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Infrastructure;

/// <summary>
/// Optimistic concurrency on the ConcurrencyStamp columns: the form carries the stamp it was
/// loaded with; EF checks the original value in the UPDATE, so a save between load and write fails too.
/// </summary>
public static class Concurrency
{
    public static bool Matches<T>(DbContext db, T entity, string? postedStamp)
        where T : class
    {
        var entry = db.Entry(entity);
        var current = (string?)entry.Property("ConcurrencyStamp").CurrentValue;
        if (!string.Equals(current, postedStamp, StringComparison.Ordinal))
        {
            return false;
        }

        entry.Property("ConcurrencyStamp").OriginalValue = postedStamp;
        return true;
    }

    public static async Task<bool> TrySaveAsync(DbContext db, ServiceResult result, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            result.General(Texts.Concurrency_Conflict);
            return false;
        }
    }
}
