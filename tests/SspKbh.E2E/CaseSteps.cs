using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace SspKbh.E2E;

/// <summary>A fictional young person and the concern about them.</summary>
public sealed record YoungPersonData(string Name, DateOnly BirthDate, string School, string CustodyName, string CustodyRelation, string Concern);

/// <summary>
/// The case pages, used as a person uses them (links, labels, buttons), shared by the journey and the
/// accessibility tests. The case list, the registration page and the case page with its dialogs are interactive
/// (MudBlazor): the steps wait for the circuit and then type, pick and click as a person does.
/// </summary>
public static partial class CaseSteps
{
    public const string Secretary = "sekretaer@sspkbh.dk";
    public const string Leader = "leder@sspkbh.dk";

    public const string FormFieldRequired = "det kræves på niveau 3 og 4.";
    public const string LeadPersonRequired = "Fra niveau 2 skal der udpeges en navngiven tovholder.";

    /// <summary>The six fields of the standardised level 3–4 form, by input id.</summary>
    public static readonly IReadOnlyList<(string Id, string Text)> LevelForm =
    [
        ("f-offence", "Slog en jævnaldrende ned ved stationen og tog hans telefon."),
        ("f-school", "Fravær hver uge siden efterårsferien; skolen har holdt to møder med hjemmet."),
        ("f-leisure", "Er stoppet til håndbold og kommer ikke længere i klubben."),
        ("f-home", "Bor hos mor, som gerne vil samarbejde, men har svært ved at sætte grænser."),
        ("f-network", "Omgås en gruppe ældre unge fra bebyggelsen."),
        ("f-tried", "Samtale med klubmedarbejder og et møde på skolen med forældrene."),
    ];

    /// <summary>An age SSP works with (about 14), counted from the machine's date; the app's may be later.</summary>
    public static DateOnly BirthDateAged14 => DateOnly.FromDateTime(DateTime.Today).AddYears(-14).AddDays(-47);

    /// <summary>Opens a page, is sent to the login page, signs in and lands on the page.</summary>
    public static async Task SignInAsync(TrackedPage tracked, string email, string path = "/sager")
    {
        await tracked.GotoAsync(path);
        await tracked.SubmitLoginAsync(email);
        await tracked.ExpectUrlAsync(PathUrl(path), $"{path} after signing in as {email}");
    }

    /// <summary>
    /// From the case list: the "Registrér ny bekymring" button leads to the registration form, an interactive page;
    /// the steps wait for its circuit before they type, as a person waits for the page to respond.
    /// </summary>
    public static async Task OpenRegistrationFromListAsync(TrackedPage tracked)
    {
        var page = tracked.Page;

        // The list is interactive: a click while the circuit replaces the prerendered list can be lost.
        await tracked.WaitForCircuitAsync();
        var newCase = page.GetByRole(AriaRole.Link, new() { Name = "Registrér ny bekymring", Exact = true });
        await Expect(newCase).ToHaveCountAsync(1);
        await newCase.ClickAsync();
        await tracked.ExpectUrlAsync(PathUrl("/sager/ny"), "the registration form");
        await tracked.WaitForCircuitAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Registrér ny bekymring");
    }

    /// <summary>The app's today, as the registration form proposes it for "Rejst den" (dd.MM.yyyy).</summary>
    public static async Task<DateOnly> AppTodayFromRegistrationFormAsync(IPage page) =>
        DateOnly.ParseExact(await page.Locator("#raisedon").InputValueAsync(), "dd.MM.yyyy", CultureInfo.InvariantCulture);

    /// <summary>Opens a MudBlazor select by its input and clicks the option whose text starts with <paramref name="start"/>.</summary>
    public static async Task ChooseAsync(IPage page, string inputId, string start)
    {
        await OpenSelectByIdAsync(page, inputId);
        await ClickOpenOptionAsync(page, start);
    }

    /// <summary>
    /// Ticks the check box with this label in <paramref name="scope"/> and waits until it shows as ticked. Under load the
    /// first click can land while a select's list is still closing; it is clicked again only if it did not take.
    /// </summary>
    public static async Task TickAsync(ILocator scope, string label)
    {
        var box = scope.GetByRole(AriaRole.Checkbox, new() { Name = label });
        for (var attempt = 0; attempt < 3 && !await box.IsCheckedAsync(); attempt++)
        {
            await scope.GetByText(label).ClickAsync();
            try
            {
                await Expect(box).ToBeCheckedAsync(new() { Timeout = 3000 });
            }
            catch (PlaywrightException) when (attempt < 2)
            {
                // Not ticked yet: the loop looks again and clicks once more.
            }
        }

        await Expect(box).ToBeCheckedAsync();
    }

    /// <summary>
    /// Opens the MudSelect whose input has this id, by clicking the select as a person does (its input is hidden
    /// while the select shows a chosen value, e.g. "Følg niveauet (standard)").
    /// </summary>
    public static async Task OpenSelectByIdAsync(IPage page, string inputId)
    {
        await page.Locator($"#{inputId}").Locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' mud-select ')][1]").ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item").First).ToBeVisibleAsync();

        // The list fades in: checked (and read by axe) once it is fully there.
        await Expect(page.Locator(".mud-popover-open").First).ToHaveCSSAsync("opacity", "1");
    }

    /// <summary>Types a date into an editable date picker (dd.MM.yyyy) and leaves the field.</summary>
    public static async Task TypeDateAsync(IPage page, string inputId, DateOnly date)
    {
        await page.Locator($"#{inputId}").FillAsync(date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
        await page.Locator($"#{inputId}").PressAsync("Tab");
    }

    /// <summary>Chooses the level by its radio button ("Niveau 1 – …").</summary>
    public static async Task ChooseLevelAsync(IPage page, int level) =>
        await page.GetByTestId($"level-{level}").GetByRole(AriaRole.Radio).CheckAsync();

    /// <summary>The concern, source, who raised it and the level: the part of the form that is the same for a new and a known young person.</summary>
    public static async Task FillConcernAsync(IPage page, string concern)
    {
        await ChooseLevelAsync(page, 1);
        await ChooseAsync(page, "source", "Skole");
        await ChooseAsync(page, "raisedby", "BUF –");
        await page.Locator("#raisedbyname").FillAsync("Hanne Bro, klasselærer");
        await page.Locator("#concern").FillAsync(concern);
    }

    /// <summary>Fills the registration form for a level-1 concern in Amager Øst and submits it; returns the new case's id.</summary>
    public static async Task<int> RegisterLevel1Async(TrackedPage tracked, YoungPersonData person)
    {
        var page = tracked.Page;
        await tracked.WaitForCircuitAsync();
        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync(person.Name);
        await TypeDateAsync(page, "birthdate", person.BirthDate);
        await ChooseAsync(page, "area", "Amager Øst");
        await page.Locator("#school").FillAsync(person.School);
        await page.Locator("#c1name").FillAsync(person.CustodyName);
        await page.Locator("#c1rel").FillAsync(person.CustodyRelation);
        await FillConcernAsync(page, person.Concern);
        await page.GetByTestId("register-case").ClickAsync();

        await tracked.ExpectUrlAsync(CaseCreatedUrl(), "the new case's page");
        await Expect(page.GetByTestId("case-created")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("case-summary").GetByTestId("level-badge")).ToHaveTextAsync("Niveau 1");
        await Expect(page.GetByTestId("young-person")).ToContainTextAsync(person.Name);
        await Expect(page.GetByTestId("young-person")).ToContainTextAsync(person.School);
        await Expect(page.GetByTestId("custody-holders")).ToContainTextAsync($"{person.CustodyName} ({person.CustodyRelation})");
        await Expect(page.GetByTestId("concern")).ToHaveTextAsync(person.Concern);
        return CaseIdFromUrl(page.Url);
    }

    /// <summary>Types into the registration's search for a known young person, key by key as a person types.</summary>
    public static Task TypeInPersonSearchAsync(IPage page, string typed) => TypeInSearchAsync(page, "person-search", typed);

    /// <summary>Types into a search field (an autocomplete) with this input id, key by key as a person types.</summary>
    public static async Task TypeInSearchAsync(IPage page, string inputId, string typed)
    {
        var input = page.Locator($"#{inputId}");
        await input.ClickAsync();
        await Expect(input).ToBeFocusedAsync();
        await input.PressSequentiallyAsync(typed, new() { Delay = 50 });

        // Under heavy load Blazor Server can swallow a key typed while the previous one is still on its round trip
        // (a known limit of server-side inputs, MudBlazor#1012); a person sees it and types it again.
        if (await input.InputValueAsync() != typed)
        {
            await input.FillAsync(typed);
        }

        await Expect(input).ToHaveValueAsync(typed);
    }

    /// <summary>
    /// Types into an autocomplete that searches on the server and clicks the answer that shows <paramref name="shownAs"/>
    /// (the list opens at the first click with the unfiltered answer; the typed search's answer replaces it).
    /// </summary>
    public static async Task SearchAndChooseAsync(IPage page, string inputId, string typed, string shownAs)
    {
        await TypeInSearchAsync(page, inputId, typed);
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = shownAs }).First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>Types part of a known young person's name into the search and picks him; the form shows who was chosen, with the birth date.</summary>
    public static async Task ChooseKnownPersonAsync(IPage page, string typed, string shownAs)
    {
        await TypeInPersonSearchAsync(page, typed);
        var option = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = shownAs }).First;
        await option.ClickAsync();
        await Expect(page.GetByTestId("chosen-person")).ToContainTextAsync(shownAs.Replace(", ", ", født ", StringComparison.Ordinal));
    }

    public static int CaseIdFromUrl(string url) => int.Parse(CaseCreatedUrl().Match(url).Groups["id"].Value, CultureInfo.InvariantCulture);

    /// <summary>From the case page, the "Skift niveau" dialog, with level 4 and a reason chosen.</summary>
    public static async Task OpenLevelChangeAndChooseLevel4Async(TrackedPage tracked, int caseId, string reason)
    {
        var page = tracked.Page;
        await tracked.WaitForCircuitAsync();
        await page.GetByTestId("change-level").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Skift niveau" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByTestId("level-4")).ToBeVisibleAsync();
        await dialog.GetByTestId("level-4").GetByRole(AriaRole.Radio).CheckAsync();
        await Expect(dialog.GetByTestId("level-form")).ToBeVisibleAsync();
        await dialog.Locator("#reason").FillAsync(reason);
        await tracked.ExpectUrlAsync(PathUrl($"/sager/{caseId}"), "the case page under the dialog");
    }

    /// <summary>
    /// Saves level 4 without the level form and without a named lead: the dialog stays open, with the error
    /// summary and the Danish message next to each of the six form fields and the lead.
    /// </summary>
    public static async Task SubmitLevel4WithoutFormAsync(TrackedPage tracked, int caseId)
    {
        var page = tracked.Page;
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Skift niveau" });
        await dialog.GetByTestId("save-level").ClickAsync();
        await Expect(dialog.GetByTestId("error-summary")).ToBeVisibleAsync();
        foreach (var (id, _) in LevelForm)
        {
            await Expect(dialog.Locator($"#{id}-error")).ToContainTextAsync(FormFieldRequired);
        }

        await Expect(dialog.Locator("#leaduser-error")).ToContainTextAsync(LeadPersonRequired);
        await Expect(dialog.GetByTestId("error-summary")).ToContainTextAsync(FormFieldRequired);
        await Expect(dialog.GetByTestId("error-summary")).ToContainTextAsync(LeadPersonRequired);
        await tracked.ExpectUrlAsync(PathUrl($"/sager/{caseId}"), "still the case page with the dialog open");

        // What was chosen is still there, so the person only adds what is missing.
        await Expect(dialog.GetByTestId("level-4").GetByRole(AriaRole.Radio)).ToBeCheckedAsync();
        await Expect(page.GetByTestId("case-summary").GetByTestId("level-badge")).ToHaveTextAsync("Niveau 1");
    }

    /// <summary>Fills the six form fields, names Sofie Lund (SOF) as lead and saves; the dialog closes and the page shows level 4.</summary>
    public static async Task CompleteLevel4Async(TrackedPage tracked, int caseId, string reason)
    {
        var page = tracked.Page;
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Skift niveau" });
        await dialog.Locator("#reason").FillAsync(reason);
        foreach (var (id, text) in LevelForm)
        {
            await dialog.Locator($"#{id}").FillAsync(text);
        }

        await ChooseAsync(page, "leaduser", "Sofie Lund");
        await dialog.GetByTestId("save-level").ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await tracked.ExpectUrlAsync(PathUrl($"/sager/{caseId}"), "the case page after the level change");
        await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Niveauet er ændret." })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("case-summary").GetByTestId("level-badge")).ToHaveTextAsync("Niveau 4");
        await Expect(page.GetByTestId("case-lead")).ToContainTextAsync("Sofie Lund");
        await Expect(page.GetByTestId("leader-group-flag")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("level-form")).ToContainTextAsync(LevelForm[0].Text);

        await OpenTabAsync(page, "Historik");
        var history = page.GetByTestId("level-history").Locator("tbody tr");
        await Expect(history).ToHaveCountAsync(2);
        await Expect(history.Nth(0)).ToContainTextAsync("Niveau 1");
        var change = history.Filter(new() { HasText = "Niveau 1 → Niveau 4" });
        await Expect(change).ToHaveCountAsync(1);
        await Expect(change).ToBeVisibleAsync();
        await Expect(change).ToContainTextAsync(reason);
        await Expect(change).ToContainTextAsync("Sofie Lund");
    }

    /// <summary>Opens a tab of the case page by its name.</summary>
    public static async Task OpenTabAsync(IPage page, string name)
    {
        var tab = page.GetByRole(AriaRole.Tab, new() { Name = name, Exact = true });
        await tab.ClickAsync();
        await Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
    }

    public static readonly (string Overall, string School, string Leisure, string Home, string Crime) Goals = (
        "Han går i skole hver dag og holder sig fra gruppen ved stationen.",
        "Højst én fraværsdag om måneden inden sommerferien.",
        "Er startet til en fritidsaktivitet, han selv har valgt, inden 1. marts.",
        "Mor og skolen taler sammen hver fredag.",
        "Ingen nye sigtelser i det næste halve år.");

    /// <summary>From the case page: the "Mål" dialog, all five fields, save; the goals are shown on the case page.</summary>
    public static async Task SetGoalsAsync(TrackedPage tracked, int caseId)
    {
        var page = tracked.Page;
        await page.GetByTestId("edit-goals").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Mål" });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Overordnet mål").FillAsync(Goals.Overall);
        await dialog.GetByLabel("Delmål for skole").FillAsync(Goals.School);
        await dialog.GetByLabel("Delmål for fritid").FillAsync(Goals.Leisure);
        await dialog.GetByLabel("Delmål for hjemmet").FillAsync(Goals.Home);
        await dialog.GetByLabel("Delmål for kriminalitet").FillAsync(Goals.Crime);
        await dialog.GetByTestId("save-goals").ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await tracked.ExpectUrlAsync(PathUrl($"/sager/{caseId}"), "the case page after saving the goals");
        await OpenTabAsync(page, "Mål og handlinger");
        var goals = page.GetByTestId("goals");
        await Expect(goals).ToBeVisibleAsync();
        foreach (var text in new[] { Goals.Overall, Goals.School, Goals.Leisure, Goals.Home, Goals.Crime })
        {
            await Expect(goals).ToContainTextAsync(text);
        }

        await Expect(page.GetByTestId("no-goals")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// From the case page: the "Ny handling" dialog with a responsible user (or, when <paramref name="ownerUser"/>
    /// is null, a named person outside SspKbh), a party and a deadline; the action is listed, not overdue.
    /// </summary>
    public static async Task AddActionAsync(TrackedPage tracked, int caseId, string what, string? ownerUser, string? ownerName, string partyCode, DateOnly dueOn)
    {
        var page = tracked.Page;
        await tracked.WaitForCircuitAsync();
        await page.GetByTestId("add-action").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Ny handling" });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.Locator("#what").FillAsync(what);
        if (ownerUser is not null)
        {
            await ChooseAsync(page, "owneruser", ownerUser);
        }
        else
        {
            await dialog.Locator("#ownername").FillAsync(ownerName!);
        }

        await ChooseAsync(page, "ownerparty", partyCode + " –");
        await TypeDateAsync(page, "dueon", dueOn);
        await dialog.GetByTestId("save-action").ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await tracked.ExpectUrlAsync(PathUrl($"/sager/{caseId}"), "the case page after adding the action");
        await OpenTabAsync(page, "Mål og handlinger");
        var row = page.GetByTestId("action-row").Filter(new() { HasText = what });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync((ownerUser ?? ownerName!) + ", ");
        await Expect(row).ToContainTextAsync(dueOn.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
        await Expect(row.GetByTestId("action-overdue")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("actions-overdue")).ToHaveCountAsync(0);
    }

    /// <summary>Chooses the option whose text starts with <paramref name="start"/> (party and user options carry names the test need not spell out).</summary>
    public static async Task SelectOptionStartingWithAsync(ILocator select, string start)
    {
        var option = select.Locator("option").Filter(new() { HasTextRegex = new Regex("^\\s*" + Regex.Escape(start)) }).First;
        var value = await option.GetAttributeAsync("value");
        Assert.False(string.IsNullOrEmpty(value), $"No option starting with '{start}'.");
        await select.SelectOptionAsync(value!);
    }

    /// <summary>
    /// Waits until the case list shows the rows for the address in the browser: after a change the address
    /// changes first, and the rows follow when the server has read them.
    /// </summary>
    public static async Task WaitForCaseListAsync(IPage page)
    {
        var query = new Uri(page.Url).Query;
        await Expect(page.Locator($"[data-testid='case-results'][data-shown-query='{query.Replace("'", "\\'", StringComparison.Ordinal)}'][aria-busy='false']"))
            .ToHaveCountAsync(1, new() { Timeout = 20_000 });
    }

    /// <summary>In an open MudSelect or autocomplete list, clicks the option whose text starts with <paramref name="start"/>.</summary>
    public static async Task ClickOpenOptionAsync(IPage page, string start)
    {
        var option = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex("^\\s*" + Regex.Escape(start)) }).First;
        await option.ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>The case list's address once it carries these query parameters (in any order).</summary>
    public static Regex CaseListUrlWith(params string[] parameters) =>
        new("^https?://[^/]+/sager\\?" + string.Concat(parameters.Select(p => "(?=(?:[^#]*&)?" + Regex.Escape(p) + "(?:&|$|#))")));

    /// <summary>The case list's address without any filter.</summary>
    public static Regex CaseListUrlWithoutFilter() => new("^https?://[^/]+/sager$");

    /// <summary>The new case's page, as registration leads to it.</summary>
    public static Regex CaseCreated() => CaseCreatedUrl();

    /// <summary>A path on the app, with any query string and fragment.</summary>
    public static Regex PathUrl(string path) => new("^https?://[^/]+" + Regex.Escape(path) + @"(\?[^#]*)?(#.*)?$");

    [GeneratedRegex(@"^https?://[^/]+/sager/(?<id>\d+)\?oprettet=1$")]
    private static partial Regex CaseCreatedUrl();
}
