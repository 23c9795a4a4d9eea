using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Conversations;
using SspKbh.Web.Features.Admin.Checklists;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The interactive checklist editor (<see cref="ChecklistsPage"/>) and a published version
/// (<see cref="ChecklistVersionPage"/>) in bUnit over the real app and a real SQLite database: saving asks first and
/// then shows the new version, messages stand next to their fields and nothing is saved, and an edit of a version
/// someone else replaced meanwhile is refused with a way to load the newest one. The rules themselves:
/// <see cref="ChecklistAdminTests"/>.
/// </summary>
public sealed class ChecklistEditorComponentTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private const string Admin = "admin@sspkbh.dk";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private SspAppFactory App => fixture.App;

    private async Task<(int Version, int Count)> NewestAsync()
    {
        await using var db = App.CreateDbContext();
        return (await db.ChecklistTemplates.MaxAsync(t => t.Version), await db.ChecklistTemplates.CountAsync());
    }

    /// <summary>Clicks "save", answers the confirmation with <paramref name="button"/>, and waits until the save is done.</summary>
    private static async Task PublishAnsweringAsync(ComponentHost host, IRenderedComponent<ChecklistsPage> cut, string button, Action<string>? onDialog = null)
    {
        // The click's handler waits for the answer, so it is awaited only after the dialog has been answered.
        var publishing = cut.Find("[data-testid='publish-checklist']").ClickAsync(new MouseEventArgs());
        host.Dialogs.WaitForAssertion(() => Assert.NotEmpty(host.Dialogs.FindAll(".mud-dialog button")), Wait);
        onDialog?.Invoke(host.Dialogs.Markup);
        var buttons = host.Dialogs.FindAll(".mud-dialog button");
        await buttons.First(b => b.TextContent.Trim() == button).ClickAsync(new MouseEventArgs());
        await publishing.WaitAsync(Wait);
    }

    private static string? TestIdText(IRenderedComponent<ChecklistsPage> cut, string testId) =>
        cut.FindAll($"[data-testid='{testId}']") is { Count: > 0 } found ? found[0].TextContent.Trim() : null;

    [Fact]
    public async Task Saving_asks_first_then_publishes_the_next_version_and_shows_it()
    {
        var (version, _) = await NewestAsync();
        await using var host = await ComponentHost.ForAsync(App, Admin);
        var cut = host.RenderAt<ChecklistsPage>("/admin/tjeklister");
        cut.WaitForAssertion(() => Assert.Contains($"Nyeste version: {version},", TestIdText(cut, "newest-version"), StringComparison.Ordinal), Wait);

        const string Hint = "Fx hvis den unge har en fast kontaktperson i klubben.";
        await cut.Find("#item-hint-1").ChangeAsync(new ChangeEventArgs { Value = Hint });

        // Cancelling the question saves nothing.
        await PublishAnsweringAsync(host, cut, Texts.Cancel);
        host.Dialogs.WaitForAssertion(() => Assert.Empty(host.Dialogs.FindAll(".mud-dialog")), Wait);
        Assert.Equal(version, (await NewestAsync()).Version);

        await PublishAnsweringAsync(host, cut, string.Format(CultureInfo.CurrentCulture, Texts.ChecklistAdmin_PublishConfirmYes, version + 1),
            dialog => Assert.Contains(string.Format(CultureInfo.CurrentCulture, Texts.ChecklistAdmin_PublishConfirmTitle, version + 1), dialog, StringComparison.Ordinal));

        cut.WaitForAssertion(() => Assert.Contains(string.Format(CultureInfo.CurrentCulture, Texts.ChecklistAdmin_Published, version + 1),
            TestIdText(cut, "published"), StringComparison.Ordinal), Wait);
        Assert.Equal(version + 1, (await NewestAsync()).Version);
        Assert.Contains($"Nyeste version: {version + 1},", TestIdText(cut, "newest-version"), StringComparison.Ordinal);
        Assert.Equal(Hint, cut.Find("#item-hint-1").GetAttribute("value"));
        Assert.Equal((version + 1).ToString(CultureInfo.InvariantCulture), cut.FindAll("[data-testid='version-row'] th")[0].TextContent.Trim());
        Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == string.Format(CultureInfo.CurrentCulture, Texts.ChecklistAdmin_Published, version + 1));

        // The new version's page shows it as it was saved.
        host.Navigation.NavigateTo($"/admin/tjeklister/version/{version + 1}");
        var page = host.RenderPage<ChecklistVersionPage>(p => p.Add(x => x.Version, version + 1));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='version-item-text']")), Wait);
        Assert.Contains(Hint, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_gets_danish_messages_next_to_the_fields_and_nothing_is_saved()
    {
        var (_, count) = await NewestAsync();
        await using var host = await ComponentHost.ForAsync(App, Admin);
        var cut = host.RenderAt<ChecklistsPage>("/admin/tjeklister");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#item-text-0")), Wait);

        // An emptied item and a new item without a section.
        await cut.Find("#item-text-0").ChangeAsync(new ChangeEventArgs { Value = "" });
        await cut.Find("#new-text").ChangeAsync(new ChangeEventArgs { Value = "Et nyt punkt uden afsnit" });
        var next = int.Parse(TestIdText(cut, "newest-version")!.Split(':')[1].Split(',')[0].Trim(), CultureInfo.InvariantCulture) + 1;
        await PublishAnsweringAsync(host, cut, string.Format(CultureInfo.CurrentCulture, Texts.ChecklistAdmin_PublishConfirmYes, next));

        cut.WaitForAssertion(() => Assert.NotNull(TestIdText(cut, "error-summary")), Wait);
        Assert.Equal(Texts.ChecklistAdmin_TextRequired, cut.Find("#item-text-0-error").TextContent.Trim());
        Assert.Equal(Texts.ChecklistAdmin_SectionRequired, cut.Find("#new-section-error").TextContent.Trim());
        Assert.Contains("item-text-0-error", cut.Find("#item-text-0").GetAttribute("aria-describedby") ?? "", StringComparison.Ordinal);
        Assert.Equal("Et nyt punkt uden afsnit", cut.Find("#new-text").GetAttribute("value")); // kept to be corrected
        Assert.Empty(cut.FindAll("[data-testid='published']"));
        Assert.Equal(count, (await NewestAsync()).Count);
        Assert.Empty(cut.FindAll("[data-testid='circuit-error']"));
    }

    [Fact]
    public async Task An_edit_of_a_version_replaced_meanwhile_is_refused_with_a_way_to_load_the_newest()
    {
        await using var host = await ComponentHost.ForAsync(App, Admin);
        var cut = host.RenderAt<ChecklistsPage>("/admin/tjeklister");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#item-hint-0")), Wait);

        // Another administrator saves first.
        var other = await App.WithScopeAsync(async services =>
        {
            var checklists = services.GetRequiredService<ChecklistAdministration>();
            var admin = await AppHelpers.PrincipalAsync(services, Admin);
            var input = (await checklists.ViewAsync(admin, CancellationToken.None)).Input!;
            input.Items[0].Hint = "Første administrators hjælpetekst.";
            return await checklists.PublishAsync(input, admin, CancellationToken.None);
        });
        Assert.True(other.Succeeded);
        var (version, count) = await NewestAsync();

        await cut.Find("#item-hint-0").ChangeAsync(new ChangeEventArgs { Value = "Anden administrators hjælpetekst." });
        await PublishAnsweringAsync(host, cut, string.Format(CultureInfo.CurrentCulture, Texts.ChecklistAdmin_PublishConfirmYes, version));

        cut.WaitForAssertion(() => Assert.Contains(Texts.Concurrency_Conflict, TestIdText(cut, "error-summary"), StringComparison.Ordinal), Wait);
        Assert.Equal(count, (await NewestAsync()).Count);

        await cut.Find("[data-testid='reload-latest']").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Contains($"Nyeste version: {version},", TestIdText(cut, "newest-version"), StringComparison.Ordinal), Wait);
        Assert.Equal("Første administrators hjælpetekst.", cut.Find("#item-hint-0").GetAttribute("value"));
        Assert.Null(TestIdText(cut, "error-summary"));
    }
}
