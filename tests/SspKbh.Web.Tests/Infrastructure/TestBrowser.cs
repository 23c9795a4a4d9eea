using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using SspKbh.Web.Demo;

namespace SspKbh.Web.Tests.Infrastructure;

/// <summary>A page as the browser got it: the response, its HTML and the address it came from.</summary>
public sealed record Page(HttpResponseMessage Response, IHtmlDocument Document, string Url)
{
    public HttpStatusCode Status => Response.StatusCode;

    public string? TestIdText(string testId) => Document.QuerySelector($"[data-testid='{testId}']")?.TextContent.Trim();

    /// <summary>All texts of the element(s) with this data-testid.</summary>
    public IReadOnlyList<string> TestIdTexts(string testId) =>
        Document.QuerySelectorAll($"[data-testid='{testId}']").Select(e => Normalize(e.TextContent)).ToList();

    public string Text => Normalize(Document.Body?.TextContent ?? "");

    /// <summary>The form Blazor renders for <c>FormName</c> (its hidden <c>_handler</c> field).</summary>
    public IHtmlFormElement Form(string handler) =>
        Document.QuerySelectorAll<IHtmlFormElement>("form")
            .FirstOrDefault(f => f.QuerySelector<IHtmlInputElement>("input[name='_handler']")?.Value == handler)
        ?? throw new InvalidOperationException($"No form '{handler}' on {Url} ({(int)Status}). Forms: " +
            string.Join(", ", Document.QuerySelectorAll("input[name='_handler']").Select(i => i.GetAttribute("value"))));

    /// <summary>The error messages shown with the field whose input has this id.</summary>
    public IReadOnlyList<string> FieldErrors(string inputId)
    {
        var input = Document.GetElementById(inputId) ?? throw new InvalidOperationException($"No element #{inputId} on {Url}.");
        var group = input.Closest(".form-group") ?? throw new InvalidOperationException($"#{inputId} is not inside a .form-group.");
        return group.QuerySelectorAll("[data-testid='field-error']").Select(e => Normalize(VisibleText(e))).ToList();
    }

    /// <summary>The text a sighted user reads: without screen-reader-only parts such as "Fejl:".</summary>
    public static string VisibleText(INode node) => node switch
    {
        IElement e when e.ClassList.Contains("sr-only") => "",
        IText t => t.Data,
        _ => string.Concat(node.ChildNodes.Select(VisibleText)),
    };

    public static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>
/// A cookie-keeping HTTP client that behaves like a browser with JavaScript off: it reads forms
/// from the HTML and posts them back with their hidden fields (antiforgery token, _handler).
/// Redirects are not followed, so tests can assert them.
/// </summary>
public sealed class TestBrowser : IDisposable
{
    private static readonly HtmlParser Parser = new();

    private readonly Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler cookies;

    /// <summary>A browser on the app: keeps its cookies, does not follow redirects (tests look at them).</summary>
    public TestBrowser(WebApplicationFactory<Program> factory, Uri? baseAddress = null, System.Net.CookieContainer? cookies = null)
    {
        this.cookies = new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies ?? new System.Net.CookieContainer());
        Client = factory.CreateDefaultClient(baseAddress ?? new Uri("http://localhost"), this.cookies);
    }

    /// <summary>
    /// Another browser, on this app or another instance of it, holding a copy of this browser's cookies as they are
    /// now: what someone has who copied the cookie.
    /// </summary>
    public TestBrowser WithCopiedCookies(WebApplicationFactory<Program> factory)
    {
        var copy = new System.Net.CookieContainer();
        foreach (System.Net.Cookie cookie in cookies.Container.GetAllCookies())
        {
            copy.Add(new System.Net.Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        }

        return new TestBrowser(factory, Client.BaseAddress, copy);
    }

    public HttpClient Client { get; }

    public async Task<Page> GetAsync(string url)
    {
        var response = await Client.GetAsync(url);
        return await ReadAsync(response, url);
    }

    public static async Task<Page> ReadAsync(HttpResponseMessage response, string url)
    {
        var html = await response.Content.ReadAsStringAsync();
        return new Page(response, await Parser.ParseDocumentAsync(html), url);
    }

    /// <summary>Submits a form of <paramref name="page"/> with its current values, changed by <paramref name="changes"/> (null removes a field).</summary>
    public async Task<Page> SubmitAsync(Page page, string handler, IEnumerable<KeyValuePair<string, string?>>? changes = null)
    {
        var form = page.Form(handler);
        var fields = HtmlForms.Collect(form);
        foreach (var (name, value) in changes ?? [])
        {
            fields.RemoveAll(f => f.Key == name);
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        var action = form.GetAttribute("action");
        var url = string.IsNullOrEmpty(action) ? page.Url : action;
        return await PostFormAsync(url, fields);
    }

    public async Task<Page> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var body = string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
        using var content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
        content.Headers.ContentType!.CharSet = null;
        var response = await Client.PostAsync(url, content);
        return await ReadAsync(response, url);
    }

    /// <summary>Signs in through the real login form. Returns the response to the form post.</summary>
    public async Task<Page> LoginAsync(string email, string password = DemoDataSeeder.DemoPassword, string url = "/konto/log-ind")
    {
        var page = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return await SubmitAsync(page, "login", [new("Input.Email", email), new("Input.Password", password)]);
    }

    /// <summary>Signs in and asserts that it worked (a redirect away from the login page).</summary>
    public async Task SignInAsync(string email, string password = DemoDataSeeder.DemoPassword)
    {
        var result = await LoginAsync(email, password);
        Assert.True(result.Status == HttpStatusCode.Redirect,
            $"Sign-in as {email} failed: {(int)result.Status} {result.TestIdText("login-error")} {result.Text[..Math.Min(300, result.Text.Length)]}");
        Assert.Equal("/", Location(result.Response));
    }

    /// <summary>The redirect target as a local path and query (the app may send absolute URLs).</summary>
    public static string? Location(HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        if (location is null)
        {
            return null;
        }

        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    public void Dispose() => Client.Dispose();
}

/// <summary>Collects the values a browser would submit for a form (the "successful controls").</summary>
public static class HtmlForms
{
    public static List<KeyValuePair<string, string>> Collect(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled"))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement input:
                    var type = (input.GetAttribute("type") ?? "text").ToLowerInvariant();
                    if (type is "submit" or "button" or "reset" or "image" or "file")
                    {
                        continue;
                    }

                    if (type is "checkbox" or "radio")
                    {
                        if (input.HasAttribute("checked"))
                        {
                            fields.Add(new(name, input.GetAttribute("value") ?? "on"));
                        }

                        continue;
                    }

                    fields.Add(new(name, input.GetAttribute("value") ?? ""));
                    break;
                case IHtmlSelectElement select:
                    var options = select.QuerySelectorAll<IHtmlOptionElement>("option").ToList();
                    var selected = options.Where(o => o.HasAttribute("selected")).ToList();
                    if (selected.Count == 0 && !select.HasAttribute("multiple") && options.Count > 0)
                    {
                        selected.Add(options[0]);
                    }

                    fields.AddRange(selected.Select(o => new KeyValuePair<string, string>(name, o.GetAttribute("value") ?? o.TextContent)));
                    break;
                case IHtmlTextAreaElement textArea:
                    fields.Add(new(name, textArea.TextContent));
                    break;
            }
        }

        return fields;
    }
}
