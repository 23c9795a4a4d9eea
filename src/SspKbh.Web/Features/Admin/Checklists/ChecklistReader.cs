using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Data;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Admin.Checklists;

public sealed record ChecklistItemView(ChecklistSection Section, string Text, string? Hint);

public sealed record ChecklistVersionView(int Id, int Version, DateTime CreatedAtUtc, string? CreatedBy, IReadOnlyList<ChecklistItemView> Items)
{
    public IEnumerable<ChecklistItemView> ItemsIn(ChecklistSection section) => Items.Where(i => i.Section == section);

    public IEnumerable<ChecklistItemView> ItemsIn(ChecklistStage stage) => Items.Where(i => i.Section.StageOf() == stage);
}

/// <summary>One row of the version list: how many concern conversations were created from the version.</summary>
public sealed record ChecklistVersionSummary(int Version, DateTime CreatedAtUtc, string? CreatedBy, int ItemCount, int ConversationCount);

/// <summary>
/// Reads published checklist versions (no personal data: item texts, dates and the publishing administrator's name).
/// Used by the administration page and the printable conversation guide.
/// </summary>
public sealed class ChecklistReader(SspDbContext db)
{
    /// <summary>The newest version, or null on a database without any (seeding has not run).</summary>
    public Task<ChecklistVersionView?> NewestAsync(CancellationToken cancellationToken) =>
        LoadAsync(db.ChecklistTemplates.OrderByDescending(t => t.Version), cancellationToken);

    public Task<ChecklistVersionView?> VersionAsync(int version, CancellationToken cancellationToken) =>
        LoadAsync(db.ChecklistTemplates.Where(t => t.Version == version), cancellationToken);

    public async Task<int?> NewestVersionNumberAsync(CancellationToken cancellationToken) =>
        await db.ChecklistTemplates.MaxAsync(t => (int?)t.Version, cancellationToken);

    /// <summary>Every version, newest first, with its number of items and of conversations that use it.</summary>
    public async Task<IReadOnlyList<ChecklistVersionSummary>> SummariesAsync(CancellationToken cancellationToken)
    {
        var rows = await db.ChecklistTemplates.AsNoTracking()
            .OrderByDescending(t => t.Version)
            .Select(t => new
            {
                t.Version,
                t.CreatedAtUtc,
                t.CreatedByUserId,
                ItemCount = t.Items.Count,
                ConversationCount = db.ConcernConversations.Count(c => c.ChecklistTemplateId == t.Id),
            })
            .ToListAsync(cancellationToken);
        var names = await NamesAsync(rows.Select(r => r.CreatedByUserId), cancellationToken);
        return rows.Select(r => new ChecklistVersionSummary(r.Version, r.CreatedAtUtc, Name(names, r.CreatedByUserId), r.ItemCount, r.ConversationCount)).ToList();
    }

    private async Task<ChecklistVersionView?> LoadAsync(IQueryable<ChecklistTemplate> query, CancellationToken cancellationToken)
    {
        var template = await query.AsNoTracking()
            .Select(t => new { t.Id, t.Version, t.CreatedAtUtc, t.CreatedByUserId })
            .FirstOrDefaultAsync(cancellationToken);
        if (template is null)
        {
            return null;
        }

        var items = await db.ChecklistTemplateItems.AsNoTracking()
            .Where(i => i.TemplateId == template.Id)
            .OrderBy(i => i.Position).ThenBy(i => i.Id)
            .Select(i => new ChecklistItemView(i.Section, i.Text, i.Hint))
            .ToListAsync(cancellationToken);
        var names = await NamesAsync([template.CreatedByUserId], cancellationToken);
        return new ChecklistVersionView(template.Id, template.Version, template.CreatedAtUtc, Name(names, template.CreatedByUserId), items);
    }

    private async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string?> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.OfType<string>().Distinct().ToList();
        return ids.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
    }

    // The shipped version 1 has no author; a deleted user is shown as unknown rather than as an id.
    private static string Name(Dictionary<string, string> names, string? userId) =>
        userId is null ? Texts.ChecklistAdmin_Shipped : names.GetValueOrDefault(userId) ?? Texts.ChecklistAdmin_UnknownUser;
}

/// <summary>Danish names of checklist stages and sections.</summary>
public static class ChecklistTexts
{
    public static string Stage(ChecklistStage stage) =>
        Texts.ResourceManager.GetString("ChecklistAdmin_Stage_" + stage, Texts.Culture) ?? stage.ToString();

    /// <summary>The same section names as on the conversation pages.</summary>
    public static string Section(ChecklistSection section) => Conversations.ConversationTexts.Section(section);

    /// <summary>The sections of a stage in the order of the conversation.</summary>
    public static IEnumerable<ChecklistSection> SectionsOf(ChecklistStage stage) =>
        Enum.GetValues<ChecklistSection>().Where(s => s.StageOf() == stage);
}
