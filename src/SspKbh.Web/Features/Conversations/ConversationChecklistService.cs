using System.Globalization;
using System.Security.Claims;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Security;

namespace SspKbh.Web.Features.Conversations;

/// <summary>One checklist item as it stands after a tick or a note was saved.</summary>
public sealed record ChecklistRowState(int TemplateItemId, bool Done, string? DoneByUserId, DateTime? DoneAtUtc, string? Note);

/// <summary>A note on one checklist item, with the note as the user's page last knew it.</summary>
public sealed class ChecklistNoteInput
{
    public string? Note { get; set; }

    /// <summary>The saved note the user started from; another note saved since is not overwritten.</summary>
    public string? NoteAsLoaded { get; set; }
}

/// <summary>
/// A conversation's checklist (before, during, after). On the interactive pages each tick and each note is its
/// own small save (<see cref="TickAsync"/>, <see cref="SaveNoteAsync"/>) that touches only its item's row, so it
/// cannot overwrite nor be overwritten by a form of the record (issue 16 #5).
/// </summary>
public sealed class ConversationChecklistService(ConversationService conversations)
{
    /// <summary>Ticks or unticks one item of a stage of the record's own version; a tick keeps its first doer.</summary>
    public async Task<(ConversationResult Result, ChecklistRowState? Row)> TickAsync(
        int id, ChecklistStage stage, int templateItemId, bool done, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ChecklistRowState? row = null;
        var result = await conversations.ChangeChecklistAsync(id, user, $"checklist={stage}; item={Text(templateItemId)}; {(done ? "done" : "not-done")}", async (record, _) =>
        {
            var template = await conversations.TemplateAsync(record.ChecklistTemplateId, cancellationToken);
            if (template.ItemsIn(stage).All(i => i.Id != templateItemId))
            {
                return [("", "ChecklistItemNotInTemplate")];
            }

            var error = done ? record.Tick(template, templateItemId, user.UserId()!, conversations.Now) : record.Untick(template, templateItemId);
            row = RowOf(record, templateItemId);
            return error is null ? [] : [("", error)];
        }, cancellationToken);
        return (result, result.Succeeded ? row : null);
    }

    /// <summary>
    /// Saves the note of one item. A note someone else saved after the user's page read it is not overwritten:
    /// the save is refused with the note as it now stands, and the user's text stays in their field.
    /// </summary>
    public async Task<(ConversationResult Result, ChecklistRowState? Row)> SaveNoteAsync(
        int id, ChecklistStage stage, int templateItemId, ChecklistNoteInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ChecklistRowState? row = null;
        var result = await conversations.ChangeChecklistAsync(id, user, $"checklist={stage}; item={Text(templateItemId)}; note", async (record, _) =>
        {
            var template = await conversations.TemplateAsync(record.ChecklistTemplateId, cancellationToken);
            if (template.ItemsIn(stage).All(i => i.Id != templateItemId))
            {
                return [("", "ChecklistItemNotInTemplate")];
            }

            row = RowOf(record, templateItemId);
            if (!string.Equals(Clean(row.Note), Clean(input.NoteAsLoaded), StringComparison.Ordinal))
            {
                return [(nameof(ChecklistNoteInput.Note), "ChecklistNoteChangedMeanwhile")];
            }

            var error = record.SetChecklistNote(template, templateItemId, input.Note);
            row = RowOf(record, templateItemId);
            return error is null ? [] : [(nameof(ChecklistNoteInput.Note), error)];
        }, cancellationToken);
        return (result, row);
    }

    private static ChecklistRowState RowOf(ConcernConversation record, int templateItemId) =>
        record.Checklist.FirstOrDefault(c => c.TemplateItemId == templateItemId) is { } row
            ? new ChecklistRowState(templateItemId, row.IsDone, row.DoneByUserId, row.DoneAtUtc, row.Note)
            : new ChecklistRowState(templateItemId, false, null, null, null);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);
}
