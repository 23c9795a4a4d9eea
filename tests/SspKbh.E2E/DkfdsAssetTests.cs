using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace SspKbh.E2E;

/// <summary>The icons DKFDS's stylesheet draws (select chevrons, checkbox ticks, …) are served by the app.</summary>
[Collection(CasePagesCollection.Name)]
public sealed partial class DkfdsAssetTests(CasesApp app)
{
    [Fact]
    public async Task Every_icon_in_the_dkfds_stylesheet_is_served()
    {
        // No redirects: a file that is missing sends an anonymous visitor to the login page (200).
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Server.BaseUrl };
        var cssUrl = "/lib/dkfds/css/dkfds.min.css";
        var css = await http.GetStringAsync(cssUrl);
        var missing = new List<string>();
        foreach (var relative in CssUrl().Matches(css).Select(m => m.Groups["url"].Value).Where(u => u.StartsWith("../img/", StringComparison.Ordinal)).Distinct())
        {
            var url = new Uri(new Uri(app.Server.BaseUrl, cssUrl), relative.Split('#', '?')[0]);
            using var response = await http.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                missing.Add($"{(int)response.StatusCode} {url.AbsolutePath}");
            }
        }

        Assert.True(CssUrl().Count(css) > 100, "dkfds.min.css should refer to its icons.");
        Assert.True(missing.Count == 0, $"{missing.Count} file(s) that dkfds.min.css refers to are not served:\n" + string.Join('\n', missing));
    }

    [GeneratedRegex(@"url\((?<q>['""]?)(?<url>[^'"")]+)\k<q>\)")]
    private static partial Regex CssUrl();
}
