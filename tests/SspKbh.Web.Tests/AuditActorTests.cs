using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using SspKbh.Domain.Access;
using SspKbh.Domain.Audit;
using SspKbh.Web.Audit;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The audit trail records exactly the actor a write names: <see cref="AuditService"/> never reads the HTTP
/// context (there is none during an interactive Blazor UI event), so every <c>new AuditEvent(...)</c> in the app
/// must name its actor (<c>Actor:</c> or <c>ActorUserId:</c>), or be built with <see cref="AuditEvent.BySystem"/>.
/// </summary>
public sealed partial class AuditActorTests
{
    private const string AppFolder = "src/SspKbh.Web";

    [Fact]
    public void Every_audit_event_in_the_app_names_its_actor()
    {
        var root = Path.Combine(RepositoryRoot(), AppFolder);
        var sites = 0;
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                     .Where(f => !IsBuildOutput(root, f))
                     .Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var relative = Path.GetRelativePath(RepositoryRoot(), file).Replace('\\', '/');
            foreach (var (line, arguments) in AuditEventConstructions(text))
            {
                sites++;
                // The factory itself is the one place allowed to say "no user" with nulls.
                var inFactory = relative == $"{AppFolder}/Audit/AuditService.cs";
                if (ActorProblem(arguments, inFactory) is { } problem)
                {
                    problems.Add($"{relative}:{line}: {problem}");
                }
            }
        }

        Assert.True(sites > 30, $"The scan found only {sites} audit events under {AppFolder}; is it still looking in the right place?");
        Assert.True(problems.Count == 0,
            "Audit events that do not name their actor (pass Actor: the ClaimsPrincipal or ActorUserId:, or use AuditEvent.BySystem for work no user does):\n"
            + string.Join('\n', problems));
    }

    [Theory]
    [InlineData("""new AuditEvent("a", Actor: user)""", true)]
    [InlineData("""new AuditEvent("a", ActorUserId: user?.Id, SubjectId: "x")""", true)]
    [InlineData("""new AuditEvent("a", Details: "Actor: someone (")""", false)]
    [InlineData("""new AuditEvent("a", Details: $"n={Count(x, ')')}; {(int)level}", Actor: user)""", true)]
    [InlineData("""new AuditEvent("a", Details: Describe(new { Actor = 1 }))""", false)]
    [InlineData("""new AuditEvent("a", Actor: null)""", false)]
    [InlineData("""new AuditEvent("a", ActorUserId: null)""", false)]
    [InlineData("""audit.WriteAsync(new("a", SubjectType: "user"))""", false)]
    [InlineData("""AuditEvent e = new("a", Actor: user);""", true)]
    [InlineData("""AuditEvent.BySystem("a", SubjectType: "job")""", null)]
    public void The_scan_reads_arguments_past_strings_and_nested_calls(string code, bool? passes)
    {
        var found = AuditEventConstructions(code).ToList();
        if (passes is null)
        {
            Assert.Empty(found);
            return;
        }

        var (_, arguments) = Assert.Single(found);
        Assert.Equal(passes.Value, ActorProblem(arguments, inFactory: false) is null);
    }

    [Fact]
    public void The_audit_service_does_not_take_the_http_context()
    {
        var parameters = typeof(AuditService).GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType).ToList();
        Assert.NotEmpty(parameters);
        Assert.DoesNotContain(typeof(IHttpContextAccessor), parameters);
        Assert.Contains(typeof(SspKbh.Web.Infrastructure.OperationContext), parameters);
    }

    [Fact]
    public void Nothing_in_features_or_audit_takes_the_http_context_accessor()
    {
        var offenders = typeof(AuditService).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && (ns.StartsWith("SspKbh.Web.Features", StringComparison.Ordinal) || ns.StartsWith("SspKbh.Web.Audit", StringComparison.Ordinal)))
            .Where(t => t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(IHttpContextAccessor)))
                        || t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static).Any(f => f.FieldType == typeof(IHttpContextAccessor))
                        || t.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static).Any(p => p.PropertyType == typeof(IHttpContextAccessor)))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(offenders);
    }

    /// <summary>
    /// Every construction of an audit event: <c>new AuditEvent(</c>, and the target-typed <c>new(</c> handed straight to
    /// <c>WriteAsync</c>/<c>WriteListAsync</c> or assigned to an <c>AuditEvent</c> variable. Yields the line and the argument list.
    /// </summary>
    private static IEnumerable<(int Line, string Arguments)> AuditEventConstructions(string text)
    {
        foreach (Match match in Construction().Matches(text))
        {
            var open = match.Index + match.Length - 1;
            var close = FindCloser(text, open + 1, ')');
            yield return (text.AsSpan(0, match.Index).Count('\n') + 1, text[(open + 1)..close]);
        }
    }

    [GeneratedRegex(@"\bnew\s+AuditEvent\s*\(|\bWrite(?:List)?Async\s*\(\s*new\s*\(|\bAuditEvent\s+\w+\s*=\s*new\s*\(")]
    private static partial Regex Construction();

    [GeneratedRegex(@"^(?<name>Actor|ActorUserId)\s*:\s*(?<value>.*)$", RegexOptions.Singleline)]
    private static partial Regex ActorArgument();

    /// <summary>Null when the arguments name an actor; otherwise what is wrong.</summary>
    private static string? ActorProblem(string arguments, bool inFactory)
    {
        var actors = TopLevelArguments(arguments).Select(a => ActorArgument().Match(a)).Where(m => m.Success).ToList();
        if (actors.Count == 0)
        {
            return "no Actor: or ActorUserId: argument";
        }

        if (!inFactory && actors.All(m => m.Groups["value"].Value.Trim() == "null"))
        {
            return "the actor is a literal null; use AuditEvent.BySystem(...) for work no user does";
        }

        return null;
    }

    /// <summary>The arguments split at their top-level commas, trimmed.</summary>
    private static List<string> TopLevelArguments(string arguments)
    {
        var result = new List<string>();
        var start = 0;
        var depth = 0;
        for (var i = 0; i < arguments.Length; i++)
        {
            var skipped = SkipNonCode(arguments, i);
            if (skipped != i)
            {
                i = skipped - 1;
                continue;
            }

            switch (arguments[i])
            {
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    result.Add(arguments[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        result.Add(arguments[start..].Trim());
        return result;
    }

    /// <summary>The index of the <paramref name="closer"/> that closes the code starting at <paramref name="i"/>.</summary>
    private static int FindCloser(string s, int i, char closer)
    {
        var depth = 0;
        for (; i < s.Length; i++)
        {
            var skipped = SkipNonCode(s, i);
            if (skipped != i)
            {
                i = skipped - 1;
                continue;
            }

            var c = s[i];
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                if (depth == 0)
                {
                    return c == closer ? i : throw new InvalidOperationException($"Unbalanced '{c}' at {i}.");
                }

                depth--;
            }
        }

        throw new InvalidOperationException($"No closing '{closer}'.");
    }

    /// <summary>Past the string, character literal or comment starting at <paramref name="i"/>; <paramref name="i"/> itself when there is none.</summary>
    private static int SkipNonCode(string s, int i)
    {
        var c = s[i];
        var next = i + 1 < s.Length ? s[i + 1] : '\0';
        if (c == '/' && next == '/')
        {
            var end = s.IndexOf('\n', i);
            return end < 0 ? s.Length : end;
        }

        if (c == '/' && next == '*')
        {
            var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
            return end < 0 ? s.Length : end + 2;
        }

        if (c == '\'')
        {
            // 'x', '\'', '\\', '\u0041'
            return next == '\\' ? s.IndexOf('\'', i + 3) + 1 : i + 3;
        }

        var j = i;
        var interpolated = false;
        var verbatim = false;
        while (j < s.Length && s[j] is '$' or '@')
        {
            interpolated |= s[j] == '$';
            verbatim |= s[j] == '@';
            j++;
        }

        if (j >= s.Length || s[j] != '"')
        {
            return i;
        }

        var quotes = 0;
        while (j < s.Length && s[j] == '"')
        {
            quotes++;
            j++;
        }

        if (quotes >= 3)
        {
            // A raw string literal: ends at the next run of as many quotes (its holes are not read).
            var end = s.IndexOf(new string('"', quotes), j, StringComparison.Ordinal);
            return end < 0 ? s.Length : end + quotes;
        }

        if (quotes == 2)
        {
            return j; // ""
        }

        for (; j < s.Length; j++)
        {
            var d = s[j];
            if (d == '\\' && !verbatim)
            {
                j++;
            }
            else if (d == '"')
            {
                if (verbatim && j + 1 < s.Length && s[j + 1] == '"')
                {
                    j++;
                    continue;
                }

                return j + 1;
            }
            else if (d == '{' && interpolated)
            {
                if (j + 1 < s.Length && s[j + 1] == '{')
                {
                    j++;
                    continue;
                }

                j = FindCloser(s, j + 1, '}');
            }
        }

        return s.Length;
    }

    private static bool IsBuildOutput(string root, string file)
    {
        var parts = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SspKbh.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No SspKbh.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>An entry written during an HTTP request carries that request's correlation id and the user who made it.</summary>
public abstract class AuditActorHttpTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    [Fact]
    public async Task An_entry_written_in_a_request_carries_its_correlation_id_and_the_signed_in_user()
    {
        var user = await App.CreateUserAsync([AppRole.StatisticsReader]);
        using var browser = App.CreateBrowser();
        var login = await browser.LoginAsync(user.Email);
        Assert.Equal(HttpStatusCode.Redirect, login.Status);
        var cookies = login.Response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]);

        // The same request a browser would send, with a trace id the test knows.
        var correlationId = $"test-{Guid.NewGuid():N}";
        var context = await App.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = "/admin/brugere";
            c.Request.Headers.Cookie = string.Join("; ", cookies);
            c.TraceIdentifier = correlationId;
        });

        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        Assert.Equal(correlationId, context.TraceIdentifier);
        var entry = Assert.Single(await App.AuditEntriesAsync(a => a.CorrelationId == correlationId));
        Assert.Equal(AuditActions.AccessDenied, entry.Action);
        Assert.Equal(AuditOutcomes.Denied, entry.Outcome);
        Assert.Equal(user.Id, entry.UserId);
        Assert.Equal(nameof(AppRole.StatisticsReader), entry.Roles);
    }

    // An administrator's change on the interactive user page (two-factor reset) and its actor and operation id:
    // UserEditComponentTests.An_administrators_two_factor_reset_is_recorded_with_the_administrator_and_the_operation.
}

public sealed class AuditActorHttpTestsSqlite(SqliteApp fixture) : AuditActorHttpTests(fixture), IClassFixture<SqliteApp>;

public sealed class AuditActorHttpTestsPostgres(PostgresApp fixture) : AuditActorHttpTests(fixture), IClassFixture<PostgresApp>;
