using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Access;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Demo;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// Every form of every page, every field, with hostile values: oversized, script, SQL, wrong type,
/// out-of-range options and ids of records outside the user's scope. Never a 500, never an unescaped
/// payload, and nothing saved from a value that is not valid. Generic: a new form is covered as soon
/// as a page renders it.
/// </summary>
public abstract class HostileInputTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private const string Script = "<script>alert(1)</script>";
    private const string AttributeBreakout = "\"><img src=x onerror=alert(1)>";
    private const string Sql = "'; DROP TABLE \"Cases\"; --";
    private static readonly string Oversized = new('x', 100_000);

    /// <summary>Kinds of payload; for the strict ones nothing may be saved.</summary>
    private enum Kind
    {
        Oversized,
        OverMaxLength,
        Script,
        AttributeBreakout,
        Sql,
        WrongType,
        OutOfRange,
        Forged,
    }

    private static bool IsStrict(Kind kind) => kind is Kind.Oversized or Kind.OverMaxLength or Kind.WrongType or Kind.OutOfRange or Kind.Forged;

    private sealed record Payload(Kind Kind, string Value);

    private sealed record FormPage(string Route, string Url, string? Email, string Handler, int FieldCount);

    /// <summary>
    /// Interactive pages, whose forms live in a circuit and are never posted: this walker skips them by name, and the
    /// tests named here carry its hostile cases (oversized, script, SQL, wrong types, forged ids) for them. The walker
    /// still opens each one and fails if it renders a form that can be posted, so a static form is never skipped.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> InteractivePages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/admin/brugere"] = $"{nameof(UserEditComponentTests)} (search from the address, names shown as text)",
        ["/admin/brugere/ny"] = $"{nameof(UserAdministrationTests)} (every field: oversized, forged and out-of-range values, script and SQL, roles and groups against the database) and {nameof(UserEditComponentTests)} (maxlength, messages at the fields, script shown as text)",
        ["/admin/brugere/{Id}"] = $"{nameof(UserAdministrationTests)} (the same, forged and stale stamps, unknown ids, account actions for unknown users and non-administrators) and {nameof(UserEditComponentTests)}",
        ["/admin/frister"] = $"{nameof(DeadlinesTests)} (days out of range or missing, incomplete and forged rows, stale stamps, non-administrators; the message at the field)",
        ["/admin/organisation"] = $"{nameof(OrganisationComponentTests)} (names shown as text)",
        ["/admin/organisation/parter/ny"] = $"{nameof(OrganisationAdministrationTests)} (oversized, ill-formed and taken codes, script and SQL, non-administrators) and {nameof(OrganisationComponentTests)}",
        ["/admin/organisation/parter/{Id:int}"] = $"{nameof(OrganisationAdministrationTests)} (the same, stale and forged stamps, unknown ids)",
        ["/admin/organisation/grupper/ny"] = $"{nameof(OrganisationAdministrationTests)} (kinds out of range, unknown and wrong parents, unknown areas, taken names, script and SQL)",
        ["/admin/organisation/grupper/{Id:int}"] = $"{nameof(OrganisationAdministrationTests)} (the same, forged stamps, unknown ids) and {nameof(OrganisationComponentTests)}",
        ["/admin/organisation/omraader/{Id:int}"] = $"{nameof(OrganisationAdministrationTests)} (taken names, a group that is no koordinationsgruppe, unknown ids)",
        ["/sager/ny"] = $"{nameof(CaseRegisterServiceTests)} (every field: oversized, forged and out-of-range values, script and SQL) and {nameof(CaseRegisterComponentTests)} (maxlength, nothing shown as markup)",
        ["/sager/{Id:int}/samtaler/ny"] = $"{nameof(ConversationCreateTests)} (oversized, script, SQL, forged and other users' ids as the responsible, a case outside scope and an unknown case, nothing saved; the message at the field)",
        ["/sager/{Id:int}"] = $"{nameof(CaseWorkServiceHostileInputTests)} and {nameof(ConsentRegisterHostileInputTests)} (every save of every dialog and inline form: oversized, forged and out-of-range values, script and SQL, stale stamps, cases outside scope) and {nameof(CaseDetailsComponentTests)} and {nameof(CaseConsentComponentTests)} (limits and messages at the fields, script shown as text)",
    };

    /// <summary>Case pages and account pages as the secretary, /admin as the administrator, public pages anonymously.</summary>
    public static TheoryData<string> Areas() => new("admin", "sager", "konto og andre");

    [Theory]
    [MemberData(nameof(Areas))]
    public async Task Every_form_field_refuses_hostile_values_without_errors_reflection_or_saving(string area)
    {
        var values = await RouteValuesAsync();
        var failures = new List<string>();
        var covered = new List<FormPage>();
        var posts = 0;
        var interactive = new List<string>();
        foreach (var endpoint in PageEndpoints().Where(e => AreaOf(e) == area))
        {
            var route = endpoint.RoutePattern.RawText!;
            var url = RouteSamples.SampleUrl(endpoint.RoutePattern, ValuesFor(route, values));
            foreach (var email in CandidateUsers(endpoint))
            {
                using var browser = App.CreateBrowser();
                if (email is not null)
                {
                    await browser.SignInAsync(email);
                }

                var page = await browser.GetAsync(url);
                if (page.Status != HttpStatusCode.OK)
                {
                    continue;
                }

                if (InteractivePages.ContainsKey(route))
                {
                    interactive.Add(route);
                    if (PageForms.Named(page) is { Count: > 0 } forms)
                    {
                        failures.Add($"{url} is listed as interactive but renders the post form(s) {string.Join(", ", forms.Select(PageForms.Handler))}: remove it from {nameof(InteractivePages)}.");
                    }

                    break;
                }

                foreach (var handler in PageForms.Named(page).Select(PageForms.Handler).ToList())
                {
                    var (count, fields) = await AttackFormAsync(browser, url, handler, values, failures);
                    posts += count;
                    covered.Add(new FormPage(route, url, email, handler, fields));
                }

                break; // the first user who gets the page is the one with the widest access to it
            }
        }

        // The enumeration must find the forms, or this test proves nothing.
        var expected = area switch
        {
            // The user, organisation and deadline forms are interactive now (their hostile cases: UserAdministrationTests,
            // OrganisationAdministrationTests and DeadlinesTests); the administration pages still static are walked as found.
            "admin" => Array.Empty<string>(),
            // The case page's own forms (level, status, handover, goals, factors, actions, notes, reviewed) and the consent
            // register went into the interactive case page; their hostile cases are in CaseWorkServiceHostileInputTests and
            // ConsentRegisterHostileInputTests. The offer of a conversation is interactive too (ConversationCreateTests).
            // The walker still posts to every static case form it finds.
            "sager" => Array.Empty<string>(),
            _ => ["login"],
        };
        // Each interactive page of the area was found and opened (so the list cannot name a page that no longer exists).
        foreach (var route in InteractivePages.Keys.Where(r => AreaOf(r) == area))
        {
            Assert.True(interactive.Contains(route), $"The interactive page {route} was not found or not opened; its hostile cases are in {InteractivePages[route]}.");
        }

        foreach (var handler in expected)
        {
            Assert.True(covered.Any(c => c.Handler == handler),
                $"No form '{handler}' was found. Forms covered: {string.Join(", ", covered.Select(c => c.Route + "#" + c.Handler))}");
        }

        Assert.True(failures.Count == 0,
            $"{failures.Count} problems in {posts} posts to {covered.Count} forms:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(60))}");
    }

    [Fact]
    public async Task A_form_posted_to_a_case_outside_scope_or_to_an_unknown_id_is_refused_and_saves_nothing()
    {
        var values = await RouteValuesAsync();
        using var browser = App.CreateBrowser();
        await browser.SignInAsync("sekretaer@sspkbh.dk");
        using var admin = App.CreateBrowser();
        await admin.SignInAsync("admin@sspkbh.dk");
        var failures = new List<string>();
        var visited = new List<string>();
        foreach (var endpoint in PageEndpoints().Where(e => e.RoutePattern.Parameters.Any(p => p.Name == "Id")))
        {
            var route = endpoint.RoutePattern.RawText!;
            var isCase = route.StartsWith("/sager/", StringComparison.Ordinal);
            var client = isCase ? browser : admin;
            var page = await client.GetAsync(RouteSamples.SampleUrl(endpoint.RoutePattern, ValuesFor(route, values)));
            if (page.Status != HttpStatusCode.OK)
            {
                continue;
            }

            visited.Add(route);
            foreach (var form in PageForms.Named(page))
            {
                var fields = PageForms.Filled(form);
                var targets = new List<(string Id, HttpStatusCode[] Expected)>();
                if (isCase)
                {
                    targets.Add((values["case-outside"], [HttpStatusCode.Forbidden]));
                }

                // An unknown case is 404; an admin form may also answer with its Danish "not found" message.
                targets.Add((route.Contains("{Id:int}", StringComparison.Ordinal) ? "999999" : Guid.NewGuid().ToString(),
                    isCase ? [HttpStatusCode.NotFound] : [HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.OK]));
                foreach (var (id, expected) in targets)
                {
                    var url = RouteSamples.SampleUrl(endpoint.RoutePattern, new Dictionary<string, string> { ["Id"] = id });
                    var before = await SnapshotAsync();
                    var answer = await client.PostFormAsync(url, fields);
                    if (answer.Status == HttpStatusCode.OK && answer.Document.QuerySelector(".alert-error") is null)
                    {
                        failures.Add($"POST {url} ({PageForms.Handler(form)}) answered 200 without an error message");
                    }

                    if (!expected.Contains(answer.Status))
                    {
                        failures.Add($"POST {url} ({PageForms.Handler(form)}) answered {(int)answer.Status} {TestBrowser.Location(answer.Response)}, expected {string.Join("/", expected.Select(e => (int)e))}");
                    }

                    if (await SnapshotAsync() is var after && after != before)
                    {
                        failures.Add($"POST {url} ({PageForms.Handler(form)}) saved something: {before} -> {after}");
                    }
                }
            }
        }

        // (Saves of the case page itself and its consents to a case outside scope: CaseWorkServiceHostileInputTests and
        // ConsentRegisterHostileInputTests.)
        // (The offer of a conversation is interactive now: a case outside scope and an unknown case in ConversationCreateTests.)
        // (The admin forms with an id are interactive now: unknown ids in UserAdministrationTests and OrganisationAdministrationTests.)
        // Every page with an id is interactive or static without forms now, so the walk guards against a form page that
        // comes back; it must still reach the pages (a walk refused everywhere would check nothing).
        Assert.Contains("/sager/{Id:int}", visited);
        Assert.Contains(visited, r => r.StartsWith("/admin/", StringComparison.Ordinal));
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Posts the form once per field and payload; returns the number of posts and fields.</summary>
    private async Task<(int Posts, int Fields)> AttackFormAsync(TestBrowser browser, string url, string handler, IReadOnlyDictionary<string, string> values, List<string> failures)
    {
        var page = await browser.GetAsync(url);
        var form = PageForms.Named(page).Single(f => PageForms.Handler(f) == handler);
        var fieldElements = form.Elements
            .Where(e => e is IHtmlInputElement or IHtmlTextAreaElement or IHtmlSelectElement)
            .Where(e => e.GetAttribute("name") is { Length: > 0 } name && name is not PageForms.TokenField and not "_handler")
            .Where(e => e is not IHtmlInputElement i || (i.GetAttribute("type") ?? "text") is not ("submit" or "button" or "reset" or "image" or "file"))
            .GroupBy(e => e.GetAttribute("name")!)
            .Select(g => g.First())
            .ToList();
        var longForm = fieldElements.Count > 15;
        var posts = 0;
        for (var index = 0; index < fieldElements.Count; index++)
        {
            var element = fieldElements[index];
            var name = element.GetAttribute("name")!;
            foreach (var payload in PayloadsFor(element, index, longForm, values))
            {
                var fields = HtmlForms.Collect(form);
                fields.RemoveAll(f => f.Key == name);
                fields.Add(new(name, payload.Value));
                var before = await SnapshotAsync();
                var answer = await browser.PostFormAsync(url, fields);
                posts++;
                var problem = await CheckAnswerAsync(browser, answer, payload, before);
                if (problem is not null)
                {
                    failures.Add($"{url} #{handler} field {name} = {payload.Kind}: {problem}");
                }

                if (answer.Status == HttpStatusCode.Redirect)
                {
                    // Saved (allowed for text that is only odd): take a fresh form, so the concurrency stamp is current.
                    page = await browser.GetAsync(url);
                    form = PageForms.Named(page).FirstOrDefault(f => PageForms.Handler(f) == handler) ?? form;
                }
            }
        }

        return (posts, fieldElements.Count);
    }

    private static IEnumerable<Payload> PayloadsFor(IElement element, int index, bool longForm, IReadOnlyDictionary<string, string> values)
    {
        var type = element switch
        {
            IHtmlSelectElement => "select",
            IHtmlTextAreaElement => "textarea",
            _ => (element.GetAttribute("type") ?? "text").ToLowerInvariant(),
        };
        var name = element.GetAttribute("name")!;
        yield return new(Kind.Oversized, Oversized);
        yield return new(Kind.Script, Script);
        var extra = new List<Payload>();
        if (int.TryParse(element.GetAttribute("maxlength"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var max))
        {
            extra.Add(new(Kind.OverMaxLength, new string('y', max + 1)));
        }

        switch (type)
        {
            case "select":
                var options = element.QuerySelectorAll("option").Select(o => o.GetAttribute("value") ?? o.TextContent).ToHashSet(StringComparer.Ordinal);
                yield return new(Kind.OutOfRange, "999");
                extra.Add(new(Kind.OutOfRange, "-1"));
                extra.Add(new(Kind.OutOfRange, "IkkeEnMulighed"));
                extra.Add(new(Kind.WrongType, "abc"));
                var forged = ForgedValue(name, options, values);
                if (forged is not null)
                {
                    // Forged ids come first: they test the scope rule, the rest only the shape.
                    yield return new(Kind.Forged, forged);
                }

                break;
            case "checkbox" or "radio":
                yield return new(Kind.WrongType, "abc");
                extra.Add(new(Kind.OutOfRange, "999"));
                break;
            case "number" or "date" or "datetime-local" or "time":
                yield return new(Kind.WrongType, "abc");
                extra.Add(new(Kind.OutOfRange, "-1"));
                extra.Add(new(Kind.Sql, Sql));
                break;
            case "hidden":
                yield return new(Kind.WrongType, "abc");
                extra.Add(new(Kind.AttributeBreakout, AttributeBreakout));
                break;
            default:
                extra.Add(new(Kind.AttributeBreakout, AttributeBreakout));
                extra.Add(new(Kind.Sql, Sql));
                break;
        }

        // A long form gets one of the further payloads per field, in turn; a short form gets them all.
        if (longForm)
        {
            if (extra.Count > 0)
            {
                yield return extra[index % extra.Count];
            }
        }
        else
        {
            foreach (var payload in extra)
            {
                yield return payload;
            }
        }
    }

    /// <summary>An id of a real record of the kind the select offers, but one it does not offer (outside the user's scope or not allowed here).</summary>
    private static string? ForgedValue(string name, IReadOnlySet<string> options, IReadOnlyDictionary<string, string> values)
    {
        var pool = name.Contains("Area", StringComparison.Ordinal) ? "areas"
            : name.Contains("Group", StringComparison.Ordinal) && !name.Contains("Role", StringComparison.Ordinal) ? "groups"
            : name.Contains("Party", StringComparison.Ordinal) ? "parties"
            : name.Contains("User", StringComparison.Ordinal) ? "users"
            : null;
        return pool is null ? null : values[pool].Split(',').FirstOrDefault(v => !options.Contains(v));
    }

    private async Task<string?> CheckAnswerAsync(TestBrowser browser, Page answer, Payload payload, string before)
    {
        var status = (int)answer.Status;
        var body = await answer.Response.Content.ReadAsStringAsync();
        if (status >= 500)
        {
            return $"answered {status}";
        }

        if (Unescaped(body, answer) is { } reflected)
        {
            return $"the payload appears unescaped in the answer: …{reflected}…";
        }

        switch (answer.Status)
        {
            case HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity:
                // The form again, with a Danish message.
                var errors = answer.Document.QuerySelectorAll(".alert-error, [data-testid='field-error']").Select(e => Page.Normalize(e.TextContent)).ToList();
                if (errors.Count == 0)
                {
                    return $"answered {status} without an error message";
                }

                if (errors.FirstOrDefault(IsEnglishFrameworkMessage) is { } english)
                {
                    return $"the message is not Danish: {english}";
                }

                break;
            case HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.RequestEntityTooLarge:
                var heading = answer.TestIdText("status-heading");
                if (heading != Texts.BadRequest_Title && heading != Texts.Forbidden_Title && heading != Texts.NotFound_Title)
                {
                    return $"answered {status} without the Danish status page (heading '{heading}')";
                }

                break;
            case HttpStatusCode.Redirect when !IsStrict(payload.Kind):
                // Saved: odd text is allowed, but it must come out escaped where it is shown.
                var location = TestBrowser.Location(answer.Response) ?? "";
                if (location.StartsWith("/konto/log-ind", StringComparison.Ordinal))
                {
                    return $"sent to {location}";
                }

                var shown = await browser.GetAsync(location);
                if (Unescaped(await shown.Response.Content.ReadAsStringAsync(), shown) is { } stored)
                {
                    return $"the saved payload appears unescaped on {location}: …{stored}…";
                }

                return null;
            default:
                return $"answered {status} {TestBrowser.Location(answer.Response)}";
        }

        if (IsStrict(payload.Kind) && await SnapshotAsync() is var after && after != before)
        {
            return $"an invalid value was saved: {before} -> {after}";
        }

        return null;
    }

    /// <summary>Where a payload got into the HTML as markup rather than text.</summary>
    private static string? Unescaped(string body, Page page)
    {
        foreach (var marker in new[] { Script, "<img src=x onerror", "<img src=\"x\" onerror" })
        {
            var at = body.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                return body.Substring(Math.Max(0, at - 60), Math.Min(body.Length - Math.Max(0, at - 60), 120));
            }
        }

        var handler = page.Document.All.SelectMany(e => e.Attributes).FirstOrDefault(a =>
            a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) && a.Value.Contains("alert(1)", StringComparison.Ordinal));
        if (handler is not null)
        {
            return $"{handler.Name}=\"{handler.Value}\"";
        }

        var script = page.Document.QuerySelectorAll("script").FirstOrDefault(s => s.TextContent.Contains("alert(1)", StringComparison.Ordinal));
        return script is null ? null : script.OuterHtml;
    }

    /// <summary>ASP.NET Core's own English messages (form mapping, data annotations) instead of the app's Danish texts.</summary>
    private static bool IsEnglishFrameworkMessage(string message) =>
        new[] { "is not valid", "The value '", "The field ", "must be a", "is required", "is invalid" }
            .Any(m => message.Contains(m, StringComparison.Ordinal));

    /// <summary>Row counts of the main tables and the number of recorded changes: equal snapshots mean nothing was saved.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = App.CreateDbContext();
        var changes = await db.AuditEntries.CountAsync(a => a.Outcome == AuditOutcomes.Success &&
            (a.Action.StartsWith("admin.") || a.Action == AuditActions.CaseCreated || a.Action == AuditActions.CaseUpdate ||
             a.Action == AuditActions.PersonCreated || a.Action == AuditActions.TwoFactorEnabled));
        var counts = new[]
        {
            await db.Users.CountAsync(), await db.Parties.CountAsync(), await db.Groups.CountAsync(), await db.LocalAreas.CountAsync(),
            await db.GroupMemberships.CountAsync(), await db.YoungPersons.CountAsync(), await db.Cases.CountAsync(),
            await db.CaseLevelChanges.CountAsync(), await db.CaseStatusChanges.CountAsync(), await db.CaseActions.CountAsync(),
            await db.JournalNotes.CountAsync(), await db.CaseFactors.CountAsync(), await db.CaseFactorNotes.CountAsync(),
        };
        return $"changes={changes} rows={string.Join('/', counts)}";
    }

    private List<RouteEndpoint> PageEndpoints() =>
        App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata"))
            .Where(RouteSamples.AllowsGet)
            .ToList();

    private static string AreaOf(RouteEndpoint endpoint) => AreaOf(endpoint.RoutePattern.RawText ?? "");

    private static string AreaOf(string route)
    {
        return route.StartsWith("/admin", StringComparison.Ordinal) ? "admin"
            : route.StartsWith("/sager", StringComparison.Ordinal) ? "sager"
            : "konto og andre";
    }

    /// <summary>The users to try, widest access first; the first who gets the page is used.</summary>
    private static IEnumerable<string?> CandidateUsers(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return [null];
        }

        var route = endpoint.RoutePattern.RawText ?? "";
        return route.StartsWith("/admin", StringComparison.Ordinal)
            ? ["admin@sspkbh.dk"]
            : ["sekretaer@sspkbh.dk", "myndighed@sspkbh.dk", "leder@sspkbh.dk", "ikke-myndighed@sspkbh.dk", "statistik@sspkbh.dk", "admin@sspkbh.dk"];
    }

    private static Dictionary<string, string> ValuesFor(string route, IReadOnlyDictionary<string, string> values)
    {
        var segments = route.Trim('/').Split('/');
        var index = Array.FindIndex(segments, s => s.StartsWith("{Id", StringComparison.Ordinal));
        var key = index > 0 ? segments[index - 1] : "";
        var result = new Dictionary<string, string> { ["Code"] = "404" };
        if (index > 0)
        {
            result["Id"] = values.TryGetValue(key, out var v) ? v
                : throw new InvalidOperationException($"No sample id for {route}: add one in {nameof(HostileInputTests)}.{nameof(RouteValuesAsync)}.");
        }

        // Other parameters ({GroupId}, {ItemId}, ...) by name, when there is a sample; otherwise RouteSamples picks one.
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(route, @"\{(\w+)"))
        {
            var name = m.Groups[1].Value;
            if (name is not ("Id" or "Code") && values.TryGetValue(name, out var v))
            {
                result[name] = v;
            }
        }

        return result;
    }

    /// <summary>Ids from the database: a case the secretary sees (with a CPR number), one she does not, and the records the admin pages edit.</summary>
    private async Task<IReadOnlyDictionary<string, string>> RouteValuesAsync()
    {
        var scratch = await App.CreateUserAsync([AppRole.StatisticsReader]);
        await using var db = App.CreateDbContext();
        static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);
        var ownGroup = await db.Groups.Where(g => g.Name == "Koordinationsgruppe Amager Øst").Select(g => g.Id).SingleAsync();
        var inside = await db.Cases.Where(c => c.CoordinationGroupId == ownGroup)
            .Join(db.YoungPersons, c => c.YoungPersonId, p => p.Id, (c, p) => new { c.Id, p.Cpr, c.Level })
            .OrderByDescending(x => x.Cpr != null).ThenByDescending(x => x.Level).ThenBy(x => x.Id).Select(x => x.Id).FirstAsync();
        var outside = await db.Cases.Where(c => c.CoordinationGroupId != ownGroup).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var meeting = await db.Meetings.Where(m => m.GroupId == ownGroup).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["moeder"] = Text(meeting),
            ["samtaler"] = Text(await db.ConcernConversations.Where(c => c.CaseId == inside || db.Cases.Any(x => x.Id == c.CaseId && x.CoordinationGroupId == ownGroup)).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync()),
            ["GroupId"] = Text(ownGroup),
            ["LeaderGroupId"] = Text(await db.Groups.Where(g => g.Name == "SSP-ledergruppe Amager").Select(g => g.Id).SingleAsync()),
            ["ItemId"] = Text(await db.AgendaItems.Where(i => i.MeetingId == meeting && i.CaseId == null).OrderBy(i => i.Position).Select(i => i.Id).FirstAsync()),
            ["Version"] = "1",
            ["sager"] = Text(inside),
            ["case-outside"] = Text(outside),
            ["brugere"] = scratch.Id,
            ["parter"] = Text(await db.Parties.Where(p => p.Code == "ANDRE").Select(p => p.Id).SingleAsync()),
            ["grupper"] = Text(await db.Groups.Where(g => g.Kind == GroupKind.LocalCommittee).OrderBy(g => g.Id).Select(g => g.Id).FirstAsync()),
            ["omraader"] = Text(await db.LocalAreas.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync()),
            // Pools for forged ids in selects, other groups' records first.
            ["areas"] = string.Join(',', (await db.LocalAreas.Where(a => a.CoordinationGroupId != ownGroup).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync()).Select(Text)),
            ["groups"] = string.Join(',', (await db.Groups.Where(g => g.Id != ownGroup).OrderBy(g => g.Id).Select(g => g.Id).ToListAsync()).Select(Text)),
            ["parties"] = string.Join(',', (await db.Parties.Where(p => !p.IsPublicAuthority).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync()).Select(Text)),
            ["users"] = string.Join(',', await db.Users.Where(u => u.Email == "statistik@sspkbh.dk" || u.Email == "ikke-myndighed@sspkbh.dk").Select(u => u.Id).ToListAsync()),
        };
    }
}

public sealed class HostileInputTestsSqlite(SqliteApp fixture) : HostileInputTests(fixture), IClassFixture<SqliteApp>;

public sealed class HostileInputTestsPostgres(PostgresApp fixture) : HostileInputTests(fixture), IClassFixture<PostgresApp>;
