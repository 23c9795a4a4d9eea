using AngleSharp.Dom;
using System.Globalization;
using AngleSharp.Html.Dom;

namespace SspKbh.Web.Tests.Infrastructure;

/// <summary>The post forms a page renders for itself, and ways to fill them.</summary>
public static class PageForms
{
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>The page's own Blazor forms (method post, a <c>_handler</c>, no action elsewhere such as the sign-out form).</summary>
    public static IReadOnlyList<IHtmlFormElement> Named(Page page) =>
        page.Document.QuerySelectorAll<IHtmlFormElement>("form")
            .Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase))
            .Where(f => f.QuerySelector<IHtmlInputElement>("input[name='_handler']") is not null)
            .Where(f => string.IsNullOrEmpty(f.GetAttribute("action")) || f.GetAttribute("action") == new Uri(new Uri("http://localhost"), page.Url).AbsolutePath)
            .ToList();

    public static string Handler(IHtmlFormElement form) => form.QuerySelector<IHtmlInputElement>("input[name='_handler']")!.Value;

    /// <summary>An antiforgery token from any form of the page (the sign-out form has one on every signed-in page).</summary>
    public static string? Token(Page page) =>
        page.Document.QuerySelector<IHtmlInputElement>($"input[name='{TokenField}']")?.Value;

    /// <summary>A post that names a form no page has: it gets past authorization and antiforgery, then the framework refuses it.</summary>
    public static List<KeyValuePair<string, string>> Probe(string? token) =>
        token is null ? [new("_handler", "matrix-probe")] : [new(TokenField, token), new("_handler", "matrix-probe")];

    /// <summary>
    /// The form's values with every empty field filled with something plausible (first real option, a
    /// short text, today's date, 1), so that shape validation passes and the server's own checks decide.
    /// </summary>
    public static List<KeyValuePair<string, string>> Filled(IHtmlFormElement form)
    {
        var fields = HtmlForms.Collect(form);
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in fields)
        {
            if (value.Length > 0 || name is TokenField or "_handler")
            {
                result.Add(new(name, value));
                continue;
            }

            var element = form.Elements.FirstOrDefault(e => e.GetAttribute("name") == name);
            var filled = element switch
            {
                IHtmlSelectElement select => select.QuerySelectorAll<IHtmlOptionElement>("option").Select(o => o.GetAttribute("value") ?? o.TextContent).FirstOrDefault(v => v.Length > 0) ?? "",
                IHtmlInputElement input when input.GetAttribute("type") is "date" => DateTime.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                IHtmlInputElement input when input.GetAttribute("type") is "number" => "1",
                IHtmlInputElement input when input.GetAttribute("type") is "hidden" => "",
                _ => "Matrixtest",
            };
            result.Add(new(name, filled));
        }

        return result;
    }
}
