using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Audit;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The checklist editor (/admin/tjeklister) and the conversation guide (/samtaler/guide) over HTTP with
/// JavaScript off: an edit becomes a new version, the old version and the records that use it stay as they
/// were, bad input and stale forms save nothing, and only administrators edit.
/// </summary>
public abstract class ChecklistAdminTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Admin = "admin@sspkbh.dk";
    private const string Form = "checklist";

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

    private static string Field(int index, string property) => $"Input.Items[{index}].{property}";

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

        var answer = await admin.SubmitAsync(page, Form,
        [
            new(Field(0, "Text"), "  Aftal på mødet, hvem der deltager, og hvad hver især bidrager med.  "),
            new(Field(0, "Hint"), ""),
            new(Field(1, "Remove"), "true"),
            new("Input.NewSection", nameof(ChecklistSection.Phase3Mapping)),
            new("Input.NewText", "Spørg ind til, hvad der går godt i den unges hverdag."),
            new("Input.NewHint", "Fx venner, fritid og skole."),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, answer.Status);
        Assert.Equal($"/admin/tjeklister?udgivet={oldVersion + 1}", TestBrowser.Location(answer.Response));

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

        var after = await admin.GetAsync($"/admin/tjeklister?udgivet={newVersion}");
        Assert.Contains(string.Format(CultureInfo.CurrentCulture, Texts.ChecklistAdmin_Published, newVersion), after.TestIdText("published"), StringComparison.Ordinal);
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
        using var admin = App.CreateBrowser();
        await admin.SignInAsync(Admin);
        var page = await admin.GetAsync("/admin/tjeklister");

        async Task<Page> PostAsync(params (string Name, string? Value)[] changes)
        {
            var answer = await admin.SubmitAsync(page, Form, changes.Select(c => new KeyValuePair<string, string?>(c.Name, c.Value)));
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.NotNull(answer.TestIdText("error-summary"));
            Assert.Equal(versions, await VersionCountAsync());
            return answer;
        }

        var empty = await PostAsync((Field(2, "Text"), "   "));
        Assert.Equal([Texts.ChecklistAdmin_TextRequired], empty.FieldErrors("item-text-2"));
        // The other items keep what was posted.
        Assert.Equal(items[3].Text, empty.Document.GetElementById("item-text-3")!.GetAttribute("value"));

        var tooLong = await PostAsync((Field(0, "Text"), new string('a', ChecklistTemplateItem.TextMaxLength + 1)), (Field(0, "Hint"), new string('b', ChecklistTemplateItem.HintMaxLength + 1)));
        Assert.Equal([string.Format(CultureInfo.CurrentCulture, Texts.ChecklistAdmin_TextTooLong, ChecklistTemplateItem.TextMaxLength)], tooLong.FieldErrors("item-text-0"));
        Assert.Equal([string.Format(CultureInfo.CurrentCulture, Texts.ChecklistAdmin_HintTooLong, ChecklistTemplateItem.HintMaxLength)], tooLong.FieldErrors("item-hint-0"));

        var unknownSection = await PostAsync(("Input.NewSection", "IkkeEtAfsnit"), ("Input.NewText", "Et nyt punkt"));
        Assert.Equal([Texts.ChecklistAdmin_SectionUnknown], unknownSection.FieldErrors("new-section"));
        var numericSection = await PostAsync(("Input.NewSection", "999"), ("Input.NewText", "Et nyt punkt"));
        Assert.Equal([Texts.ChecklistAdmin_SectionUnknown], numericSection.FieldErrors("new-section"));
        var noSection = await PostAsync(("Input.NewText", "Et nyt punkt"));
        Assert.Equal([Texts.ChecklistAdmin_SectionRequired], noSection.FieldErrors("new-section"));
        var hintOnly = await PostAsync(("Input.NewSection", nameof(ChecklistSection.After)), ("Input.NewHint", "Kun en hjælpetekst"));
        Assert.Equal([Texts.ChecklistAdmin_TextRequired], hintOnly.FieldErrors("new-text"));

        // More items than a version may hold: forged extra rows plus the new item.
        var extra = Enumerable.Range(items.Count, ChecklistTemplate.MaxItems - items.Count)
            .SelectMany(i => new (string, string?)[] { (Field(i, "Section"), nameof(ChecklistSection.After)), (Field(i, "Text"), $"Ekstra {i}") });
        var tooMany = await PostAsync(extra.Concat(new (string, string?)[] { ("Input.NewSection", nameof(ChecklistSection.After)), ("Input.NewText", "Et punkt for meget") }).ToArray());
        Assert.Equal([string.Format(CultureInfo.CurrentCulture, Texts.ChecklistAdmin_TooManyItems, ChecklistTemplate.MaxItems)], tooMany.FieldErrors("new-text"));

        var allRemoved = await PostAsync(Enumerable.Range(0, items.Count).Select(i => (Field(i, "Remove"), (string?)"true")).ToArray());
        Assert.Contains(Texts.ChecklistAdmin_Empty, allRemoved.TestIdText("error-summary"), StringComparison.Ordinal);

        var unchanged = await PostAsync();
        Assert.Contains(Texts.ChecklistAdmin_NoChanges, unchanged.TestIdText("error-summary"), StringComparison.Ordinal);

        // Forged hidden fields and checkbox values: refused as a whole, the newest version shown again.
        foreach (var forged in new (string, string?)[] { (Field(0, "Section"), "999"), (Field(0, "Remove"), "abc"), ("Input.Version", "abc") })
        {
            var answer = await PostAsync((Field(0, "Text"), "Ændret"), forged);
            Assert.Contains(Texts.ChecklistAdmin_Invalid, answer.TestIdText("error-summary"), StringComparison.Ordinal);
            Assert.Equal(items[0].Text, answer.Document.GetElementById("item-text-0")!.GetAttribute("value"));
        }

        var newest = await NewestAsync();
        Assert.Equal(version, newest.Version);
        Assert.Equal(items, newest.Items);
    }

    [Fact]
    public async Task A_stale_form_is_refused_when_another_administrator_published_meanwhile()
    {
        using var first = App.CreateBrowser();
        await first.SignInAsync(Admin);
        using var second = App.CreateBrowser();
        await second.SignInAsync(Admin);
        var firstPage = await first.GetAsync("/admin/tjeklister");
        var secondPage = await second.GetAsync("/admin/tjeklister");
        var (_, version, _) = await NewestAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(firstPage, Form, [new(Field(0, "Hint"), "Første administrators hjælpetekst.")])).Status);
        var versions = await VersionCountAsync();

        var stale = await second.SubmitAsync(secondPage, Form, [new(Field(0, "Hint"), "Anden administrators hjælpetekst.")]);
        Assert.Equal(HttpStatusCode.OK, stale.Status);
        Assert.Contains(Texts.Concurrency_Conflict, stale.TestIdText("error-summary"), StringComparison.Ordinal);
        Assert.NotNull(stale.TestIdText("reload-latest"));
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
        using var admin = App.CreateBrowser();
        await admin.SignInAsync(Admin);
        var form = HtmlForms.Collect((await admin.GetAsync("/admin/tjeklister")).Form(Form));

        using var browser = App.CreateBrowser();
        await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/admin/tjeklister")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/admin/tjeklister/version/1")).Status);
        // A post with a complete, changed form (the admin's antiforgery token is not the user's, so take the user's own).
        var token = (await browser.GetAsync("/konto")).Document.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value");
        form.RemoveAll(f => f.Key is "__RequestVerificationToken" || f.Key == Field(0, "Text"));
        form.Add(new(Field(0, "Text"), "Ændret af en uden adgang"));
        if (token is not null)
        {
            form.Add(new("__RequestVerificationToken", token));
        }

        var post = await browser.PostFormAsync("/admin/tjeklister", form);
        Assert.True(post.Status is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"answered {(int)post.Status}");
        Assert.Equal(versions, await VersionCountAsync());
    }

    [Fact]
    public async Task The_guide_shows_the_newest_versions_five_phases_to_the_roles_with_personal_data_only()
    {
        using var admin = App.CreateBrowser();
        await admin.SignInAsync(Admin);
        var page = await admin.GetAsync("/admin/tjeklister");
        const string NewPhaseItem = "Spørg den unge, hvad der skal til, for at aftalerne holder.";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, Form,
            [new("Input.NewSection", nameof(ChecklistSection.Phase4Agreements)), new("Input.NewText", NewPhaseItem)])).Status);
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
