using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Web.Audit;
using SspKbh.Web.Components.Shared;
using SspKbh.Web.Data;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Admin.Deadlines;

public sealed class DeadlineRow
{
    public CaseLevel Level { get; set; }

    public int? FirstActionDays { get; set; }

    public int? ReviewDays { get; set; }

    public string? ConcurrencyStamp { get; set; }
}

public sealed class DeadlinesInput
{
    public List<DeadlineRow> Rows { get; set; } = [];

    /// <summary>The field name a row's value is refused under ("Rows[0].FirstActionDays").</summary>
    public static string Field(int row, string property) => string.Create(CultureInfo.InvariantCulture, $"Rows[{row}].{property}");
}

/// <summary>
/// The time frames per level (first action, review). SSP København decides the values; the seeded
/// ones are placeholders (docs/configuration.md). Loading the form and saving check that the actor is an administrator.
/// </summary>
public sealed class DeadlineAdministration(SspDbContext db, AuditService audit)
{
    /// <summary>The form, one row per level; null when the actor is not an administrator.</summary>
    public async Task<DeadlinesInput?> LoadAsync(ClaimsPrincipal actor, CancellationToken cancellationToken) =>
        await AdminAccess.RefuseUnlessAdministratorAsync(audit, actor, "path", "/admin/frister", cancellationToken) is null
            ? await GetAsync(cancellationToken)
            : null;

    private async Task<DeadlinesInput> GetAsync(CancellationToken cancellationToken)
    {
        var stored = await db.LevelDeadlines.AsNoTracking().ToListAsync(cancellationToken);
        return new DeadlinesInput
        {
            Rows = Enum.GetValues<CaseLevel>().Select(l =>
            {
                var s = stored.FirstOrDefault(d => d.Level == l);
                var fallback = DeadlineRules.Placeholders.First(d => d.Level == l);
                return new DeadlineRow
                {
                    Level = l,
                    FirstActionDays = s?.FirstActionDays ?? fallback.FirstActionDays,
                    ReviewDays = s?.ReviewDays ?? fallback.ReviewDays,
                    ConcurrencyStamp = s?.ConcurrencyStamp,
                };
            }).ToList(),
        };
    }

    public async Task<ServiceResult> SaveAsync(DeadlinesInput input, ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (await AdminAccess.RefuseUnlessAdministratorAsync(audit, actor, "level-deadlines", null, cancellationToken) is { } refused)
        {
            return refused;
        }

        var result = new ServiceResult();
        if (input.Rows is null || input.Rows.Count != 4 || input.Rows.Any(r => r is null) || input.Rows.Select(r => r.Level).Distinct().Count() != 4 || input.Rows.Any(r => !Enum.IsDefined(r.Level)))
        {
            return result.General(Texts.Deadlines_Invalid);
        }

        for (var i = 0; i < input.Rows.Count; i++)
        {
            var row = input.Rows[i];
            if (row.FirstActionDays is null || new LevelDeadline(row.Level, row.FirstActionDays.Value, 1).Validate().Count > 0)
            {
                result.Field(DeadlinesInput.Field(i, nameof(DeadlineRow.FirstActionDays)), Texts.Deadlines_DaysRange);
            }

            if (row.ReviewDays is null || new LevelDeadline(row.Level, 1, row.ReviewDays.Value).Validate().Count > 0)
            {
                result.Field(DeadlinesInput.Field(i, nameof(DeadlineRow.ReviewDays)), Texts.Deadlines_DaysRange);
            }
        }

        if (!result.Succeeded)
        {
            return result;
        }

        var stored = await db.LevelDeadlines.ToListAsync(cancellationToken);
        foreach (var row in input.Rows)
        {
            var entity = stored.FirstOrDefault(d => d.Level == row.Level);
            if (entity is null)
            {
                db.LevelDeadlines.Add(new LevelDeadlineSetting { Level = row.Level, FirstActionDays = row.FirstActionDays!.Value, ReviewDays = row.ReviewDays!.Value });
                continue;
            }

            if (!Concurrency.Matches(db, entity, row.ConcurrencyStamp))
            {
                return result.General(Texts.Concurrency_Conflict);
            }

            entity.FirstActionDays = row.FirstActionDays!.Value;
            entity.ReviewDays = row.ReviewDays!.Value;
            entity.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        }

        if (!await Concurrency.TrySaveAsync(db, result, cancellationToken))
        {
            return result;
        }

        await audit.WriteAsync(new AuditEvent(AuditActions.DeadlinesUpdated, SubjectType: "level-deadlines",
            Details: string.Join(';', input.Rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{(int)r.Level}={r.FirstActionDays}/{r.ReviewDays}"))), Actor: actor), cancellationToken);
        return result;
    }
}
