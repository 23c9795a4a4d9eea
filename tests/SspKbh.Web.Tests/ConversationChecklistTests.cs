using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Conversations;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The checklist's own saves on SQLite and PostgreSQL (issue 16 #5): a tick or a note is a small save of its item
/// that never makes the planning form stale and is never undone by it, two ticks at once both stay, a note someone
/// else saved meanwhile is not overwritten, and only items of the stage of the record's own version can be ticked,
/// by someone who may change the conversation.
/// </summary>
public abstract class ConversationChecklistTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Responsible = "sekretaer@sspkbh.dk";
    private const string Member = "myndighed@sspkbh.dk";
    private const string NonAuthority = "ikke-myndighed@sspkbh.dk";

    private async Task<ConcernConversation> RecordAsync(int id)
    {
        await using var db = App.CreateDbContext();
        return await db.ConcernConversations.AsNoTracking().Include(c => c.Checklist).SingleAsync(c => c.Id == id);
    }

    private async Task<List<ChecklistTemplateItem>> ItemsAsync(int id, ChecklistStage stage)
    {
        var record = await RecordAsync(id);
        await using var db = App.CreateDbContext();
        return await db.ChecklistTemplateItems.AsNoTracking().Where(i => i.TemplateId == record.ChecklistTemplateId && i.Stage == stage).OrderBy(i => i.Position).ToListAsync();
    }

    private Task<(ConversationResult Result, ChecklistRowState? Row)> TickAsync(string email, int id, int itemId, bool done = true, ChecklistStage stage = ChecklistStage.Before) =>
        App.AsAsync<ConversationChecklistService, (ConversationResult, ChecklistRowState?)>(email, (checklist, user) => checklist.TickAsync(id, stage, itemId, done, user, CancellationToken.None));

    private Task<(ConversationResult Result, ChecklistRowState? Row)> NoteAsync(string email, int id, int itemId, string? note, string? asLoaded) =>
        App.AsAsync<ConversationChecklistService, (ConversationResult, ChecklistRowState?)>(email, (checklist, user) =>
            checklist.SaveNoteAsync(id, ChecklistStage.Before, itemId, new ChecklistNoteInput { Note = note, NoteAsLoaded = asLoaded }, user, CancellationToken.None));

    private Task<ConversationResult> PlanAsync(int id, string stamp, string challenges) =>
        App.AsAsync<ConversationPlanningService, ConversationResult>(Responsible, (planner, user) =>
        {
            var input = PlanningInput.From(RecordAsync(id).GetAwaiter().GetResult());
            input.Challenges = challenges;
            input.ConcurrencyStamp = stamp;
            return planner.SavePlanningAsync(id, input, user, CancellationToken.None);
        });

    [Fact]
    public async Task Ticks_saved_before_the_planning_form_are_kept_when_it_is_saved()
    {
        // Issue 16 #5: the page was opened, points ticked, then the planning saved. Before, the ticks belonged to a form
        // of their own that the planning save never sent, so they were lost without a word.
        var id = await App.NewFrejaConversationAsync(Responsible);
        var pageStamp = (await RecordAsync(id)).ConcurrencyStamp;
        var items = await ItemsAsync(id, ChecklistStage.Before);
        var (first, row) = await TickAsync(Responsible, id, items[0].Id);
        Assert.True(first.Succeeded);
        Assert.True(row!.Done);
        Assert.Equal(await App.UserIdAsync(Responsible), row.DoneByUserId);
        Assert.True((await TickAsync(Responsible, id, items[1].Id)).Result.Succeeded);
        Assert.True((await NoteAsync(Responsible, id, items[1].Id, "Tolken er bestilt.", null)).Result.Succeeded);

        // The planning form still carries the stamp it was opened with; the ticks did not make it stale.
        var planned = await PlanAsync(id, pageStamp, "Fravær om mandagen");
        Assert.True(planned.Succeeded, string.Join(" ", planned.Result.GeneralErrors));

        var r = await RecordAsync(id);
        Assert.Equal("Fravær om mandagen", r.Challenges);
        Assert.Equal([items[0].Id, items[1].Id], r.Checklist.Where(c => c.IsDone).Select(c => c.TemplateItemId).Order().ToArray());
        Assert.Equal("Tolken er bestilt.", r.Checklist.Single(c => c.TemplateItemId == items[1].Id).Note);

        // And a tick after the planning save needs no stamp either: the form's next save is not refused by it.
        Assert.True((await TickAsync(Responsible, id, items[2].Id)).Result.Succeeded);
        Assert.True((await PlanAsync(id, planned.Stamp!, "Fravær om mandagen og fredagen")).Succeeded);
        Assert.Equal(3, (await RecordAsync(id)).Checklist.Count(c => c.IsDone));
        Assert.Contains(await App.AuditEntriesAsync(), e => e.Action == AuditActions.ConversationUpdated && e.Details == $"conversation={id}; checklist=Before; item={items[0].Id}; done");
    }

    [Fact]
    public async Task Two_ticks_at_the_same_moment_both_stay_and_unticking_keeps_the_note()
    {
        var id = await App.NewFrejaConversationAsync(Responsible);
        var items = await ItemsAsync(id, ChecklistStage.Before);

        // Two people tick different points, and both tick the same point, at once.
        var results = await Task.WhenAll(
            TickAsync(Responsible, id, items[0].Id), TickAsync(Member, id, items[1].Id),
            TickAsync(Responsible, id, items[2].Id), TickAsync(Member, id, items[2].Id));
        Assert.All(results, r => Assert.True(r.Result.Succeeded, string.Join(" ", r.Result.Result.GeneralErrors)));
        var r = await RecordAsync(id);
        Assert.Equal([items[0].Id, items[1].Id, items[2].Id], r.Checklist.Where(c => c.IsDone).Select(c => c.TemplateItemId).Order().ToArray());

        Assert.True((await NoteAsync(Member, id, items[1].Id, "Talt med skolen.", null)).Result.Succeeded);
        var (untick, row) = await TickAsync(Responsible, id, items[1].Id, done: false);
        Assert.True(untick.Succeeded);
        Assert.False(row!.Done);
        Assert.Equal("Talt med skolen.", row.Note);
        Assert.False((await RecordAsync(id)).Checklist.Single(c => c.TemplateItemId == items[1].Id).IsDone);
    }

    [Fact]
    public async Task A_note_saved_by_someone_else_meanwhile_is_not_overwritten()
    {
        var id = await App.NewFrejaConversationAsync(Responsible);
        var item = (await ItemsAsync(id, ChecklistStage.Before))[0].Id;
        Assert.True((await NoteAsync(Responsible, id, item, "Aftalt med skolen.", null)).Result.Succeeded);

        // The other page still knew the empty note: refused, with the note as it now stands.
        var (stale, row) = await NoteAsync(Member, id, item, "Gammel note", null);
        Assert.Equal([Texts.Error_ChecklistNoteChangedMeanwhile], stale.Result.FieldErrors[nameof(ChecklistNoteInput.Note)]);
        Assert.Equal("Aftalt med skolen.", row!.Note);
        Assert.Equal("Aftalt med skolen.", (await RecordAsync(id)).Checklist.Single().Note);

        // Having seen it, the user may replace it; too long a note is refused.
        Assert.True((await NoteAsync(Member, id, item, "Aftalt med skolen og klubben.", row.Note)).Result.Succeeded);
        var tooLong = await NoteAsync(Member, id, item, new string('x', ConversationChecklistItem.NoteMaxLength + 1), "Aftalt med skolen og klubben.");
        Assert.Equal([Texts.Error_ChecklistNoteTooLong], tooLong.Result.Result.FieldErrors[nameof(ChecklistNoteInput.Note)]);
        Assert.Equal("Aftalt med skolen og klubben.", (await RecordAsync(id)).Checklist.Single().Note);
    }

    [Fact]
    public async Task Only_items_of_the_stage_of_the_records_version_and_only_people_who_may_change_it()
    {
        var id = await App.NewFrejaConversationAsync(Responsible);
        var before = (await ItemsAsync(id, ChecklistStage.Before))[0].Id;
        var during = (await ItemsAsync(id, ChecklistStage.During))[0].Id;

        var otherStage = await TickAsync(Responsible, id, during, stage: ChecklistStage.Before);
        Assert.Equal([Texts.Error_ChecklistItemNotInTemplate], otherStage.Result.Result.GeneralErrors);
        Assert.Equal([Texts.Error_ChecklistItemNotInTemplate], (await TickAsync(Responsible, id, 987654)).Result.Result.GeneralErrors);
        Assert.Equal([Texts.Error_ChecklistItemNotInTemplate], (await NoteAsync(Responsible, id, during, "x", null)).Result.Result.GeneralErrors);

        Assert.Equal(LookupOutcome.Forbidden, (await TickAsync(NonAuthority, id, before)).Result.Outcome);
        Assert.Equal(LookupOutcome.Forbidden, (await NoteAsync(NonAuthority, id, before, "Udefra", null)).Result.Outcome);
        Assert.Equal(LookupOutcome.NotFound, (await TickAsync(Responsible, 987654, before)).Result.Outcome);
        Assert.Empty((await RecordAsync(id)).Checklist);

        await using (var db = App.CreateDbContext())
        {
            var record = await db.ConcernConversations.SingleAsync(c => c.Id == id);
            Assert.Null(record.Cancel(DateOnly.FromDateTime(DateTime.UtcNow), "Familien er flyttet."));
            await db.SaveChangesAsync();
        }

        Assert.Equal([Texts.Error_ConversationClosed], (await TickAsync(Responsible, id, before)).Result.Result.GeneralErrors);
        Assert.Empty((await RecordAsync(id)).Checklist);
    }
}

public sealed class ConversationChecklistTestsSqlite(SqliteApp fixture) : ConversationChecklistTests(fixture), IClassFixture<SqliteApp>;

public sealed class ConversationChecklistTestsPostgres(PostgresApp fixture) : ConversationChecklistTests(fixture), IClassFixture<PostgresApp>;
