namespace SspKbh.Domain.Conversations;

/// <summary>The three stages of a concern conversation (bekymringssamtalens før–under–efter).</summary>
public enum ChecklistStage
{
    Before = 1,
    During = 2,
    After = 3,
}

/// <summary>
/// Where a checklist item belongs. The order of the values is the order of the conversation; each section
/// belongs to exactly one <see cref="ChecklistStage"/> (see <see cref="ChecklistSections.StageOf"/>).
/// </summary>
public enum ChecklistSection
{
    /// <summary>Before: settled at the coordination group meeting (who takes part, resource persons, interpreter).</summary>
    AtGroupMeeting = 1,

    /// <summary>Before: the responsible professional's own preparation (place, time, knowledge, questions, pre-meeting).</summary>
    OwnPreparation = 2,

    /// <summary>Before: inviting the young person and the custody holder(s).</summary>
    Invitation = 3,

    /// <summary>During, phase 1: introduction (SSP, participants, length).</summary>
    Phase1Introduction = 4,

    /// <summary>During, phase 2: naming the crime concern concretely.</summary>
    Phase2Concern = 5,

    /// <summary>During, phase 3: mapping the resources and challenges of the young person and the family.</summary>
    Phase3Mapping = 6,

    /// <summary>During, phase 4: measures and concrete agreements.</summary>
    Phase4Agreements = 7,

    /// <summary>During, phase 5: closing, follow-up, contact details, evaluation.</summary>
    Phase5Closing = 8,

    /// <summary>After: debrief, informing the network, follow-up, journalising.</summary>
    After = 9,
}

public static class ChecklistSections
{
    /// <summary>The stage a section belongs to.</summary>
    public static ChecklistStage StageOf(this ChecklistSection section) => section switch
    {
        ChecklistSection.AtGroupMeeting or ChecklistSection.OwnPreparation or ChecklistSection.Invitation => ChecklistStage.Before,
        ChecklistSection.After => ChecklistStage.After,
        _ => ChecklistStage.During,
    };

    /// <summary>The conversation phase (1–5) of a during-section; null for the other sections.</summary>
    public static int? PhaseOf(this ChecklistSection section) =>
        section is >= ChecklistSection.Phase1Introduction and <= ChecklistSection.Phase5Closing
            ? section - ChecklistSection.Phase1Introduction + 1
            : null;
}

/// <summary>One item as an administrator writes it, before it becomes part of a template version.</summary>
public sealed record ChecklistItemDraft(ChecklistSection Section, string Text, string? Hint = null);

/// <summary>
/// One published version of the concern conversation checklist. A version is immutable once saved: an
/// administrator's edit produces a new version (<see cref="Revise"/>), and every conversation keeps pointing
/// at the version it was created from, so later edits never rewrite what a record showed. The version
/// number is unique (a unique index), so two administrators revising at the same time cannot both publish
/// the same number: the second save fails and must be retried from the newest version.
/// </summary>
public sealed class ChecklistTemplate
{
    /// <summary>At most this many items in one version.</summary>
    public const int MaxItems = 100;

    public int Id { get; init; }

    /// <summary>1 for the shipped default (<see cref="DefaultChecklist"/>), then one higher per revision.</summary>
    public int Version { get; init; }

    public DateTime CreatedAtUtc { get; init; }

    /// <summary>The administrator who published the version; null for the shipped default.</summary>
    public string? CreatedByUserId { get; init; }

    /// <summary>The items. Do not change them on a saved version: call <see cref="Revise"/> instead.</summary>
    public List<ChecklistTemplateItem> Items { get; init; } = [];

    /// <summary>The items in the order of the conversation.</summary>
    public IEnumerable<ChecklistTemplateItem> Ordered => Items.OrderBy(i => i.Position).ThenBy(i => i.Id);

    /// <summary>The items of one section in order.</summary>
    public IEnumerable<ChecklistTemplateItem> ItemsIn(ChecklistSection section) => Ordered.Where(i => i.Section == section);

    /// <summary>The items of one stage in order.</summary>
    public IEnumerable<ChecklistTemplateItem> ItemsIn(ChecklistStage stage) => Ordered.Where(i => i.Stage == stage);

    /// <summary>The items as drafts, the starting point of an administrator's edit.</summary>
    public IReadOnlyList<ChecklistItemDraft> ToDrafts() => Ordered.Select(i => new ChecklistItemDraft(i.Section, i.Text, i.Hint)).ToList();

    /// <summary>Checks the items of a new version. Fields are <c>Items</c> or <c>Items[i].Text</c>/<c>.Hint</c>/<c>.Section</c>.</summary>
    public static IReadOnlyList<(string Field, string Error)> ValidateItems(IReadOnlyList<ChecklistItemDraft> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var errors = new List<(string, string)>();
        if (items.Count == 0)
        {
            errors.Add(("Items", "ChecklistEmpty"));
        }
        else if (items.Count > MaxItems)
        {
            errors.Add(("Items", "ChecklistTooManyItems"));
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (!Enum.IsDefined(item.Section))
            {
                errors.Add(($"Items[{i}].Section", "ChecklistSectionRequired"));
            }

            if (string.IsNullOrWhiteSpace(item.Text))
            {
                errors.Add(($"Items[{i}].Text", "ChecklistItemTextRequired"));
            }
            else if (item.Text.Trim().Length > ChecklistTemplateItem.TextMaxLength)
            {
                errors.Add(($"Items[{i}].Text", "ChecklistItemTextTooLong"));
            }

            if (item.Hint is not null && item.Hint.Trim().Length > ChecklistTemplateItem.HintMaxLength)
            {
                errors.Add(($"Items[{i}].Hint", "ChecklistItemHintTooLong"));
            }
        }

        return errors;
    }

    /// <summary>
    /// A new template version from drafts. Items are ordered by section (the conversation's order) and,
    /// within a section, as given; positions are 1..n. Call <see cref="ValidateItems"/> first: invalid items throw.
    /// </summary>
    public static ChecklistTemplate Create(int version, IReadOnlyList<ChecklistItemDraft> items, string? userId, DateTime nowUtc)
    {
        if (ValidateItems(items).Count > 0)
        {
            throw new ArgumentException("The checklist items are not valid; call ValidateItems first.", nameof(items));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        var position = 0;
        return new ChecklistTemplate
        {
            Version = version,
            CreatedAtUtc = nowUtc,
            CreatedByUserId = userId,
            Items = items
                .Select((d, index) => (d, index))
                .OrderBy(x => x.d.Section).ThenBy(x => x.index)
                .Select(x => new ChecklistTemplateItem
                {
                    Section = x.d.Section,
                    Stage = x.d.Section.StageOf(),
                    Position = ++position,
                    Text = x.d.Text.Trim(),
                    Hint = string.IsNullOrWhiteSpace(x.d.Hint) ? null : x.d.Hint.Trim(),
                })
                .ToList(),
        };
    }

    /// <summary>
    /// An administrator's edit: a NEW version (this version's number + 1) with the given items. This version
    /// and its items stay exactly as they are. Pass the newest version; call <see cref="ValidateItems"/> first.
    /// </summary>
    public ChecklistTemplate Revise(IReadOnlyList<ChecklistItemDraft> items, string userId, DateTime nowUtc) =>
        Create(Version + 1, items, userId, nowUtc);
}

/// <summary>One item of one template version. Immutable once saved (see <see cref="ChecklistTemplate"/>).</summary>
public sealed class ChecklistTemplateItem
{
    public const int TextMaxLength = 500;
    public const int HintMaxLength = 1000;

    public int Id { get; init; }

    public int TemplateId { get; init; }

    /// <summary>Always the stage of <see cref="Section"/>; stored so progress can be counted per stage in SQL.</summary>
    public ChecklistStage Stage { get; init; }

    public ChecklistSection Section { get; init; }

    /// <summary>1..n across the whole template, in the order of the conversation.</summary>
    public int Position { get; init; }

    public string Text { get; init; } = "";

    /// <summary>Optional help shown with the item (e.g. "ideally 45–60 minutes").</summary>
    public string? Hint { get; init; }
}

/// <summary>
/// One conversation's progress on one item of its template version. A row exists once the item has been
/// ticked or given a note; an item without a row is not done.
/// </summary>
public sealed class ConversationChecklistItem
{
    public const int NoteMaxLength = 2000;

    public int ConversationId { get; set; }

    public int TemplateItemId { get; set; }

    /// <summary>When the item was ticked; null when not done (never ticked, or unticked).</summary>
    public DateTime? DoneAtUtc { get; set; }

    public string? DoneByUserId { get; set; }

    /// <summary>A short note on the item (personal text: cleared by retention).</summary>
    public string? Note { get; set; }

    public bool IsDone => DoneAtUtc is not null;
}
