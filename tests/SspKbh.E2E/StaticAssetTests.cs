using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace SspKbh.E2E;

/// <summary>
/// Every file our stylesheets refer to (the IBM Plex Sans fonts) is served, for the interactive pages (app.css) and
/// the static ones (static.css): a font that is missing falls back to a system font without any other sign.
/// </summary>
[Collection(CasePagesCollection.Name)]
public sealed partial class StaticAssetTests(CasesApp app)
{
    [Theory]
    [InlineData("/css/app.css")]
    [InlineData("/css/static.css")]
    public async Task Every_file_the_stylesheet_refers_to_is_served(string cssUrl)
    {
        // No redirects: a file that is missing sends an anonymous visitor to the login page (200).
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Server.BaseUrl };
        var css = await http.GetStringAsync(cssUrl);
        var references = CssUrl().Matches(css).Select(m => m.Groups["url"].Value)
            .Where(u => !u.StartsWith("data:", StringComparison.Ordinal)).Distinct().ToList();
        var missing = new List<string>();
        foreach (var relative in references)
        {
            var url = new Uri(new Uri(app.Server.BaseUrl, cssUrl), relative.Split('#', '?')[0]);
            using var response = await http.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                missing.Add($"{(int)response.StatusCode} {url.AbsolutePath}");
            }
        }

        Assert.True(references.Count >= 4, $"{cssUrl} should refer to the four IBM Plex Sans faces; it refers to {references.Count} file(s).");
        Assert.True(missing.Count == 0, $"{missing.Count} file(s) that {cssUrl} refers to are not served:\n" + string.Join('\n', missing));
    }

    [GeneratedRegex(@"url\((?<q>['""]?)(?<url>[^'"")]+)\k<q>\)")]
    private static partial Regex CssUrl();
}
