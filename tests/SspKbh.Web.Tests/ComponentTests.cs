using System.Security.Claims;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SspKbh.Domain.Access;
using SspKbh.Web.Components.Layout;
using SspKbh.Web.Components.Shared;
using SspKbh.Web.Resources;
using SspKbh.Web.Security;

namespace SspKbh.Web.Tests;

/// <summary>Components rendered on their own with the framework's HtmlRenderer (bUnit is not available here).</summary>
public sealed class ComponentTests : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().BuildServiceProvider();
    private readonly HtmlRenderer _renderer;

    public ComponentTests()
    {
        _renderer = new HtmlRenderer(_services, _services.GetRequiredService<ILoggerFactory>());
    }

    private async Task<IHtmlDocument> RenderAsync<TComponent>(Dictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        var html = await _renderer.Dispatcher.InvokeAsync(async () =>
            (await _renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        return new HtmlParser().ParseDocument(html);
    }

    private static ClaimsPrincipal Principal(bool authority, params AppRole[] roles)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "user-1"),
            new(AppClaims.FullName, "Test Testesen"),
            new(AppClaims.IsAuthority, authority ? "true" : "false"),
        };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    private static List<string> Links(IHtmlDocument doc) =>
        doc.QuerySelectorAll("[data-testid='main-menu'] a").Select(a => a.GetAttribute("href")!).ToList();

    [Fact]
    public async Task The_administrator_sees_the_administration_links()
    {
        var doc = await RenderAsync<NavMenu>(new() { ["User"] = Principal(true, AppRole.Administrator), ["CurrentPath"] = "/admin/brugere/abc" });

        var links = Links(doc);
        Assert.Contains("/admin/brugere", links);
        Assert.Contains("/admin/organisation", links);
        Assert.Contains("/admin/audit", links);
        Assert.Equal("/", links[0]);
        Assert.Equal("/konto", links[^1]);

        // The current section is marked for screen readers, and only that one.
        var current = Assert.Single(doc.QuerySelectorAll("a[aria-current='page']"));
        Assert.Equal("/admin/brugere", current.GetAttribute("href"));
        Assert.Equal(Texts.NavUsers, current.TextContent.Trim());
        Assert.Equal(Texts.MainNavigation, doc.QuerySelector("nav")!.GetAttribute("aria-label"));
    }

    public static TheoryData<bool, AppRole> OtherRoles() => new()
    {
        { true, AppRole.Secretary },
        { true, AppRole.AuthorityMember },
        { true, AppRole.LeaderGroupMember },
        { false, AppRole.NonAuthorityMember },
        { true, AppRole.StatisticsReader },
    };

    [Theory]
    [MemberData(nameof(OtherRoles))]
    public async Task Other_roles_do_not_see_administration_links(bool authority, AppRole role)
    {
        var doc = await RenderAsync<NavMenu>(new() { ["User"] = Principal(authority, role), ["CurrentPath"] = "/" });

        var links = Links(doc);
        Assert.DoesNotContain(links, l => l.StartsWith("/admin", StringComparison.Ordinal));
        Assert.Contains("/", links);
        Assert.Contains("/konto", links);
        Assert.Equal("/", Assert.Single(doc.QuerySelectorAll("a[aria-current='page']")).GetAttribute("href"));
    }

    [Fact]
    public async Task Only_authority_case_roles_see_the_case_link()
    {
        var authority = Links(await RenderAsync<NavMenu>(new() { ["User"] = Principal(true, AppRole.AuthorityMember) }));
        var statistics = Links(await RenderAsync<NavMenu>(new() { ["User"] = Principal(true, AppRole.StatisticsReader) }));
        var nonAuthority = Links(await RenderAsync<NavMenu>(new() { ["User"] = Principal(false, AppRole.NonAuthorityMember) }));

        Assert.Contains("/sager", authority);
        Assert.DoesNotContain("/sager", statistics);
        Assert.DoesNotContain("/sager", nonAuthority);
    }

    [Fact]
    public async Task An_error_alert_is_announced_and_shows_heading_and_text()
    {
        RenderFragment content = b => b.AddContent(0, "Noget gik galt");
        var doc = await RenderAsync<Alert>(new() { ["Kind"] = "error", ["Heading"] = "Overskrift", ["TestId"] = "my-alert", ["ChildContent"] = content });

        var alert = doc.QuerySelector("[data-testid='my-alert']");
        Assert.NotNull(alert);
        Assert.Equal("alert", alert.GetAttribute("role"));
        Assert.True(alert.ClassList.Contains("alert-error"));
        Assert.Equal("Overskrift", alert.QuerySelector(".alert-heading")?.TextContent);
        Assert.Equal("Noget gik galt", alert.QuerySelector(".alert-text")?.TextContent);
    }

    [Fact]
    public async Task An_information_alert_is_a_status_without_an_empty_heading()
    {
        RenderFragment content = b => b.AddContent(0, "Til orientering <b>ikke fed</b>");
        var doc = await RenderAsync<Alert>(new() { ["ChildContent"] = content });

        var alert = doc.QuerySelector(".alert");
        Assert.NotNull(alert);
        Assert.Equal("status", alert.GetAttribute("role"));
        Assert.True(alert.ClassList.Contains("alert-info"));
        Assert.Null(alert.QuerySelector(".alert-heading"));
        // Text is encoded, never interpreted as markup.
        Assert.Null(alert.QuerySelector("b"));
        Assert.Equal("Til orientering <b>ikke fed</b>", alert.QuerySelector(".alert-text")?.TextContent);
    }

    public async ValueTask DisposeAsync()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
    }
}
