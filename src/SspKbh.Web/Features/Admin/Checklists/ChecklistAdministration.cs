using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Access;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Admin.Checklists;

/// <summary>One item of the editor. Every field is a string, so a forged value gets a Danish message instead of a binding error.</summary>
public sealed class ChecklistItemInput
{
    public string? Section { get; set; }

    public string? Text { get; set; }

    public string? Hint { get; set; }

    /// <summary>"true" when the "fjern" checkbox is ticked.</summary>
    public string? Remove { get; set; }
}

public sealed class ChecklistEditInput
{
    /// <summary>The version the form was loaded from; publishing is refused when a newer one exists.</summary>
    public string? Version { get; set; }

    public List<ChecklistItemInput> Items { get; set; } = [];

    public string? NewSection { get; set; }

    public string? NewText { get; set; }

    public string? NewHint { get; set; }
}

/// <summary>The checklist page as read for an administrator (<see cref="Refused"/> for anyone else).</summary>
public sealed record ChecklistAdminView(bool Refused, ChecklistVersionView? Newest, IReadOnlyList<ChecklistVersionSummary> Versions, ChecklistEditInput? Input);

/// <summary>The page of one version: <see cref="View"/> is null when the version does not exist.</summary>
public sealed record ChecklistVersionPageView(int Version, bool Refused, ChecklistVersionView? View);

/// <summary>
/// Publishes a new checklist version from the administrator's edit of the newest one (ADR 0016). Never
/// updates a saved version: conversations keep pointing at the version they were created from.
/// </summary>
public sealed class ChecklistAdministration(SspDbContext db, ChecklistReader reader, AuditService audit, TimeProvider clock)
{
    public const string RemoveValue = "true";

    public static bool MayEdit(ClaimsPrincipal user) => user.IsInRole(nameof(AppRole.Administrator));

    /// <summary>The page: the versions, the newest one, and the editor's starting point (the newest version's items).</summary>
    public async Task<ChecklistAdminView> ViewAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!MayEdit(user))
        {
            return new ChecklistAdminView(Refused: true, null, [], null);
        }

        var newest = await reader.NewestAsync(cancellationToken);
        var versions = await reader.SummariesAsync(cancellationToken);
        return new ChecklistAdminView(Refused: false, newest, versions, newest is null ? null : new ChecklistEditInput
        {
            Version = newest.Version.ToString(CultureInfo.InvariantCulture),
            Items = newest.Items.Select(i => new ChecklistItemInput { Section = i.Section.ToString(), Text = i.Text, Hint = i.Hint }).ToList(),
        });
    }

    /// <summary>One published version, read only; null when it does not exist.</summary>
    public async Task<ChecklistVersionPageView> VersionAsync(int version, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        MayEdit(user)
            ? new ChecklistVersionPageView(version, Refused: false, await reader.VersionAsync(version, cancellationToken))
            : new ChecklistVersionPageView(version, Refused: true, null);

    public static bool TryParseSection(string? value, out ChecklistSection section) =>
        Enum.TryParse(value, ignoreCase: false, out section) && Enum.IsDefined(section) && !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);

    public async Task<ServiceResult> PublishAsync(ChecklistEditInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = new ServiceResult();
        if (!MayEdit(user))
        {
            return result.General(Texts.Forbidden_Text);
        }

        var userId = user.UserId();
        if (userId is null)
        {
            return result.General(Texts.ChecklistAdmin_Invalid);
        }

        // The shape of the post: a forged hidden field or checkbox value is refused as a whole.
        if (!int.TryParse(input.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var editedVersion)
            || input.Items.Any(i => !TryParseSection(i.Section, out _) || (!string.IsNullOrEmpty(i.Remove) && i.Remove != RemoveValue)))
        {
            return result.General(Texts.ChecklistAdmin_Invalid);
        }

        var newest = await db.ChecklistTemplates.AsNoTracking().Include(t => t.Items)
            .OrderByDescending(t => t.Version).FirstOrDefaultAsync(cancellationToken);
        if (newest is null || newest.Version != editedVersion)
        {
            return result.General(Texts.Concurrency_Conflict);
        }

        // The drafts in the posted order, and where each came from (an index in Items, or -1 for the new item).
        var drafts = new List<ChecklistItemDraft>();
        var origin = new List<int>();
        for (var i = 0; i < input.Items.Count; i++)
        {
            var item = input.Items[i];
            if (item.Remove == RemoveValue)
            {
                continue;
            }

            _ = TryParseSection(item.Section, out var section);
            drafts.Add(new ChecklistItemDraft(section, item.Text ?? "", item.Hint));
            origin.Add(i);
        }

        var adding = !string.IsNullOrWhiteSpace(input.NewText) || !string.IsNullOrWhiteSpace(input.NewHint);
        var newSectionGiven = !string.IsNullOrWhiteSpace(input.NewSection);
        if (newSectionGiven && !TryParseSection(input.NewSection, out _))
        {
            result.Field(nameof(ChecklistEditInput.NewSection), Texts.ChecklistAdmin_SectionUnknown);
        }
        else if (adding && !newSectionGiven)
        {
            result.Field(nameof(ChecklistEditInput.NewSection), Texts.ChecklistAdmin_SectionRequired);
        }

        if (adding)
        {
            _ = TryParseSection(input.NewSection, out var newSection);
            // An unknown section is reported above; validate the text against a valid one.
            drafts.Add(new ChecklistItemDraft(Enum.IsDefined(newSection) ? newSection : ChecklistSection.After, input.NewText ?? "", input.NewHint));
            origin.Add(-1);
        }

        foreach (var (field, error) in ChecklistTemplate.ValidateItems(drafts))
        {
            if (field == "Items")
            {
                var message = error == "ChecklistTooManyItems" ? string.Format(CultureInfo.CurrentCulture, Texts.ChecklistAdmin_TooManyItems, ChecklistTemplate.MaxItems) : Texts.ChecklistAdmin_Empty;
                if (adding)
                {
                    result.Field(nameof(ChecklistEditInput.NewText), message);
                }
                else
                {
                    result.General(message);
                }

                continue;
            }

            // "Items[3].Text" -> the posted field it came from.
            var close = field.IndexOf(']', StringComparison.Ordinal);
            var index = int.Parse(field.AsSpan(6, close - 6), CultureInfo.InvariantCulture);
            var property = field[(close + 2)..];
            var posted = origin[index];
            var target = posted < 0 ? "New" + property : $"Items[{posted}].{property}";
            result.Field(target, error switch
            {
                "ChecklistItemTextRequired" => Texts.ChecklistAdmin_TextRequired,
                "ChecklistItemTextTooLong" => string.Format(CultureInfo.CurrentCulture, Texts.ChecklistAdmin_TextTooLong, ChecklistTemplateItem.TextMaxLength),
                "ChecklistItemHintTooLong" => string.Format(CultureInfo.CurrentCulture, Texts.ChecklistAdmin_HintTooLong, ChecklistTemplateItem.HintMaxLength),
                _ => Texts.ChecklistAdmin_SectionUnknown,
            });
        }

        if (!result.Succeeded)
        {
            return result;
        }

        if (Normalized(drafts).SequenceEqual(Normalized(newest.ToDrafts())))
        {
            return result.General(Texts.ChecklistAdmin_NoChanges);
        }

        var next = newest.Revise(drafts, userId, clock.GetUtcNow().UtcDateTime);
        db.ChecklistTemplates.Add(next);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another administrator published the same version number first (the unique Version index).
            db.ChangeTracker.Clear();
            return result.General(Texts.Concurrency_Conflict);
        }

        result.CreatedId = next.Version.ToString(CultureInfo.InvariantCulture);
        await audit.WriteAsync(new AuditEvent(AuditActions.ChecklistPublished, SubjectType: "checklist",
            SubjectId: next.Id.ToString(CultureInfo.InvariantCulture),
            Details: string.Create(CultureInfo.InvariantCulture, $"version={next.Version};previous={newest.Version};items={next.Items.Count}"), Actor: user), cancellationToken);
        return result;
    }

    // Compared as they would be saved: sorted by section, trimmed, an empty hint as none.
    private static IEnumerable<(ChecklistSection, string, string?)> Normalized(IEnumerable<ChecklistItemDraft> drafts) =>
        drafts.Select((d, i) => (d, i)).OrderBy(x => x.d.Section).ThenBy(x => x.i)
            .Select(x => (x.d.Section, x.d.Text.Trim(), string.IsNullOrWhiteSpace(x.d.Hint) ? null : x.d.Hint.Trim()));
}
