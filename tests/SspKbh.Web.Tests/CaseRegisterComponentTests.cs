using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using SspKbh.Domain.Cases;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The interactive registration page over the real services (bUnit, ADR 0021): what the secretary is offered,
/// the Danish messages next to the fields (instantly, and the service's after a save), the duplicate check,
/// the search for a known young person, the lead rules, and hostile text that is never shown as markup.
/// </summary>
public abstract class CaseRegisterComponentTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Secretary = "sekretaer@sspkbh.dk";

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    private static IRenderedComponent<CaseRegister> Loaded(IRenderedComponent<CaseRegister> page)
    {
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.Form), TimeSpan.FromSeconds(20));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-progress-linear")), TimeSpan.FromSeconds(20));
        return page;
    }

    private static void Type(IRenderedComponent<CaseRegister> page, string id, string text) => page.Find($"#{id}").Input(text);

    /// <summary>Chooses a value in the select with this input id (MudSelect's list is a popover; its value callback is what a click ends in).</summary>
    private static async Task ChooseAsync<T>(IRenderedComponent<CaseRegister> page, string inputId, T value)
    {
        var select = page.FindComponents<MudSelect<T>>().Single(s => s.Instance.GetState(x => x.InputId) == inputId);
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    private static async Task ChooseLevelAsync(IRenderedComponent<CaseRegister> page, CaseLevel level)
    {
        var group = page.FindComponent<MudRadioGroup<CaseLevel?>>();
        await page.InvokeAsync(() => group.Instance.ValueChanged.InvokeAsync(level));
    }

    private static string ErrorText(IRenderedComponent<CaseRegister> page, string id) =>
        page.FindAll($"#{id}-error").Select(e => e.TextContent.Trim()).FirstOrDefault() ?? "";

    private async Task<int> IdOfAreaAsync(string name)
    {
        await using var db = App.CreateDbContext();
        return await db.LocalAreas.Where(a => a.Name == name).Select(a => a.Id).SingleAsync();
    }

    private async Task<int> PartyIdAsync(string code)
    {
        await using var db = App.CreateDbContext();
        return await db.Parties.Where(p => p.Code == code).Select(p => p.Id).SingleAsync();
    }

    private async Task<int> CountCasesAsync()
    {
        await using var db = App.CreateDbContext();
        return await db.Cases.CountAsync();
    }

    /// <summary>Fills a valid level-1 registration for a new young person, as the secretary would.</summary>
    private async Task FillLevel1Async(IRenderedComponent<CaseRegister> page, string name, string birthDate = "01.05.2012")
    {
        Type(page, "fullname", name);
        page.Find("#birthdate").Change(birthDate);
        await ChooseAsync<int?>(page, "area", await IdOfAreaAsync("Amager Øst"));
        await ChooseLevelAsync(page, CaseLevel.WorryingBehaviour);
        await ChooseAsync<CaseSource?>(page, "source", CaseSource.School);
        await ChooseAsync<int?>(page, "raisedby", await PartyIdAsync("BUF"));
        Type(page, "concern", "Meget fravær og sene aftener.");
    }

    private static async Task SubmitAsync(IRenderedComponent<CaseRegister> page) =>
        await page.InvokeAsync(() => page.Find("[data-testid='register-case']").Click());

    [Fact]
    public async Task A_secretary_registers_a_concern_sees_the_danish_confirmation_and_is_sent_to_the_case_page()
    {
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Loaded(host.RenderPage<CaseRegister>());
        Assert.Single(page.FindAll("h1"));
        Assert.Equal(Texts.Cases_New, page.Find("h1").TextContent.Trim());
        var areas = await App.WithScopeAsync(async s => await s.GetRequiredService<CaseRegistrationService>().RegistrableAreasAsync(host.User, CancellationToken.None));
        Assert.Equal(areas.Select(a => a.Name), page.Instance.Form!.Areas.Select(a => a.Text));
        Assert.Empty(page.FindAll("[data-testid='level-form']"));
        var name = Unique("Asger Testsen");

        await FillLevel1Async(page, name);
        await SubmitAsync(page);

        var navigation = host.Services.GetRequiredService<BunitNavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/sager/[0-9]+\\?oprettet=1$", navigation.Uri), TimeSpan.FromSeconds(20));
        Assert.False(navigation.History.First().Options.ForceLoad, "the case page is interactive: it opens in the same circuit");
        Assert.Contains(host.Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == Texts.CaseRegister_Created && s.Message == "Sagen er oprettet");
        var caseId = navigation.Uri.Split('/', '?')[^2];
        await using var db = App.CreateDbContext();
        var saved = await db.Cases.SingleAsync(c => c.Id == int.Parse(caseId, CultureInfo.InvariantCulture));
        Assert.Equal(name, await db.YoungPersons.Where(p => p.Id == saved.YoungPersonId).Select(p => p.FullName).SingleAsync());
        Assert.Equal(new DateOnly(2012, 5, 1), await db.YoungPersons.Where(p => p.Id == saved.YoungPersonId).Select(p => p.DateOfBirth).SingleAsync());
        Assert.Equal("BUF", await db.Parties.Where(p => p.Id == saved.LeadPartyId).Select(p => p.Code).SingleAsync());
        var audit = await App.AuditEntriesAsync(a => a.SubjectType == "case" && a.SubjectId == caseId);
        Assert.Contains(audit, a => a.Action == "case.create" && a.Outcome == "success");
        Assert.All(audit, a => Assert.DoesNotContain(name, a.Details ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_input_gets_danish_messages_next_to_the_fields_at_once_and_nothing_is_saved()
    {
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Loaded(host.RenderPage<CaseRegister>());
        var before = await CountCasesAsync();

        // Instantly, while typing.
        page.Find("#birthdate").Change(DateTime.Today.AddYears(1).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
        page.WaitForAssertion(() => Assert.Equal(Texts.Case_Validation_BirthDateInvalid, ErrorText(page, "birthdate")));
        Type(page, "cpr", "320112-1234");
        page.WaitForAssertion(() => Assert.Equal(Texts.Case_Validation_CprInvalid, ErrorText(page, "cpr")));
        Type(page, "c1email", "ikke en adresse");
        page.WaitForAssertion(() => Assert.Equal(Texts.Validation_EmailFormat, ErrorText(page, "c1email")));

        // On save: the required fields, and the summary announced (role=alert).
        await SubmitAsync(page);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='error-summary']")));
        Assert.Equal(Texts.Validation_NameRequired, ErrorText(page, "fullname"));
        Assert.Equal(Texts.Case_Validation_ConcernRequired, ErrorText(page, "concern"));
        Assert.Equal(Texts.Case_Validation_AreaRequired, ErrorText(page, "area"));
        Assert.Equal(Texts.Case_Validation_LevelRequired, ErrorText(page, "level"));
        Assert.Contains(Texts.Case_Validation_CprInvalid, page.Find("[data-testid='error-summary']").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid='error-summary']").Closest("[role='alert']"));
        Assert.Equal("/", new Uri(host.Services.GetRequiredService<NavigationManager>().Uri).AbsolutePath);
        Assert.Equal(before, await CountCasesAsync());
        Assert.Empty(page.FindAll("[data-testid='circuit-error']"));
    }

    [Fact]
    public async Task Levels_3_and_4_show_the_level_form_and_the_lead_rules_come_back_next_to_the_fields()
    {
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Loaded(host.RenderPage<CaseRegister>());
        var before = await CountCasesAsync();
        await FillLevel1Async(page, Unique("Uden skema"));

        // Each level is listed with its meaning.
        foreach (var level in Enum.GetValues<CaseLevel>())
        {
            Assert.Contains(CaseTexts.LevelMeaning(level), page.Find($"[data-testid='level-{(int)level}']").TextContent, StringComparison.Ordinal);
        }

        await ChooseLevelAsync(page, CaseLevel.CrimeDangerousToPersons);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='level-form']")));
        await SubmitAsync(page);
        page.WaitForAssertion(() => Assert.Equal(CaseTexts.FormFieldRequired("OffenceSituation"), ErrorText(page, "f-offence")));
        Assert.Equal(string.Format(CultureInfo.CurrentCulture, Texts.Case_Validation_FormFieldRequired, Texts.Case_Form_OffenceSituation), ErrorText(page, "f-offence"));
        Assert.Equal(CaseTexts.FormFieldRequired("TriedSoFar"), ErrorText(page, "f-tried"));
        Assert.Equal(before, await CountCasesAsync());

        foreach (var (id, text) in new[] { ("f-offence", "Røveri"), ("f-school", "Fravær"), ("f-leisure", "Ingen"), ("f-home", "Mor alene"), ("f-network", "Ældre venner"), ("f-tried", "Samtale") })
        {
            Type(page, id, text);
        }

        await SubmitAsync(page);
        page.WaitForAssertion(() => Assert.Equal(Texts.Error_LeadPersonRequired, ErrorText(page, "leaduser")));
        Assert.Equal(before, await CountCasesAsync());

        // Back to level 1 with the police as lead: a reason is needed.
        await ChooseLevelAsync(page, CaseLevel.WorryingBehaviour);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='level-form']")));
        await ChooseAsync<int?>(page, "leadparty", await PartyIdAsync("POL"));
        await SubmitAsync(page);
        page.WaitForAssertion(() => Assert.Equal(Texts.Error_LeadOverrideNeedsReason, ErrorText(page, "leadreason")));
        Assert.Equal(before, await CountCasesAsync());
    }

    [Fact]
    public async Task A_known_young_person_is_offered_after_save_and_choosing_him_registers_without_a_duplicate()
    {
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Loaded(host.RenderPage<CaseRegister>());
        await using var db = App.CreateDbContext();
        var people = await db.YoungPersons.CountAsync();
        await FillLevel1Async(page, "Et andet navn", "14.06.2012");
        Type(page, "cpr", "1406124117");

        await SubmitAsync(page);

        page.WaitForAssertion(() => Assert.Contains("Yusuf Amin", page.Find("[data-testid='person-matches']").TextContent, StringComparison.Ordinal));
        Assert.Equal(Texts.Case_Validation_PersonExists, ErrorText(page, "cpr"));
        Assert.Equal(people, await db.YoungPersons.CountAsync());

        var yusuf = await db.YoungPersons.Where(p => p.FullName == "Yusuf Amin").Select(p => p.Id).SingleAsync();
        var matches = page.FindComponents<MudRadioGroup<int?>>().Single();
        await page.InvokeAsync(() => matches.Instance.ValueChanged.InvokeAsync(yusuf));
        page.WaitForAssertion(() => Assert.Contains("Yusuf Amin, født 14.06.2012", page.Find("[data-testid='chosen-person']").TextContent, StringComparison.Ordinal));

        // He has an open case: it is offered with a link at once, and a case more is refused without a reason (issue 16 #2).
        var openCase = await db.Cases.Where(c => c.YoungPersonId == yusuf && c.Status != CaseStatus.Closed).OrderBy(c => c.Id).FirstAsync();
        page.WaitForAssertion(() => Assert.Equal($"/sager/{openCase.Id}", page.Find("[data-testid='open-cases'] [data-testid='open-case-link']").GetAttribute("href")));
        Assert.Contains(openCase.CaseNumber, page.Find("[data-testid='open-cases']").TextContent, StringComparison.Ordinal);
        var cases = await db.Cases.CountAsync();
        await SubmitAsync(page);
        page.WaitForAssertion(() => Assert.Equal(string.Format(CultureInfo.CurrentCulture, Texts.Case_Validation_OpenCaseExists, "Yusuf Amin"), ErrorText(page, "secondreason")));
        Assert.Equal(cases, await db.Cases.CountAsync());

        Type(page, "secondreason", "Politiet ønsker den nye anmeldelse fulgt for sig.");
        await SubmitAsync(page);

        var navigation = host.Services.GetRequiredService<BunitNavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/sager/[0-9]+\\?oprettet=1$", navigation.Uri), TimeSpan.FromSeconds(20));
        Assert.Equal(people, await db.YoungPersons.CountAsync());
        var caseId = int.Parse(navigation.Uri.Split('/', '?')[^2], CultureInfo.InvariantCulture);
        Assert.Equal(yusuf, await db.Cases.Where(c => c.Id == caseId).Select(c => c.YoungPersonId).SingleAsync());
    }

    [Fact]
    public async Task The_same_name_with_a_nearby_birth_date_is_flagged_and_the_secretary_can_say_it_is_another_young_person()
    {
        var name = $"Dublet {Guid.NewGuid().ToString("N")[..8]}";
        await using (var first = await ComponentHost.ForAsync(App, Secretary))
        {
            var firstPage = Loaded(first.RenderPage<CaseRegister>());
            await FillLevel1Async(firstPage, name, "01.05.2012");
            await SubmitAsync(firstPage);
            var firstNavigation = first.Services.GetRequiredService<BunitNavigationManager>();
            firstPage.WaitForAssertion(() => Assert.Matches("/sager/[0-9]+\\?oprettet=1$", firstNavigation.Uri), TimeSpan.FromSeconds(20));
        }

        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Loaded(host.RenderPage<CaseRegister>());
        await FillLevel1Async(page, name, "20.11.2012");
        await SubmitAsync(page);
        page.WaitForAssertion(() => Assert.Contains("01.05.2012", page.Find("[data-testid='person-matches']").TextContent, StringComparison.Ordinal));
        Assert.Equal(Texts.Case_Validation_PossibleDuplicate, ErrorText(page, "fullname"));
        Assert.Contains(Texts.CaseRegister_NotAnyOfThese, page.Find("[data-testid='person-matches']").TextContent, StringComparison.Ordinal);

        var choice = page.FindComponents<MudRadioGroup<int?>>().Single();
        await page.InvokeAsync(() => choice.Instance.ValueChanged.InvokeAsync(0));
        Assert.True(page.Instance.Input!.NewPersonConfirmed);
        Assert.Null(page.Instance.Input.ExistingPersonId);
        await SubmitAsync(page);

        var navigation = host.Services.GetRequiredService<BunitNavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/sager/[0-9]+\\?oprettet=1$", navigation.Uri), TimeSpan.FromSeconds(20));
        await using var db = App.CreateDbContext();
        Assert.Equal(2, await db.YoungPersons.CountAsync(p => p.FullName == name));
    }

    [Fact]
    public async Task The_search_finds_a_known_young_person_in_scope_and_choosing_shows_who_with_birth_date()
    {
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Loaded(host.RenderPage<CaseRegister>());
        var search = page.FindComponent<MudAutocomplete<PersonMatch>>();

        async Task<List<PersonMatch>> SearchAsync(string term) =>
            ((await page.InvokeAsync(() => search.Instance.SearchFunc!(term, CancellationToken.None)!)) ?? []).ToList();
        var found = await SearchAsync("yusuf");
        Assert.Contains(found, p => p.FullName == "Yusuf Amin");
        Assert.Empty(await SearchAsync("Elias Madsen")); // Valby: not hers
        Assert.Empty(await SearchAsync("Sara Jensen")); // Amager Vest: not hers
        Assert.Equal("200", page.Find("#person-search").GetAttribute("maxlength"));

        await page.InvokeAsync(() => search.Instance.ValueChanged.InvokeAsync(found.First(p => p.FullName == "Yusuf Amin")));

        page.WaitForAssertion(() => Assert.Contains("Yusuf Amin, født 14.06.2012", page.Find("[data-testid='chosen-person']").TextContent, StringComparison.Ordinal));
        Assert.Equal(found.First(p => p.FullName == "Yusuf Amin").Id, page.Instance.Input!.ExistingPersonId);
        Assert.Empty(page.FindAll("#fullname"));
        Assert.Empty(page.FindAll("#birthdate"));

        await page.InvokeAsync(() => page.Find("[data-testid='clear-person']").Click());
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#fullname")));
        Assert.Null(page.Instance.Input!.ExistingPersonId);
    }

    [Fact]
    public async Task Every_text_field_is_limited_to_the_validators_length_and_says_when_text_was_cut()
    {
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Loaded(host.RenderPage<CaseRegister>());
        await ChooseLevelAsync(page, CaseLevel.RepeatedSeriousCrime);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='level-form']")));
        var limits = new Dictionary<string, int>
        {
            ["fullname"] = 200, ["cpr"] = 11, ["address"] = 300, ["school"] = 200, ["club"] = 200,
            ["c1name"] = 200, ["c1rel"] = 100, ["c1phone"] = 50, ["c1email"] = 256, ["c2name"] = 200, ["c2rel"] = 100, ["c2phone"] = 50, ["c2email"] = 256,
            ["raisedbyname"] = 200, ["concern"] = 4000, ["leadreason"] = 1000,
            ["f-offence"] = 4000, ["f-school"] = 4000, ["f-leisure"] = 4000, ["f-home"] = 4000, ["f-network"] = 4000, ["f-tried"] = 4000,
        };
        foreach (var (id, max) in limits)
        {
            Assert.Equal(max.ToString(CultureInfo.InvariantCulture), page.Find($"#{id}").GetAttribute("maxlength"));
        }

        // The browser cuts a paste at maxlength; what arrives is exactly the limit, and the field says so.
        Type(page, "concern", new string('x', 4000));
        page.WaitForAssertion(() => Assert.Contains(string.Format(CultureInfo.GetCultureInfo("da-DK"), Texts.Validation_CutAtMax, 4000), page.Markup, StringComparison.Ordinal));
        Assert.Contains("Teksten er skåret af ved 4000 tegn.", page.Markup, StringComparison.Ordinal);
        Type(page, "fullname", new string('y', 200));
        page.WaitForAssertion(() => Assert.Contains("Teksten er skåret af ved 200 tegn.", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Script_and_sql_typed_into_the_form_are_shown_as_text_never_as_markup_and_nothing_is_saved_from_bad_input()
    {
        await using var host = await ComponentHost.ForAsync(App, Secretary);
        var page = Loaded(host.RenderPage<CaseRegister>());
        var before = await CountCasesAsync();

        Type(page, "fullname", "<script>alert(1)</script>");
        Type(page, "concern", "\"><img src=x onerror=alert(1)>");
        Type(page, "school", "'; DROP TABLE \"Cases\"; --");
        Type(page, "cpr", "<script>alert(1)</script>");
        page.Find("#birthdate").Change("x"); // not a date: the typed picker keeps no value
        await SubmitAsync(page);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='error-summary']")));
        Assert.Empty(page.FindAll("script"));
        Assert.Empty(page.FindAll("img[onerror]"));
        // The payloads appear only as the values of the inputs they were typed into (as text, never as elements).
        var carriers = page.FindAll("*").Where(e => e.Attributes.Any(a => a.Value.Contains("alert(1)", StringComparison.Ordinal))).ToList();
        Assert.All(carriers, e => Assert.True(e.TagName is "INPUT" or "TEXTAREA", $"payload in <{e.TagName}>"));
        Assert.All(carriers, e => Assert.All(e.Attributes.Where(a => a.Value.Contains("alert(1)", StringComparison.Ordinal)), a => Assert.Equal("value", a.Name)));
        Assert.DoesNotContain(page.FindAll("*"), e => e.ChildNodes.OfType<IText>().Any(t => t.Data.Contains("<script>alert(1)</script>", StringComparison.Ordinal)) && e.TagName != "TEXTAREA");
        Assert.DoesNotContain(page.FindAll("*").SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) && a.Value.Contains("alert(1)", StringComparison.Ordinal));
        Assert.Equal(Texts.Case_Validation_CprInvalid, ErrorText(page, "cpr"));
        Assert.Null(page.Instance.Input!.DateOfBirth);
        Assert.NotEqual("", ErrorText(page, "birthdate"));
        Assert.DoesNotContain("not", ErrorText(page, "birthdate"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await CountCasesAsync());
        Assert.Empty(page.FindAll("[data-testid='circuit-error']"));
    }

    [Theory]
    [InlineData("admin@sspkbh.dk")]
    [InlineData("leder@sspkbh.dk")]
    public async Task A_user_without_a_koordinationsgruppe_gets_the_no_groups_message_and_no_form(string email)
    {
        await using var host = await ComponentHost.ForAsync(App, email);
        var page = Loaded(host.RenderPage<CaseRegister>());

        Assert.Equal(Texts.CaseRegister_NoGroups, page.Find("[data-testid='no-groups']").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid='register-case']"));
        Assert.Empty(page.FindAll("#fullname"));
    }

    [Fact]
    public void What_the_user_types_is_kept_in_persistent_state_across_a_reconnect()
    {
        // The page's typed text (the concern and the level form's long texts among it) lives in the model that
        // Blazor persists with the circuit's state; the browser test shows it surviving a dropped connection.
        var input = typeof(CaseRegister).GetProperty(nameof(CaseRegister.Input))!;
        Assert.NotNull(input.GetCustomAttributes(typeof(PersistentStateAttribute), inherit: true).SingleOrDefault());
        Assert.Equal(typeof(RegisterCaseInput), input.PropertyType);
        foreach (var field in new[] { nameof(RegisterCaseInput.Concern), nameof(RegisterCaseInput.FormOffenceSituation), nameof(RegisterCaseInput.FormTriedSoFar) })
        {
            var original = new RegisterCaseInput();
            typeof(RegisterCaseInput).GetProperty(field)!.SetValue(original, "Skrevet før forbindelsen faldt ud");
            var restored = System.Text.Json.JsonSerializer.Deserialize<RegisterCaseInput>(System.Text.Json.JsonSerializer.Serialize(original))!;
            Assert.Equal("Skrevet før forbindelsen faldt ud", typeof(RegisterCaseInput).GetProperty(field)!.GetValue(restored));
        }
    }
}

public sealed class CaseRegisterComponentTestsSqlite(SqliteApp fixture) : CaseRegisterComponentTests(fixture), IClassFixture<SqliteApp>;

public sealed class CaseRegisterComponentTestsPostgres(PostgresApp fixture) : CaseRegisterComponentTests(fixture), IClassFixture<PostgresApp>;
