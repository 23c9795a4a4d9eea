using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Web.Data;

namespace SspKbh.Web.Features.Cases;

/// <summary>The time frames per level as the secretariat set them, with the placeholders for levels not set yet.</summary>
public static class LevelDeadlines
{
    public static async Task<IReadOnlyDictionary<CaseLevel, LevelDeadline>> AllAsync(SspDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.LevelDeadlines.AsNoTracking().ToListAsync(cancellationToken);
        return Enum.GetValues<CaseLevel>().ToDictionary(l => l,
            l => stored.FirstOrDefault(d => d.Level == l)?.ToDeadline() ?? DeadlineRules.Placeholders.First(d => d.Level == l));
    }
}
