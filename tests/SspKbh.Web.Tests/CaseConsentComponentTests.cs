using System.Globalization;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Consents;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Cases.Dialogs;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The consent register in the case page's "Samtykker og adgang" tab, over the real services (bUnit, ADR 0021): the
/// consent dialog with the validator's Danish messages next to its fields and the service's own after a save, a new
/// consent in the table, withdrawing in place, the conflict when someone withdrew first, and no buttons for those who
/// may only read. The service's rules and hostile input are in ConsentRegisterHostileInputTests and BoundaryTests.
/// </summary>
public abstract class CaseConsentComponentTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Secretary = "sekretaer@sspkbh.dk";
    private const string Police = "myndighed@sspkbh.dk";
    private const string Leader = "leder@sspkbh.dk";

    private static readonly TimeSpan Patience = CasePageSteps.Patience;

    private DateOnly Today => DanishTime.Today(App.Clock);

    private static string Date(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    private static async Task TickAsync(IRenderedComponent<MudDialogProvider> dialogs, string testId) =>
        await dialogs.InvokeAsync(() => dialogs.Find($"input[data-testid='{testId}'], [data-testid='{testId}'] input").Change(true));

    private async Task<int> ConsentCountAsync(int caseId)
    {
        await using var db = App.CreateDbContext();
        var personId = await db.Cases.Where(c => c.Id == caseId).Select(c => c.YoungPersonId).SingleAsync();
        return await db.Consents.CountAsync(c => c.YoungPersonId == personId);
    }

    private async Task<string> AddCustodyHolderAsync(int caseId)
    {
        await using var db = App.CreateDbContext();
        var personId = await db.Cases.Where(c => c.Id == caseId).Select(c => c.YoungPersonId).SingleAsync();
        var holder = new CustodyHolder { YoungPersonId = personId, FullName = $"Mor {Guid.NewGuid().ToString("N")[..6]}" };
        db.CustodyHolders.Add(holder);
        await db.SaveChangesAsync();
        return holder.FullName;
    }

    [Fact]
    public async Task Recording_with_bad_input_shows_danish_messages_at_the_fields_and_saves_nothing_and_a_valid_consent_shows_in_the_table()
    {
        var (caseId, _) = await App.NewCaseAsync("Amager Øst");
        var holder = await AddCustodyHolderAsync(caseId);
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = host.OpenCase(caseId);
        Assert.NotEmpty(page.FindAll("[data-testid='no-consents']"));
        await page.ClickAsync("record-consent");
        var dialogs = host.Dialogs;
        dialogs.WaitForElement("[data-testid='consent-dialog'] form", Patience);

        // Given by a custody holder, but which one, what and for whom is missing, and it expires before it was given.
        await dialogs.ChooseAsync<ConsentGiver?>("givenby", ConsentGiver.CustodyHolder);
        dialogs.WaitForElement("#custodyholder", Patience);
        dialogs.Find("#expireson").Change(Date(Today.AddDays(-30)));
        await dialogs.ClickAsync("save-consent");
        dialogs.WaitForAssertion(() => Assert.Equal(Texts.Error_ConsentCustodyHolderRequired, dialogs.ErrorText("custodyholder")), Patience);
        Assert.Equal(Texts.Error_ConsentInformationRequired, dialogs.ErrorText("information"));
        Assert.Equal(Texts.Error_ConsentRecipientRequired, dialogs.ErrorText("recipients"));
        Assert.Equal(Texts.Error_ConsentExpiresBeforeGiven, dialogs.ErrorText("expireson"));
        Assert.Contains(Texts.Error_ConsentRecipientRequired, dialogs.Find("[data-testid='error-summary']").TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await ConsentCountAsync(caseId));

        // Ticking in a group answers at once.
        await TickAsync(dialogs, "party-BOLIG");
        dialogs.WaitForAssertion(() => Assert.Equal("", dialogs.ErrorText("recipients")), Patience);
        await TickAsync(dialogs, "information-identity");
        dialogs.WaitForAssertion(() => Assert.Equal("", dialogs.ErrorText("information")), Patience);
        var bolig = dialogs.Find("[data-testid='party-BOLIG']");
        Assert.Contains(Texts.Consent_NonAuthorityParty, (bolig.Closest("label") ?? bolig).TextContent, StringComparison.Ordinal);

        // The form's rules pass; the service's own rule (not given in the future) answers after the save, next to its field.
        await dialogs.ChooseAsync<int?>("custodyholder", await HolderIdAsync(caseId));
        await dialogs.ChooseAsync<ConsentPurpose?>("purpose", ConsentPurpose.JointEffort);
        dialogs.Find("#givenon").Change(Date(Today.AddDays(1)));
        dialogs.Find("#expireson").Change(Date(Today.AddMonths(3)));
        await dialogs.ClickAsync("save-consent");
        dialogs.WaitForAssertion(() => Assert.Equal(Texts.Error_ConsentGivenInFuture, dialogs.ErrorText("givenon")), Patience);
        Assert.NotEmpty(dialogs.FindAll("[data-testid='consent-dialog']"));
        Assert.Equal(0, await ConsentCountAsync(caseId));

        dialogs.Find("#givenon").Change(Date(Today));
        await dialogs.ClickAsync("save-consent");
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid='consent-dialog']")), Patience);
        page.WaitForAssertion(() => Assert.Contains("Boligsociale helhedsplaner", page.TestIdText("consents"), StringComparison.Ordinal), Patience);
        var row = page.Find("[data-testid='consent-row']").TextContent;
        Assert.Contains(holder, row, StringComparison.Ordinal);
        Assert.Contains(Texts.ConsentState_Active, row, StringComparison.Ordinal);
        Assert.Contains($"{Date(Today)} – {Date(Today.AddMonths(3))}", row, StringComparison.Ordinal);
        Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.CaseSaved_Consent);
        Assert.Equal(1, await ConsentCountAsync(caseId));
    }

    private async Task<int?> HolderIdAsync(int caseId)
    {
        await using var db = App.CreateDbContext();
        var personId = await db.Cases.Where(c => c.Id == caseId).Select(c => c.YoungPersonId).SingleAsync();
        return await db.CustodyHolders.Where(h => h.YoungPersonId == personId).Select(h => (int?)h.Id).FirstAsync();
    }

    [Fact]
    public async Task Withdrawing_a_consent_is_confirmed_first_and_then_updates_its_state_in_place()
    {
        var (caseId, _) = await App.NewCaseAsync("Amager Øst");
        var (consentId, _) = await App.NewConsentAsync(caseId);
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = host.OpenCase(caseId);
        Assert.Equal(Texts.ConsentState_Active, page.TestIdText("consent-state").Trim());

        // The question names who loses access; keeping the consent changes nothing.
        var withdrawals = (await App.AuditEntriesAsync()).Count(a => a.Action == "consent.withdraw");
        await page.ClickAsync("withdraw-consent");
        host.Dialogs.WaitForAssertion(() => Assert.Contains(Texts.Consent_WithdrawConfirmTitle, host.Dialogs.Markup, StringComparison.Ordinal), Patience);
        Assert.Contains("Boligsociale helhedsplaner", host.Dialogs.Find(".mud-message-box").TextContent, StringComparison.Ordinal);
        await host.Dialogs.AnswerAsync(Texts.Consent_WithdrawKeep);
        Assert.Equal(Texts.ConsentState_Active, page.TestIdText("consent-state").Trim());
        Assert.Equal(withdrawals, (await App.AuditEntriesAsync()).Count(a => a.Action == "consent.withdraw"));
        await using (var unchanged = App.CreateDbContext())
        {
            Assert.Null(await unchanged.Consents.Where(c => c.Id == consentId).Select(c => c.WithdrawnOn).SingleAsync());
        }

        await page.ClickAsync("withdraw-consent");
        await host.Dialogs.AnswerAsync(Texts.Consent_Withdraw);
        page.WaitForAssertion(() => Assert.Contains("Tilbagekaldt", page.TestIdText("consent-state"), StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("[data-testid='withdraw-consent']"));
        Assert.Contains(host.Snackbars.ShownSnackbars, s => s.Message == Texts.CaseSaved_ConsentWithdrawn);
        await using var db = App.CreateDbContext();
        Assert.Equal(Today, await db.Consents.Where(c => c.Id == consentId).Select(c => c.WithdrawnOn).SingleAsync());
    }

    [Fact]
    public async Task The_second_of_two_people_withdrawing_the_same_consent_gets_the_conflict_and_can_fetch_the_newest_version()
    {
        var (caseId, _) = await App.NewCaseAsync("Amager Øst");
        await App.NewConsentAsync(caseId);
        await using var first = await ComponentHost.ForAsync(App, Secretary);
        await using var second = await ComponentHost.ForAsync(App, Police);
        var firstPage = first.OpenCase(caseId);
        var secondPage = second.OpenCase(caseId);

        await firstPage.ClickAsync("withdraw-consent");
        await first.Dialogs.AnswerAsync(Texts.Consent_Withdraw);
        firstPage.WaitForAssertion(() => Assert.Contains("Tilbagekaldt", firstPage.TestIdText("consent-state"), StringComparison.Ordinal), Patience);
        var audited = (await App.AuditEntriesAsync()).Count(a => a.Action == "consent.withdraw" && a.Outcome == "success");

        await secondPage.ClickAsync("withdraw-consent");
        await second.Dialogs.AnswerAsync(Texts.Consent_Withdraw);
        secondPage.WaitForAssertion(() => Assert.Contains(Texts.Concurrency_Conflict, secondPage.TestIdText("case-action-error"), StringComparison.Ordinal), Patience);
        Assert.Equal(audited, (await App.AuditEntriesAsync()).Count(a => a.Action == "consent.withdraw" && a.Outcome == "success"));
        Assert.Equal(Texts.ConsentState_Active, secondPage.TestIdText("consent-state").Trim());

        await secondPage.ClickAsync("reload-latest");
        secondPage.WaitForAssertion(() => Assert.Contains("Tilbagekaldt", secondPage.TestIdText("consent-state"), StringComparison.Ordinal), Patience);
        Assert.Empty(secondPage.FindAll("[data-testid='case-action-error']"));
        Assert.Empty(secondPage.FindAll("[data-testid='withdraw-consent']"));
    }

    [Fact]
    public async Task Someone_outside_the_koordinationsgruppe_sees_the_consents_but_no_record_or_withdraw_buttons_and_the_dialog_refuses_them()
    {
        var (caseId, _) = await App.NewCaseAsync("Amager Øst", CaseLevel.RepeatedSeriousCrime);
        await App.NewConsentAsync(caseId);
        await using var host = await ComponentHost.ForAsync(App, Leader);
        var page = host.OpenCase(caseId);
        Assert.Equal(CaseAccessBasis.LeaderGroupReview, page.Instance.State!.View!.Basis);
        Assert.Contains("Boligsociale helhedsplaner", page.TestIdText("consents"), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid='record-consent']"));
        Assert.Empty(page.FindAll("[data-testid='withdraw-consent']"));

        // Buttons are only hidden: the register refuses the leader whatever the circuit sends.
        var dialogs = host.Dialogs;
        var service = host.Services.GetRequiredService<IDialogService>();
        await dialogs.InvokeAsync(() => service.ShowAsync<ConsentDialog>("", new DialogParameters { ["CaseId"] = caseId }));
        dialogs.WaitForElement("[data-testid='dialog-refused']", Patience);
        Assert.Empty(dialogs.FindAll("[data-testid='save-consent']"));
    }
}

public sealed class CaseConsentComponentTestsSqlite(SqliteApp fixture) : CaseConsentComponentTests(fixture), IClassFixture<SqliteApp>;

public sealed class CaseConsentComponentTestsPostgres(PostgresApp fixture) : CaseConsentComponentTests(fixture), IClassFixture<PostgresApp>;
