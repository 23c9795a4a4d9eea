using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Access;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Demo;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// docs/security/authorization-matrix.md lists every endpoint with the scope each role has; these tests
/// hold the running app to it: the matrix and the endpoint data source name the same endpoints, and
/// every cell is what the demo user of that column gets.
/// </summary>
public abstract class AuthorizationMatrixTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private sealed record CaseRow(int Id, string Number, int GroupId, CaseLevel Level, int? SspPlusGroupId);

    private sealed record Scope(IReadOnlySet<int> MemberGroups, IReadOnlySet<int> ReviewGroups)
    {
        public bool Sees(string cell, CaseRow c) => cell switch
        {
            AuthorizationMatrix.OwnGroup => MemberGroups.Contains(c.GroupId),
            AuthorizationMatrix.LeaderGroup => ReviewGroups.Contains(c.GroupId) && c.Level.RequiresLevelForm(),
            AuthorizationMatrix.Received => MemberGroups.Contains(c.GroupId) || IsReceived(c),
            _ => false,
        };

        /// <summary>A case handed over to an SSP+ koordinationsgruppe the user is a member of (ADR 0030).</summary>
        public bool IsReceived(CaseRow c) => c.SspPlusGroupId is { } g && MemberGroups.Contains(g) && !MemberGroups.Contains(c.GroupId);

        public bool SeesAny(CaseRow c) => Sees(AuthorizationMatrix.OwnGroup, c) || Sees(AuthorizationMatrix.LeaderGroup, c) || IsReceived(c);
    }

    /// <summary>Every route endpoint except the static files (one per file in wwwroot, and the file fallback MapStaticAssets adds for the build output).</summary>
    private List<RouteEndpoint> Endpoints() =>
        App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(e => !IsStaticAsset(e)).ToList();

    private static bool IsStaticAsset(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor")
        || (endpoint.RoutePattern.RawText == "{**path:file}" && endpoint.Metadata.Any(m => m.GetType().Name == "FallbackMetadata"));

    private static IReadOnlyList<string> MethodsOf(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];

    [Fact]
    public void Every_endpoint_has_a_row_in_the_matrix_and_every_row_an_endpoint()
    {
        var (_, rows) = AuthorizationMatrix.Read();
        var endpoints = Endpoints();
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/sager/{Id:int}");
        Assert.True(endpoints.Count >= 30, $"Only {endpoints.Count} endpoints found: the enumeration is broken.");

        var problems = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var route = endpoint.RoutePattern.RawText ?? "";
            var methods = MethodsOf(endpoint);
            var listed = rows.Where(r => r.Route == route).SelectMany(r => r.Methods).ToList();
            if (listed.Count == 0)
            {
                problems.Add($"{string.Join(", ", methods)} `{route}` ({endpoint.DisplayName}) has no row. Add it to {AuthorizationMatrix.RelativePath} with a scope for every role.");
                continue;
            }

            var missing = methods.Except(listed, StringComparer.Ordinal).ToList();
            var extra = listed.Except(methods, StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"{string.Join(", ", missing)} `{route}` has no row (the endpoint accepts {string.Join(", ", methods)}). Add it to {AuthorizationMatrix.RelativePath}.");
            }

            if (extra.Count > 0)
            {
                problems.Add($"The matrix lists {string.Join(", ", extra)} `{route}`, but the endpoint accepts only {string.Join(", ", methods)}.");
            }

            if (listed.Count != listed.Distinct(StringComparer.Ordinal).Count())
            {
                problems.Add($"`{route}` names a method in more than one row.");
            }
        }

        foreach (var row in rows.Where(r => endpoints.All(e => e.RoutePattern.RawText != r.Route)))
        {
            problems.Add($"Row {row} has no endpoint in the app: fix the route template or remove the row.");
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_matrix_columns_are_the_roles_and_their_demo_users()
    {
        var (columns, _) = AuthorizationMatrix.Read();
        Assert.Equal("Anonymous", columns[0].Role);
        Assert.Null(columns[0].Email);
        foreach (var column in columns.Skip(1))
        {
            var role = Enum.Parse<AppRole>(column.Role);
            var demo = DemoDataSeeder.Users.SingleOrDefault(u => u.Email == column.Email);
            Assert.True(demo is not null, $"Column {column.Role}: {column.Email} is not a demo user.");
            Assert.Contains(role, demo.Roles);
        }

        // Every role that has a demo user has a column (AuthorityMember two: a koordinationsgruppe's and the SSP+ group's).
        Assert.Equal(Enum.GetValues<AppRole>().Where(r => DemoDataSeeder.Users.Any(u => u.Roles.Contains(r))).Order(),
            columns.Skip(1).Select(c => Enum.Parse<AppRole>(c.Role)).Distinct().Order());
        Assert.Equal(columns.Count, columns.Select(c => c.Key).Distinct().Count());
        Assert.Contains(columns, c => c.Email == "ssp-plus@sspkbh.dk");
    }

    public static TheoryData<string> Roles() =>
        new(AuthorizationMatrix.Read().Columns.Select(c => c.Key));

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_cell_of_the_matrix_holds_for(string role)
    {
        await App.EnsureSspPlusCasesAsync();
        var (columns, rows) = AuthorizationMatrix.Read();
        var column = columns.Single(c => c.Key == role);
        var endpoints = Endpoints();
        var cases = await CasesAsync();
        string? userId = column.Email is null ? null : await App.UserIdAsync(column.Email);
        var scope = await ScopeAsync(userId);
        var fixedValues = await FixedRouteValuesAsync();

        using var browser = App.CreateBrowser();
        if (column.Email is not null)
        {
            await browser.SignInAsync(column.Email);
        }

        var failures = new List<string>();
        var checks = 0;
        foreach (var row in rows)
        {
            var cell = row.Cells[role];
            var endpoint = endpoints.FirstOrDefault(e => e.RoutePattern.RawText == row.Route);
            if (endpoint is null)
            {
                continue; // reported by Every_endpoint_has_a_row_in_the_matrix_and_every_row_an_endpoint
            }

            // Posts may change a case (level, status), so the cases are read again for every row.
            cases = await CasesAsync();
            var isCaseRoute = row.Route.StartsWith("/sager/{Id", StringComparison.Ordinal);
            foreach (var method in row.Methods.Select(m => m == "*" ? "GET" : m))
            {
                var context = new RequestContext(browser, column, userId, endpoint, method, fixedValues);
                try
                {
                    checks++;
                    switch (cell)
                    {
                        case AuthorizationMatrix.Public or AuthorizationMatrix.Login when column.Email is not null:
                            failures.Add($"{row}: '{cell}' is only for the Anonymous column.");
                            break;
                        case AuthorizationMatrix.Public:
                            await ExpectAllowedAsync(context, caseId: null, cases, scope, cell);
                            break;
                        case AuthorizationMatrix.Login:
                            await ExpectLoginAsync(context);
                            break;
                        case AuthorizationMatrix.All or AuthorizationMatrix.Own:
                            await ExpectAllowedAsync(context, caseId: null, cases, scope, cell);
                            break;
                        case AuthorizationMatrix.OwnGroup or AuthorizationMatrix.LeaderGroup or AuthorizationMatrix.Received when !isCaseRoute:
                            await ExpectAllowedAsync(context, caseId: null, cases, scope, cell);
                            break;
                        case AuthorizationMatrix.OwnGroup or AuthorizationMatrix.LeaderGroup or AuthorizationMatrix.Received:
                        {
                            // 'modtaget' is tried on a received case where the user has one: it is what the scope adds.
                            var inside = (cell == AuthorizationMatrix.Received ? cases.FirstOrDefault(scope.IsReceived) : null)
                                ?? cases.FirstOrDefault(c => scope.Sees(cell, c))
                                ?? throw new InvalidOperationException($"the demo data has no case in '{cell}' scope of {column.Email}");
                            // Outside: for a ledergruppe a level 1–2 case of its groups, for a koordinationsgruppe's change a case
                            // handed over to the user's SSP+ group (read-only), otherwise any case out of scope.
                            var outside = (cell == AuthorizationMatrix.LeaderGroup
                                    ? cases.FirstOrDefault(c => scope.ReviewGroups.Contains(c.GroupId) && !scope.Sees(cell, c))
                                    : cell == AuthorizationMatrix.OwnGroup ? cases.FirstOrDefault(scope.IsReceived) : null)
                                ?? cases.FirstOrDefault(c => !scope.Sees(cell, c))
                                ?? throw new InvalidOperationException($"the demo data has no case outside '{cell}' scope of {column.Email}");
                            await ExpectAllowedAsync(context, inside.Id, cases, scope, cell);
                            await ExpectDeniedAsync(context, outside.Id, formFrom: inside.Id);
                            break;
                        }

                        case AuthorizationMatrix.No when column.Email is null:
                            failures.Add($"{row}: 'nej' is not a scope for anonymous users (use 'login' or 'offentlig').");
                            break;
                        case AuthorizationMatrix.No:
                        {
                            // Refused even for the case the user comes closest to seeing.
                            int? caseId = isCaseRoute
                                ? (cases.FirstOrDefault(c => scope.Sees(AuthorizationMatrix.OwnGroup, c)) ?? cases.FirstOrDefault(scope.SeesAny) ?? cases.First()).Id
                                : null;
                            await ExpectDeniedAsync(context, caseId, formFrom: caseId);
                            break;
                        }
                    }
                }
                catch (Exception ex) when (ex is Xunit.Sdk.XunitException or InvalidOperationException)
                {
                    failures.Add($"{method} {row.Route} as {role} ('{cell}'): {ex.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {checks} checks failed:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        Assert.True(checks >= rows.Count, $"Only {checks} checks ran for {rows.Count} rows.");
    }

    private sealed record RequestContext(
        TestBrowser Browser, MatrixColumn Column, string? UserId, RouteEndpoint Endpoint, string Method, IReadOnlyDictionary<string, string> FixedValues)
    {
        public string Route => Endpoint.RoutePattern.RawText ?? "";

        public bool AllowsGet => Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") ?? true;
    }

    private async Task ExpectLoginAsync(RequestContext context)
    {
        var page = await SendAsync(context, await UrlAsync(context, caseId: null), fields: PageForms.Probe(null));
        var location = TestBrowser.Location(page.Response) ?? "";
        Assert.True(page.Status == HttpStatusCode.Redirect && location.StartsWith("/konto/log-ind?ReturnUrl=", StringComparison.Ordinal),
            $"expected the redirect to /konto/log-ind, got {(int)page.Status} {location}");
    }

    /// <summary>The user gets the page (or their post is handled): no 403, no 5xx, no sign-in redirect; lists show no case outside scope.</summary>
    private async Task ExpectAllowedAsync(RequestContext context, int? caseId, List<CaseRow> cases, Scope scope, string cell)
    {
        var url = await UrlAsync(context, caseId);
        List<KeyValuePair<string, string>>? fields = null;
        if (context.Method == "POST")
        {
            // Post the page's own first form, filled in so that it gets past validation to the server's access
            // check (this may really save something), or a probe when the page has no form.
            var token = await TokenAsync(context);
            fields = PageForms.Probe(token);
            if (context.AllowsGet)
            {
                var form = await context.Browser.GetAsync(url);
                if (form.Status == HttpStatusCode.OK && PageForms.Named(form) is [var first, ..])
                {
                    fields = PageForms.Filled(first);
                }
            }
        }

        var before = await LastSequenceAsync();
        var page = await SendAsync(context, url, fields);
        var location = TestBrowser.Location(page.Response) ?? "";
        var status = (int)page.Status;
        Assert.False(location.StartsWith("/konto/log-ind?ReturnUrl=", StringComparison.Ordinal), $"{context.Method} {url} sent the user to sign in");
        Assert.False(page.Status == HttpStatusCode.Forbidden || page.TestIdText("status-heading") == Texts.Forbidden_Title, $"{context.Method} {url} answered 403");
        Assert.False(status >= 500, $"{context.Method} {url} answered {status}");
        if (context.Method == "GET")
        {
            // The circuit's hub endpoints speak SignalR, not plain GET: a signed-in user gets its protocol answer
            // (400 "connection id required", 405 "POST only"), which is neither a refusal nor a sign-in redirect.
            var hubProtocolAnswer = context.Route.StartsWith("/_blazor", StringComparison.Ordinal) && status is 400 or 405;
            Assert.True(status is >= 200 and < 400 || hubProtocolAnswer, $"GET {url} answered {status}");
        }
        else
        {
            // A post is either handled (re-rendered with messages, or redirected), or refused as a bad request when the page has no form.
            Assert.True(status is (>= 200 and < 400) or 400, $"POST {url} answered {status}");
        }

        if (context.UserId is not null)
        {
            await using var db = App.CreateDbContext();
            var denied = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Sequence > before && a.UserId == context.UserId && a.Outcome == AuditOutcomes.Denied)
                .Select(a => a.Action).ToListAsync();
            Assert.True(denied.Count == 0, $"{context.Method} {url} was refused behind the page: audit 'denied' {string.Join(", ", denied)}");
        }

        if (context.Method == "GET" && cell is AuthorizationMatrix.OwnGroup or AuthorizationMatrix.LeaderGroup or AuthorizationMatrix.Received && caseId is null)
        {
            var body = await page.Response.Content.ReadAsStringAsync();
            var leaked = cases.Where(c => !scope.Sees(cell, c) && body.Contains(c.Number, StringComparison.Ordinal)).Select(c => c.Number).ToList();
            Assert.True(leaked.Count == 0, $"GET {url} shows cases outside '{cell}' scope: {string.Join(", ", leaked)}");
        }

        await SignInAgainIfSignedOutAsync(context, location);
    }

    /// <summary>403 with the Danish page, and a new audit entry "denied" for this user.</summary>
    private async Task ExpectDeniedAsync(RequestContext context, int? caseId, int? formFrom)
    {
        var url = await UrlAsync(context, caseId);
        List<KeyValuePair<string, string>>? fields = null;
        if (context.Method == "POST")
        {
            // A complete, valid-looking form taken from a page the user may open (the same page, or the same
            // page of a case in scope), so only the access check can refuse it; otherwise a probe.
            fields = PageForms.Probe(await TokenAsync(context));
            if (context.AllowsGet)
            {
                var source = await context.Browser.GetAsync(await UrlAsync(context, formFrom));
                if (source.Status == HttpStatusCode.OK && PageForms.Named(source) is [var first, ..])
                {
                    fields = PageForms.Filled(first);
                }
            }
        }

        var before = await LastSequenceAsync();
        var page = await SendAsync(context, url, fields);

        Assert.True(page.Status == HttpStatusCode.Forbidden, $"{context.Method} {url} answered {(int)page.Status} {TestBrowser.Location(page.Response)}, expected 403");
        Assert.Equal(Texts.Forbidden_Title, page.TestIdText("status-heading"));
        await using var db = App.CreateDbContext();
        var denied = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Sequence > before && a.UserId == context.UserId && a.Outcome == AuditOutcomes.Denied)
            .Select(a => a.Action).ToListAsync();
        Assert.True(denied.Count > 0, $"{context.Method} {url}: no audit entry 'denied' for {context.Column.Email}");
    }

    private async Task<Page> SendAsync(RequestContext context, string url, List<KeyValuePair<string, string>>? fields) =>
        context.Method == "GET"
            ? await context.Browser.GetAsync(url)
            : await context.Browser.PostFormAsync(url, fields ?? []);

    /// <summary>A post that signs the user out (POST /konto/log-ud) must not end the rest of the checks.</summary>
    private static async Task SignInAgainIfSignedOutAsync(RequestContext context, string location)
    {
        if (context.Column.Email is not null && location.StartsWith("/konto/log-ind", StringComparison.Ordinal))
        {
            await context.Browser.SignInAsync(context.Column.Email);
        }
    }

    private static async Task<string?> TokenAsync(RequestContext context)
    {
        var page = await context.Browser.GetAsync(context.Column.Email is null ? "/konto/log-ind" : "/konto");
        return PageForms.Token(page);
    }

    private async Task<string> UrlAsync(RequestContext context, int? caseId)
    {
        var values = new Dictionary<string, string>(context.FixedValues, StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in context.Endpoint.RoutePattern.Parameters)
        {
            var key = RouteValueKey(context.Route, parameter);
            if (key == "case")
            {
                values[parameter.Name] = (caseId ?? (await CasesAsync()).First().Id).ToString(CultureInfo.InvariantCulture);
            }
            else if (context.FixedValues.TryGetValue(key, out var value))
            {
                values[parameter.Name] = value;
            }
            else
            {
                throw new InvalidOperationException(
                    $"no sample value for {{{parameter.Name}}} in {context.Route}: add one in {nameof(AuthorizationMatrixTests)}.{nameof(FixedRouteValuesAsync)}");
            }
        }

        var url = RouteSamples.SampleUrl(context.Endpoint.RoutePattern, values);
        if (context.Route == "/_framework/opaque-redirect")
        {
            // Blazor's redirect helper only follows an address the app protected itself.
            var protector = App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Microsoft.AspNetCore.Components.Endpoints.OpaqueRedirection,V1");
            url += "?url=" + Uri.EscapeDataString(protector.ToTimeLimitedDataProtector().Protect("/", TimeSpan.FromMinutes(5)));
        }

        return url;
    }

    /// <summary>Which kind of record a route parameter names: the segment before it ("sager", "parter", ...), or the parameter itself.</summary>
    private static string RouteValueKey(string route, RoutePatternParameterPart parameter)
    {
        var segments = route.Trim('/').Split('/');
        var index = Array.FindIndex(segments, s => s.StartsWith("{" + parameter.Name, StringComparison.Ordinal));
        var before = index > 0 ? segments[index - 1] : "";
        return before == "sager" && parameter.Name == "Id" ? "case" : before.Length > 0 && parameter.Name == "Id" ? before : parameter.Name;
    }

    /// <summary>Route values for records other than cases, from the database (keys: the segment before {Id}, or the parameter name).</summary>
    private async Task<IReadOnlyDictionary<string, string>> FixedRouteValuesAsync()
    {
        // A user of its own, so that saving the user form changes no demo user's session.
        var user = await App.CreateUserAsync([AppRole.StatisticsReader]);
        await using var db = App.CreateDbContext();
        string Text(int id) => id.ToString(CultureInfo.InvariantCulture);
        // The demo meeting of Koordinationsgruppe Amager Øst (agenda sent out, a guest without authority status).
        var meeting = await db.Meetings.OrderBy(m => m.Id).Select(m => new { m.Id, m.GroupId }).FirstAsync();
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Code"] = "404",
            ["brugere"] = user.Id,
            ["parter"] = Text(await db.Parties.Where(p => p.Code == "ANDRE").Select(p => p.Id).SingleAsync()),
            ["grupper"] = Text(await db.Groups.Where(g => g.Kind == GroupKind.LocalCommittee).OrderBy(g => g.Id).Select(g => g.Id).FirstAsync()),
            ["omraader"] = Text(await db.LocalAreas.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync()),
            ["ConsentId"] = Text(await db.Consents.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync()),
            ["YoungPersonId"] = Text(await db.YoungPersons.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync()),
            ["moeder"] = Text(meeting.Id),
            ["samtaler"] = Text(await db.ConcernConversations.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync()),
            ["GroupId"] = Text(meeting.GroupId),
            ["LeaderGroupId"] = Text(await db.Groups.Where(g => g.Kind == GroupKind.LeaderGroup && db.GroupMemberships.Any(m => m.GroupId == g.Id)).OrderBy(g => g.Id).Select(g => g.Id).FirstAsync()),
            ["ItemId"] = Text(await db.AgendaItems.Where(i => i.MeetingId == meeting.Id && i.CaseId == null).OrderBy(i => i.Position).Select(i => i.Id).FirstAsync()),
            // The checklist version seeded on every database.
            ["Version"] = "1",
        };
    }

    private async Task<List<CaseRow>> CasesAsync()
    {
        await using var db = App.CreateDbContext();
        return (await db.Cases.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.CaseNumber, c.CoordinationGroupId, c.Level, c.SspPlusGroupId }).ToListAsync())
            .Select(c => new CaseRow(c.Id, c.CaseNumber, c.CoordinationGroupId, c.Level, c.SspPlusGroupId)).ToList();
    }

    /// <summary>The scope the legend describes, computed from the memberships in the database (not through the app's CaseAccess).</summary>
    private async Task<Scope> ScopeAsync(string? userId)
    {
        await using var db = App.CreateDbContext();
        var user = userId is null ? null : await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        if (user is null || !user.IsAuthorityPerson)
        {
            return new Scope(new HashSet<int>(), new HashSet<int>());
        }

        var groups = await db.GroupMemberships.AsNoTracking().Where(m => m.UserId == userId)
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { g.Id, g.Kind }).ToListAsync();
        var member = groups.Where(g => g.Kind is GroupKind.CoordinationGroup or GroupKind.SspPlusCoordinationGroup).Select(g => g.Id).ToHashSet();
        var leaders = groups.Where(g => g.Kind is GroupKind.LeaderGroup or GroupKind.SspPlusLeaderGroup).Select(g => g.Id).ToList();
        var reviewed = (await db.Groups.AsNoTracking().Where(g => g.ParentGroupId != null && leaders.Contains(g.ParentGroupId.Value)).Select(g => g.Id).ToListAsync()).ToHashSet();
        return new Scope(member, reviewed);
    }

    private async Task<long> LastSequenceAsync()
    {
        await using var db = App.CreateDbContext();
        return await db.AuditEntries.MaxAsync(a => (long?)a.Sequence) ?? 0;
    }
}

public sealed class AuthorizationMatrixTestsSqlite(SqliteApp fixture) : AuthorizationMatrixTests(fixture), IClassFixture<SqliteApp>;

public sealed class AuthorizationMatrixTestsPostgres(PostgresApp fixture) : AuthorizationMatrixTests(fixture), IClassFixture<PostgresApp>;
