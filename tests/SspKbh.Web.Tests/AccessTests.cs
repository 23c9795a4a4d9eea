using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Access;
using SspKbh.Web.Audit;
using SspKbh.Web.Demo;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>Who may open which page: anonymous users, ordinary users and administrators.</summary>
public abstract class AccessTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private List<RouteEndpoint> Endpoints() =>
        App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    private List<RouteEndpoint> AdminEndpoints() =>
        Endpoints().Where(e => (e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("admin", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Anonymous_users_are_sent_to_the_login_page_from_every_protected_endpoint()
    {
        var endpoints = Endpoints().Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null).ToList();
        // The enumeration must find the app's pages, or this test proves nothing.
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/");
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/admin/brugere/{Id}");
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/konto/log-ud");
        Assert.True(endpoints.Count >= 10, $"Only {endpoints.Count} protected endpoints found.");

        using var browser = App.CreateBrowser();
        var checkedRequests = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var url = RouteSamples.SampleUrl(endpoint.RoutePattern);
            foreach (var method in RouteSamples.Methods(endpoint).Where(m => m is "GET" or "POST"))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method == "POST")
                {
                    request.Content = new FormUrlEncodedContent([new("_handler", "x")]);
                }

                using var response = await browser.Client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect,
                    $"{method} {url} ({endpoint.DisplayName}) answered {(int)response.StatusCode} to an anonymous user");
                Assert.StartsWith("/konto/log-ind?ReturnUrl=", TestBrowser.Location(response), StringComparison.Ordinal);
                checkedRequests.Add($"{method} {url}");
            }
        }

        Assert.Contains("GET /admin/audit", checkedRequests);
    }

    [Fact]
    public async Task The_anonymous_endpoints_are_only_the_expected_ones()
    {
        var all = Endpoints();
        Assert.Contains(all, IsStaticAsset);
        Assert.All(all.Where(IsStaticAsset), e => Assert.NotNull(e.Metadata.GetMetadata<IAllowAnonymous>()));
        var anonymous = all.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Where(e => !IsStaticAsset(e))
            .Select(e => e.RoutePattern.RawText ?? "")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        // A new anonymous page is a security decision: add it here only on purpose.
        Assert.Equal(["/fejl", "/healthz", "/ikke-fundet", "/konto/log-ind", "/konto/log-ind/2fa", "/status/{Code:int}"], anonymous);

        using var browser = App.CreateBrowser();
        foreach (var url in new[] { "/konto/log-ind", "/ikke-fundet", "/status/404" })
        {
            var page = await browser.GetAsync(url);
            Assert.True(page.Status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{url} answered {(int)page.Status}");
        }
    }

    // MapStaticAssets maps one endpoint per file of wwwroot (CSS, scripts, fonts), all public.
    private static bool IsStaticAsset(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor");

    [Fact]
    public async Task The_stylesheet_is_served_to_anonymous_users()
    {
        using var browser = App.CreateBrowser();
        var login = await browser.GetAsync("/konto/log-ind");
        var stylesheets = login.Document.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!).ToList();
        Assert.NotEmpty(stylesheets);
        foreach (var href in stylesheets)
        {
            using var response = await browser.Client.GetAsync("/" + href.TrimStart('/'));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{href} answered {(int)response.StatusCode}");
            Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Health_endpoint_is_anonymous_and_healthy()
    {
        using var browser = App.CreateBrowser();
        using var response = await browser.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    public static TheoryData<string> NonAdministrators() =>
        new(DemoDataSeeder.Users.Where(u => !u.Roles.Contains(AppRole.Administrator)).Select(u => u.Email));

    [Theory]
    [MemberData(nameof(NonAdministrators))]
    public async Task Administration_pages_are_forbidden_for_every_other_role_and_each_attempt_is_audited(string email)
    {
        var adminEndpoints = AdminEndpoints();
        Assert.True(adminEndpoints.Count >= 8, $"Only {adminEndpoints.Count} /admin endpoints found.");
        var userId = await App.UserIdAsync(email);
        using var browser = App.CreateBrowser();
        await browser.SignInAsync(email);

        foreach (var endpoint in adminEndpoints.Where(RouteSamples.AllowsGet))
        {
            var url = RouteSamples.SampleUrl(endpoint.RoutePattern, new Dictionary<string, string> { ["Id"] = "1" });
            var before = (await App.AuditEntriesAsync()).Max(a => a.Sequence);

            var page = await browser.GetAsync(url);

            Assert.True(page.Status == HttpStatusCode.Forbidden, $"{email}: GET {url} answered {(int)page.Status}");
            Assert.Equal(Texts.Forbidden_Title, page.TestIdText("status-heading"));
            Assert.Contains(Texts.Forbidden_Text, page.Text, StringComparison.Ordinal);
            var entry = Assert.Single(await App.AuditEntriesAsync(a => a.Sequence > before && a.Action == AuditActions.AccessDenied));
            Assert.Equal(userId, entry.UserId);
            Assert.Equal(AuditOutcomes.Denied, entry.Outcome);
            Assert.Equal(url, entry.SubjectId);
        }

        // A forbidden form post changes nothing either.
        var usersBefore = await CountUsersAsync();
        var post = await browser.PostFormAsync("/admin/brugere/ny", [new("_handler", "user"), new("Input.FullName", "Indtrænger")]);
        Assert.True(post.Status is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, $"POST answered {(int)post.Status}");
        Assert.Equal(usersBefore, await CountUsersAsync());
    }

    [Fact]
    public async Task Administration_pages_open_for_the_administrator()
    {
        int partyId, groupId, areaId;
        string userId;
        await using (var db = App.CreateDbContext())
        {
            partyId = await db.Parties.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            groupId = await db.Groups.OrderBy(g => g.Id).Select(g => g.Id).FirstAsync();
            areaId = await db.LocalAreas.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
            userId = await db.Users.Where(u => u.Email == "myndighed@sspkbh.dk").Select(u => u.Id).SingleAsync();
        }

        using var browser = App.CreateBrowser();
        await browser.SignInAsync("admin@sspkbh.dk");
        foreach (var endpoint in AdminEndpoints().Where(RouteSamples.AllowsGet))
        {
            var raw = endpoint.RoutePattern.RawText ?? "";
            var id = raw.Contains("parter", StringComparison.Ordinal) ? partyId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : raw.Contains("grupper", StringComparison.Ordinal) ? groupId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : raw.Contains("omraader", StringComparison.Ordinal) ? areaId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : raw.Contains("brugere", StringComparison.Ordinal) ? userId
                : null;
            var url = RouteSamples.SampleUrl(endpoint.RoutePattern, id is null ? null : new Dictionary<string, string> { ["Id"] = id });

            var page = await browser.GetAsync(url);

            Assert.True(page.Status == HttpStatusCode.OK, $"admin: GET {url} answered {(int)page.Status}");
            Assert.Equal("Birgit Holm", page.TestIdText("user-name"));
            Assert.NotEqual(Texts.Forbidden_Title, page.TestIdText("status-heading"));
        }
    }

    private async Task<int> CountUsersAsync()
    {
        await using var db = App.CreateDbContext();
        return await db.Users.CountAsync();
    }
}

public sealed class AccessTestsSqlite(SqliteApp fixture) : AccessTests(fixture), IClassFixture<SqliteApp>;

public sealed class AccessTestsPostgres(PostgresApp fixture) : AccessTests(fixture), IClassFixture<PostgresApp>;
