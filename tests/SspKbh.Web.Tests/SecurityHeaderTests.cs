using System.Net;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The Content-Security-Policy on a static page (login) and on an interactive one (home): inline styles
/// are allowed for MudBlazor, scripts only from the app itself (ADR 0020). The interactive page loads
/// blazor.web.js and MudBlazor from the app and carries no inline script.
/// </summary>
public sealed class SecurityHeaderTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("/konto/log-ind", false)]
    [InlineData("/", true)]
    public async Task Pages_forbid_inline_and_foreign_scripts(string path, bool signIn)
    {
        using var browser = fixture.App.CreateBrowser();
        if (signIn)
        {
            await browser.SignInAsync("sekretaer@sspkbh.dk");
        }

        var page = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var csp = string.Join(";", page.Response.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d, StringComparer.Ordinal);
        Assert.Equal("script-src 'self'", directives["script-src"]);
        Assert.Equal("style-src 'self' 'unsafe-inline'", directives["style-src"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.Equal("object-src 'none'", directives["object-src"]);
        Assert.All(page.Document.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), "an inline <script> element"));
        Assert.All(page.Document.All, e => Assert.DoesNotContain(e.Attributes, a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        var scripts = page.Document.QuerySelectorAll("script").Select(s => s.GetAttribute("src")!).ToList();
        if (path == "/")
        {
            Assert.Contains(scripts, s => s.StartsWith("_framework/blazor.web.", StringComparison.Ordinal));
            Assert.Contains(scripts, s => s.StartsWith("_content/MudBlazor/", StringComparison.Ordinal));
        }
        else
        {
            Assert.DoesNotContain(scripts, s => s.Contains("blazor.web", StringComparison.Ordinal));
        }
    }
}
