using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Conversations;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Admin.Checklists;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The checklist editor at the service layer (<see cref="ChecklistAdministration"/>, where the interactive page's save
/// ends) and its pages and the conversation guide (/samtaler/guide) over HTTP: an edit becomes a new version, the old
/// version and the records that use it stay as they were, bad input and stale edits save nothing, and only
/// administrators edit. The page in the circuit: <see cref="ChecklistEditorComponentTests"/>.
/// </summary>
public abstract class ChecklistAdminTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Admin = "admin@sspkbh.dk";

    private sealed record ItemRow(int Id, ChecklistSection Section, int Position, string Text, string? Hint);

    private async Task<(int Id, int Version, List<ItemRow> Items)> NewestAsync()
    {
        await using var db = App.CreateDbContext();
        var t = await db.ChecklistTemplates.AsNoTracking().OrderByDescending(x => x.Version).Select(x => new { x.Id, x.Version }).FirstAsync();
        return (t.Id, t.Version, await ItemsAsync(t.Id));
    }

    private async Task<List<ItemRow>> ItemsAsync(int templateId)
    {
        await using var db = App.CreateDbContext();
        return (await db.ChecklistTemplateItems.AsNoTracking().Where(i => i.TemplateId == templateId).OrderBy(i => i.Position).ToListAsync())
            .Select(i => new ItemRow(i.Id, i.Section, i.Position, i.Text, i.Hint)).ToList();
    }

    private async Task<int> VersionCountAsync()
    {
        await using var db = App.CreateDbContext();
        return await db.ChecklistTemplates.CountAsync();
    }

    /// <summary>The editor as the page loads it for <paramref name="email"/> (null when refused).</summary>
    private Task<ChecklistEditInput?> InputAsync(string email = Admin) =>
        App.WithScopeAsync(async services => (await services.GetRequiredService<ChecklistAdministration>()
            .ViewAsync(await AppHelpers.PrincipalAsync(services, email), CancellationToken.None)).Input);

    private Task<ServiceResult> PublishAsync(ChecklistEditInput input, string email = Admin) =>
        App.WithScopeAsync(async services => await services.GetRequiredService<ChecklistAdministration>()
            .PublishAsync(input, await AppHelpers.PrincipalAsync(services, email), CancellationToken.None));

    /// <summary>Loads the editor, changes it as the administrator would, and saves.</summary>
    private async Task<ServiceResult> EditAndPublishAsync(Action<ChecklistEditInput> change)
    {
        var input = (await InputAsync())!;
        change(input);
        return await PublishAsync(input);
    }

    [Fact]
    public async Task Publishing_makes_a_new_version_and_leaves_the_old_version_and_its_conversations_as_they_were()
    {
        var (oldId, oldVersion, oldItems) = await NewestAsync();
        // A conversation created from the old version before the edit.
        int conversationId;
        await using (var db = App.CreateDbContext())
        {
            var responsible = await App.UserIdAsync("myndighed@sspkbh.dk");
            var caseId = await db.Cases.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            var conversation = ConcernConversation.Create(caseId, null, responsible, CaseLevel.FirstTimeCrime, oldId, responsible, DateTime.UtcNow);
            db.ConcernConversations.Add(conversation);
            await db.SaveChangesAsync();
            conversationId = conversation.Id;
        }

        using var admin = App.CreateBrowser();
        await admin.SignInAsync(Admin);
        var page = await admin.GetAsync("/admin/tjeklister");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"Nyeste version: {oldVersion},", page.TestIdText("newest-version"), StringComparison.Ordinal);
        Assert.Equal(oldItems.Count, page.TestIdTexts("edit-item").Count);
        Assert.Equal(oldItems[0].Text, page.Document.GetElementById("item-text-0")!.GetAttribute("value"));

        var answer = await EditAndPublishAsync(input =>
        {
            input.Items[0].Text = "  Aftal på mødet, hvem der deltager, og hvad hver især bidrager med.  ";
            input.Items[0].Hint = "";
            input.Items[1].Remove = "true";
            input.NewSection = nameof(ChecklistSection.Phase3Mapping);
            input.NewText = "Spørg ind til, hvad der går godt i den unges hverdag.";
            input.NewHint = "Fx venner, fritid og skole.";
        });
        Assert.True(answer.Succeeded);
        Assert.Equal((oldVersion + 1).ToString(CultureInfo.InvariantCulture), answer.CreatedId);

        var (newId, newVersion, newItems) = await NewestAsync();
        Assert.Equal(oldVersion + 1, newVersion);
        Assert.NotEqual(oldId, newId);
        Assert.Equal(oldItems.Count, newItems.Count); // one removed, one added
        Assert.Equal("Aftal på mødet, hvem der deltager, og hvad hver især bidrager med.", newItems[0].Text);
        Assert.Null(newItems[0].Hint);
        Assert.DoesNotContain(newItems, i => i.Text == oldItems[1].Text);
        var added = Assert.Single(newItems, i => i.Text == "Spørg ind til, hvad der går godt i den unges hverdag.");
        Assert.Equal(ChecklistSection.Phase3Mapping, added.Section);
        Assert.Equal("Fx venner, fritid og skole.", added.Hint);
        // The new item comes last in its section, and the sections keep the order of the conversation.
        Assert.Equal(added, newItems.Last(i => i.Section == ChecklistSection.Phase3Mapping));
        Assert.Equal(newItems.OrderBy(i => i.Section).ThenBy(i => i.Position).Select(i => i.Id), newItems.Select(i => i.Id));
        await using (var db = App.CreateDbContext())
        {
            var template = await db.ChecklistTemplates.AsNoTracking().SingleAsync(t => t.Id == newId);
            Assert.Equal(await App.UserIdAsync(Admin), template.CreatedByUserId);
            // The record created before keeps pointing at the version it was created from.
            Assert.Equal(oldId, await db.ConcernConversations.Where(c => c.Id == conversationId).Select(c => c.ChecklistTemplateId).SingleAsync());
        }

        // The old version's rows are exactly as they were.
        Assert.Equal(oldItems, await ItemsAsync(oldId));

        var audit = await App.AuditEntriesAsync(a => a.Action == AuditActions.ChecklistPublished && a.SubjectId == newId.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("checklist", Assert.Single(audit).SubjectType);

        var after = await admin.GetAsync("/admin/tjeklister");
        Assert.Contains($"Nyeste version: {newVersion},", after.TestIdText("newest-version"), StringComparison.Ordinal);
        var oldRow = after.Document.QuerySelectorAll("[data-testid='version-row']")
            .Single(r => r.QuerySelector("th")!.TextContent.Trim() == oldVersion.ToString(CultureInfo.InvariantCulture));
        Assert.True(int.Parse(oldRow.QuerySelector("[data-testid='version-uses']")!.TextContent, CultureInfo.InvariantCulture) >= 1);

        // The old version can still be read as it was.
        var old = await admin.GetAsync($"/admin/tjeklister/version/{oldVersion}");
        Assert.Equal(HttpStatusCode.OK, old.Status);
        Assert.Equal(oldItems.Select(i => i.Text), old.TestIdTexts("version-item-text"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/tjeklister/version/9999")).Status);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_danish_message_next_to_the_field_and_nothing_is_saved()
    {
        var (_, version, items) = await NewestAsync();
        var versions = await VersionCountAsync();
        async Task<ServiceResult> RefusedAsync(Action<ChecklistEditInput> change)
        {
            var answer = await EditAndPublishAsync(change);
            Assert.False(answer.Succeeded);
            Assert.Null(answer.CreatedId);
            Assert.Equal(versions, await VersionCountAsync());
            return answer;
        }

        static List<string>? ErrorsOf(ServiceResult result, string field) => result.FieldErrors.GetValueOrDefault(field);

        var empty = await RefusedAsync(i => i.Items[2].Text = "   ");
        Assert.Equal([Texts.ChecklistAdmin_TextRequired], ErrorsOf(empty, "Items[2].Text"));
        Assert.Single(empty.FieldErrors); // the other items are fine as they are

        var tooLong = await RefusedAsync(i =>
        {
            i.Items[0].Text = new string('a', ChecklistTemplateItem.TextMaxLength + 1);
            i.Items[0].Hint = new string('b', ChecklistTemplateItem.HintMaxLength + 1);
        });
        Assert.Equal([string.Format(CultureInfo.CurrentCulture, Texts.ChecklistAdmin_TextTooLong, ChecklistTemplateItem.TextMaxLength)], ErrorsOf(tooLong, "Items[0].Text"));
        Assert.Equal([string.Format(CultureInfo.CurrentCulture, Texts.ChecklistAdmin_HintTooLong, ChecklistTemplateItem.HintMaxLength)], ErrorsOf(tooLong, "Items[0].Hint"));

        var unknownSection = await RefusedAsync(i => (i.NewSection, i.NewText) = ("IkkeEtAfsnit", "Et nyt punkt"));
        Assert.Equal([Texts.ChecklistAdmin_SectionUnknown], ErrorsOf(unknownSection, nameof(ChecklistEditInput.NewSection)));
        var numericSection = await RefusedAsync(i => (i.NewSection, i.NewText) = ("999", "Et nyt punkt"));
        Assert.Equal([Texts.ChecklistAdmin_SectionUnknown], ErrorsOf(numericSection, nameof(ChecklistEditInput.NewSection)));
        var noSection = await RefusedAsync(i => i.NewText = "Et nyt punkt");
        Assert.Equal([Texts.ChecklistAdmin_SectionRequired], ErrorsOf(noSection, nameof(ChecklistEditInput.NewSection)));
        var hintOnly = await RefusedAsync(i => (i.NewSection, i.NewHint) = (nameof(ChecklistSection.After), "Kun en hjælpetekst"));
        Assert.Equal([Texts.ChecklistAdmin_TextRequired], ErrorsOf(hintOnly, nameof(ChecklistEditInput.NewText)));

        // More items than a version may hold: extra rows plus the new item.
        var tooMany = await RefusedAsync(i =>
        {
            i.Items.AddRange(Enumerable.Range(items.Count, ChecklistTemplate.MaxItems - items.Count)
                .Select(n => new ChecklistItemInput { Section = nameof(ChecklistSection.After), Text = $"Ekstra {n}" }));
            (i.NewSection, i.NewText) = (nameof(ChecklistSection.After), "Et punkt for meget");
        });
        Assert.Equal([string.Format(CultureInfo.CurrentCulture, Texts.ChecklistAdmin_TooManyItems, ChecklistTemplate.MaxItems)], ErrorsOf(tooMany, nameof(ChecklistEditInput.NewText)));

        var allRemoved = await RefusedAsync(i => i.Items.ForEach(item => item.Remove = "true"));
        Assert.Contains(Texts.ChecklistAdmin_Empty, allRemoved.GeneralErrors);

        var unchanged = await RefusedAsync(_ => { });
        Assert.Contains(Texts.ChecklistAdmin_NoChanges, unchanged.GeneralErrors);

        // Forged sections, checkbox values and versions (values no page sends): refused as a whole.
        foreach (var forge in new Action<ChecklistEditInput>[] { i => i.Items[0].Section = "999", i => i.Items[0].Remove = "abc", i => i.Version = "abc", i => i.Version = null })
        {
            var answer = await RefusedAsync(i =>
            {
                i.Items[0].Text = "Ændret";
                forge(i);
            });
            Assert.Equal([Texts.ChecklistAdmin_Invalid], answer.GeneralErrors);
        }

        var newest = await NewestAsync();
        Assert.Equal(version, newest.Version);
        Assert.Equal(items, newest.Items);
    }

    [Fact]
    public async Task A_stale_form_is_refused_when_another_administrator_published_meanwhile()
    {
        var firstForm = (await InputAsync())!;
        var secondForm = (await InputAsync())!;
        var (_, version, _) = await NewestAsync();

        firstForm.Items[0].Hint = "Første administrators hjælpetekst.";
        Assert.True((await PublishAsync(firstForm)).Succeeded);
        var versions = await VersionCountAsync();

        secondForm.Items[0].Hint = "Anden administrators hjælpetekst.";
        var stale = await PublishAsync(secondForm);
        Assert.Equal([Texts.Concurrency_Conflict], stale.GeneralErrors);
        Assert.Equal(versions, await VersionCountAsync());
        var newest = await NewestAsync();
        Assert.Equal(version + 1, newest.Version);
        Assert.Equal("Første administrators hjælpetekst.", newest.Items[0].Hint);
    }

    [Theory]
    [InlineData("sekretaer@sspkbh.dk")]
    [InlineData("myndighed@sspkbh.dk")]
    [InlineData("leder@sspkbh.dk")]
    [InlineData("statistik@sspkbh.dk")]
    public async Task Only_administrators_may_see_or_publish_checklists(string email)
    {
        var versions = await VersionCountAsync();
        var adminForm = (await InputAsync())!;

        using var browser = App.CreateBrowser();
        await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/admin/tjeklister")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/admin/tjeklister/version/1")).Status);
        // A post to the page (the page saves in the circuit, but every component endpoint accepts a post).
        var token = (await browser.GetAsync("/konto")).Document.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value");
        var post = await browser.PostFormAsync("/admin/tjeklister", token is null ? [] : [new("__RequestVerificationToken", token)]);
        Assert.True(post.Status is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"answered {(int)post.Status}");

        // The service refuses the user's read and save, whatever the input, as the page would meet them in a circuit.
        Assert.Null(await InputAsync(email));
        adminForm.Items[0].Text = "Ændret af en uden adgang";
        Assert.Equal([Texts.Forbidden_Text], (await PublishAsync(adminForm, email)).GeneralErrors);
        var version = await App.WithScopeAsync(async s => await s.GetRequiredService<ChecklistAdministration>()
            .VersionAsync(1, await AppHelpers.PrincipalAsync(s, email), CancellationToken.None));
        Assert.True(version.Refused);
        Assert.Null(version.View);
        Assert.Equal(versions, await VersionCountAsync());
    }

    [Fact]
    public async Task The_guide_shows_the_newest_versions_five_phases_to_the_roles_with_personal_data_only()
    {
        const string NewPhaseItem = "Spørg den unge, hvad der skal til, for at aftalerne holder.";
        Assert.True((await EditAndPublishAsync(i => (i.NewSection, i.NewText) = (nameof(ChecklistSection.Phase4Agreements), NewPhaseItem))).Succeeded);
        var (_, version, items) = await NewestAsync();

        using var member = App.CreateBrowser();
        await member.SignInAsync("myndighed@sspkbh.dk");
        var guide = await member.GetAsync("/samtaler/guide");
        Assert.Equal(HttpStatusCode.OK, guide.Status);
        Assert.Contains($"version {version} ", guide.TestIdText("guide-version"), StringComparison.Ordinal);
        Assert.Equal(5, guide.TestIdTexts("guide-phase").Count);
        var during = items.Where(i => i.Section.StageOf() == ChecklistStage.During).ToList();
        Assert.Equal(during.Count, guide.TestIdTexts("guide-item").Count);
        Assert.Contains(guide.TestIdTexts("guide-item"), t => t.StartsWith(NewPhaseItem, StringComparison.Ordinal));
        Assert.All(during, i => Assert.Contains(guide.TestIdTexts("guide-item"), t => t.StartsWith(Page.Normalize(i.Text), StringComparison.Ordinal)));
        Assert.Equal(items.Count(i => i.Section.StageOf() == ChecklistStage.Before), guide.Document.QuerySelectorAll("[data-testid='guide-before'] li").Length);
        Assert.Equal(items.Count(i => i.Section.StageOf() == ChecklistStage.After), guide.Document.QuerySelectorAll("[data-testid='guide-after'] li").Length);
        Assert.Contains(Texts.ConversationGuide_PrintHint, guide.Text, StringComparison.Ordinal);

        foreach (var email in new[] { "sekretaer@sspkbh.dk", "leder@sspkbh.dk" })
        {
            using var allowed = App.CreateBrowser();
            await allowed.SignInAsync(email);
            Assert.Equal(HttpStatusCode.OK, (await allowed.GetAsync("/samtaler/guide")).Status);
        }

        foreach (var email in new[] { "ikke-myndighed@sspkbh.dk", "statistik@sspkbh.dk" })
        {
            using var refused = App.CreateBrowser();
            await refused.SignInAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await refused.GetAsync("/samtaler/guide")).Status);
        }
    }
}

public sealed class ChecklistAdminTestsSqlite(SqliteApp fixture) : ChecklistAdminTests(fixture), IClassFixture<SqliteApp>;

public sealed class ChecklistAdminTestsPostgres(PostgresApp fixture) : ChecklistAdminTests(fixture), IClassFixture<PostgresApp>;
