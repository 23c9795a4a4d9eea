using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>Wrong, hostile or clashing input gets a Danish answer and a 4xx status, never a 500, and changes nothing.</summary>
public abstract class BadInputTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Admin = "admin@sspkbh.dk";

    [Fact]
    public async Task An_unknown_address_shows_the_danish_not_found_page()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync("myndighed@sspkbh.dk");

        foreach (var url in new[] { "/findes/ikke", "/admin-x", "/konto/ukendt", "/status/abc" })
        {
            var page = await browser.GetAsync(url);
            Assert.True(page.Status == HttpStatusCode.NotFound, $"{url} answered {(int)page.Status}");
            Assert.Equal(Texts.NotFound_Title, page.TestIdText("status-heading"));
            Assert.Equal("Jonas Krag", page.TestIdText("user-name"));
        }
    }

    [Fact]
    public async Task An_unknown_user_id_shows_a_danish_message_not_an_error()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Admin);
        var page = await browser.GetAsync($"/admin/brugere/{Guid.NewGuid()}");
        Assert.True(page.Status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"answered {(int)page.Status}");
        Assert.Contains(Texts.Admin_UserNotFound, page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_without_antiforgery_token_is_refused_with_400()
    {
        var user = await App.CreateUserAsync([Domain.Access.AppRole.StatisticsReader]);
        using var browser = App.CreateBrowser();
        var login = await browser.GetAsync("/konto/log-ind");

        var posted = await browser.SubmitAsync(login, "login",
            [new("__RequestVerificationToken", null), new("Input.Email", user.Email), new("Input.Password", Demo.DemoDataSeeder.DemoPassword)]);

        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Equal(Texts.BadRequest_Title, posted.TestIdText("status-heading"));
        Assert.DoesNotContain("antiforgery", posted.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).Status);

        // A token from another browser's session does not work either.
        using var other = App.CreateBrowser();
        var otherLogin = await other.GetAsync("/konto/log-ind");
        var foreignToken = HtmlForms.Collect(otherLogin.Form("login")).Single(f => f.Key == "__RequestVerificationToken").Value;
        using var third = App.CreateBrowser();
        var forged = await third.PostFormAsync("/konto/log-ind",
            [new("_handler", "login"), new("__RequestVerificationToken", foreignToken), new("Input.Email", user.Email), new("Input.Password", Demo.DemoDataSeeder.DemoPassword)]);
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
    }

    [Fact]
    public async Task An_oversized_form_field_gets_the_danish_field_message_and_keeps_the_text()
    {
        // 100 KB pasted into a 200-character field (past the browser's maxlength): the form answers in Danish next to
        // the field and shows what was typed, instead of the framework's English antiforgery message (issue 16 #20).
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Admin);
        var form = await browser.GetAsync("/admin/brugere/ny");
        var usersBefore = await CountUsersAsync();
        var text = string.Concat(Enumerable.Repeat("Lang tekst ", 100 * 1024 / 11));

        var posted = await browser.SubmitAsync(form, "user", [new("Input.FullName", text), new("Input.Email", "stor@sspkbh.dk")]);

        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.Equal([Texts.Validation_TooLong], posted.FieldErrors("fullname"));
        Assert.Equal(text, posted.Document.GetElementById("fullname")?.GetAttribute("value"));
        Assert.Equal("stor@sspkbh.dk", posted.Document.GetElementById("email")?.GetAttribute("value"));
        Assert.Equal(usersBefore, await CountUsersAsync());
    }

    [Fact]
    public async Task A_field_over_the_form_limit_is_refused_with_the_danish_status_page()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Admin);
        var form = await browser.GetAsync("/admin/brugere/ny");
        var usersBefore = await CountUsersAsync();

        var posted = await browser.SubmitAsync(form, "user", [new("Input.FullName", new string('x', 2 * 1024 * 1024)), new("Input.Email", "stor@sspkbh.dk")]);

        Assert.True(posted.Status is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"A 2 MB field answered {(int)posted.Status}");
        Assert.Equal(Texts.BadRequest_Title, posted.TestIdText("status-heading"));
        Assert.DoesNotContain("antiforgery", posted.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(usersBefore, await CountUsersAsync());
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_refused_by_kestrel_with_a_danish_client_error()
    {
        // Kestrel's limit only applies on a real server, so this test runs one.
        await using var app = await SspAppFactory.CreateAsync(App.Provider);
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        using var browser = new TestBrowser(app, new Uri(address));
        var login = await browser.GetAsync("/konto/log-ind");
        var fields = HtmlForms.Collect(login.Form("login"));
        // Many small fields: no single value is over the form limits, only the whole body is too big.
        var body = new StringBuilder(string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value))));
        for (var i = 0; body.Length < 1_200_000; i++)
        {
            body.Append("&f").Append(i).Append('=').Append(new string('y', 4000));
        }

        using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await browser.Client.PostAsync("/konto/log-ind", content);

        var page = await TestBrowser.ReadAsync(response, "/konto/log-ind");
        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest,
            $"A 1.2 MB body answered {(int)response.StatusCode}");
        Assert.Equal(Texts.BadRequest_Title, page.TestIdText("status-heading"));
    }

    [Fact]
    public async Task The_user_form_shows_danish_field_messages_for_invalid_values_and_creates_nothing()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Admin);
        var form = await browser.GetAsync("/admin/brugere/ny");
        var usersBefore = await CountUsersAsync();

        var page = await browser.SubmitAsync(form, "user",
        [
            new("Input.FullName", ""),
            new("Input.Email", "ikke-en-adresse"),
            new("Input.InitialPassword", "kort"),
            new("Input.PartyId", "999999"),
            new("Input.Roles[Hacker]", "true"),
            new("Input.NewGroupRole", "99"),
        ]);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(Texts.Validation_NameRequired, page.FieldErrors("fullname"));
        Assert.Contains(Texts.Validation_EmailFormat, page.FieldErrors("email"));
        Assert.Contains(Texts.Validation_PasswordLength, page.FieldErrors("password"));
        Assert.Contains(Texts.Validation_UnknownRole, page.FieldErrors("role-Administrator"));
        Assert.Contains(Texts.Validation_UnknownGroupRole, page.FieldErrors("new-group-role"));
        Assert.NotNull(page.TestIdText("error-summary"));
        Assert.Contains(Texts.FormHasErrors, page.TestIdText("error-summary"), StringComparison.Ordinal);
        Assert.Equal(usersBefore, await CountUsersAsync());
    }

    [Fact]
    public async Task The_user_form_checks_party_groups_and_roles_against_the_database()
    {
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(Admin);
        var form = await browser.GetAsync("/admin/brugere/ny");
        var usersBefore = await CountUsersAsync();
        var email = $"ny-{Guid.NewGuid():N}@sspkbh.dk";
        KeyValuePair<string, string?>[] valid =
        [
            new("Input.FullName", "Ny Bruger"),
            new("Input.Email", email),
            new("Input.InitialPassword", "et-langt-kodeord-2026"),
            new("Input.Roles[StatisticsReader]", "true"),
        ];

        // A party id nobody offered.
        var unknownParty = await browser.SubmitAsync(form, "user", [.. valid, new("Input.PartyId", "999999")]);
        Assert.Equal(HttpStatusCode.OK, unknownParty.Status);
        Assert.Contains(Texts.Validation_PartyRequired, unknownParty.FieldErrors("party"));

        // No role at all (no checkbox ticked).
        var partyId = await FirstPartyIdAsync();
        var noRole = await browser.SubmitAsync(form, "user",
            [.. valid.Where(v => !v.Key.StartsWith("Input.Roles", StringComparison.Ordinal)), new("Input.PartyId", partyId)]);
        Assert.Equal(HttpStatusCode.OK, noRole.Status);
        Assert.Contains(Texts.Error_UserNeedsRole, noRole.FieldErrors("role-Administrator"));

        // A group that does not exist, and a membership row with a role out of range.
        var unknownGroup = await browser.SubmitAsync(form, "user", [.. valid, new("Input.PartyId", partyId), new("Input.NewGroupId", "999999"), new("Input.NewGroupRole", "Member")]);
        Assert.Equal(HttpStatusCode.OK, unknownGroup.Status);
        Assert.Contains(Texts.Validation_UnknownGroup, unknownGroup.FieldErrors("new-group"));
        var badMembership = await browser.SubmitAsync(form, "user",
            [.. valid, new("Input.PartyId", partyId), new("Input.Memberships[0].GroupId", "1"), new("Input.Memberships[0].Role", "42")]);
        Assert.Equal(HttpStatusCode.OK, badMembership.Status);
        Assert.Contains(Texts.Validation_UnknownGroupRole, badMembership.Text, StringComparison.Ordinal);

        // §115: a non-authority person cannot be made an administrator.
        var notAuthority = await browser.SubmitAsync(form, "user",
            [.. valid, new("Input.PartyId", partyId), new("Input.Roles[Administrator]", "true"), new("Input.IsAuthorityPerson", null)]);
        Assert.Equal(HttpStatusCode.OK, notAuthority.Status);
        Assert.Contains(Texts.Error_RoleRequiresAuthority, notAuthority.FieldErrors("role-Administrator"));

        Assert.Equal(usersBefore, await CountUsersAsync());

        // And the same form with valid values does create the user (so the refusals above were about the values).
        var created = await browser.SubmitAsync(form, "user", [.. valid, new("Input.PartyId", partyId)]);
        Assert.True(created.Status == HttpStatusCode.Redirect, $"A valid form answered {(int)created.Status}: {created.TestIdText("error-summary")}");
        Assert.Equal(usersBefore + 1, await CountUsersAsync());
    }

    [Fact]
    public async Task The_second_of_two_administrators_saving_the_same_user_gets_the_conflict_message()
    {
        var target = await App.CreateUserAsync([Domain.Access.AppRole.StatisticsReader]);
        using var first = App.CreateBrowser();
        using var second = App.CreateBrowser();
        await first.SignInAsync(Admin);
        await second.SignInAsync(Admin);
        var firstForm = await first.GetAsync($"/admin/brugere/{target.Id}");
        var secondForm = await second.GetAsync($"/admin/brugere/{target.Id}");

        var saved = await first.SubmitAsync(firstForm, "user", [new("Input.FullName", "Navn fra første")]);
        Assert.True(saved.Status == HttpStatusCode.Redirect, $"The first save answered {(int)saved.Status}: {saved.TestIdText("error-summary")}");

        var stale = await second.SubmitAsync(secondForm, "user", [new("Input.FullName", "Navn fra anden")]);
        Assert.Equal(HttpStatusCode.OK, stale.Status);
        Assert.Contains(Texts.Concurrency_Conflict, stale.TestIdText("error-summary"), StringComparison.Ordinal);

        await using var db = App.CreateDbContext();
        Assert.Equal("Navn fra første", await db.Users.Where(u => u.Id == target.Id).Select(u => u.FullName).SingleAsync());

        // After reloading, the second administrator can save.
        var reloaded = await second.GetAsync($"/admin/brugere/{target.Id}");
        var again = await second.SubmitAsync(reloaded, "user", [new("Input.FullName", "Navn fra anden")]);
        Assert.Equal(HttpStatusCode.Redirect, again.Status);
    }

    [Fact]
    public async Task A_server_error_during_a_form_post_shows_the_danish_error_page_with_a_reference()
    {
        // Its own app: the test breaks the database under it.
        await using var app = await SspAppFactory.StartAsync(App.Provider, new Dictionary<string, string?> { ["Security:SessionValidationInterval"] = "00:05:00" });
        using var browser = app.CreateBrowser();
        await browser.SignInAsync(Admin);
        var form = await browser.GetAsync("/admin/brugere/ny");
        await using (var db = app.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Parties\" RENAME TO \"PartiesGone\"");
        }

        var page = await browser.SubmitAsync(form, "user",
            [new("Input.FullName", "Ny Bruger"), new("Input.Email", "fejl@sspkbh.dk"), new("Input.InitialPassword", "et-langt-kodeord-2026"), new("Input.PartyId", "1"), new("Input.Roles[StatisticsReader]", "true")]);

        Assert.Equal(HttpStatusCode.InternalServerError, page.Status);
        Assert.Equal(Texts.Error_Title, page.TestIdText("status-heading"));
        Assert.False(string.IsNullOrWhiteSpace(page.TestIdText("correlation-id")));
        Assert.DoesNotContain("Exception", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("PartiesGone", page.Text, StringComparison.Ordinal);
    }

    private async Task<int> CountUsersAsync()
    {
        await using var db = App.CreateDbContext();
        return await db.Users.CountAsync();
    }

    private async Task<string> FirstPartyIdAsync()
    {
        await using var db = App.CreateDbContext();
        return (await db.Parties.Where(p => p.Code == "SSP").Select(p => p.Id).SingleAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class BadInputTestsSqlite(SqliteApp fixture) : BadInputTests(fixture), IClassFixture<SqliteApp>;

public sealed class BadInputTestsPostgres(PostgresApp fixture) : BadInputTests(fixture), IClassFixture<PostgresApp>;
