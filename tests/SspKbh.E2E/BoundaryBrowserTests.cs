using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using SspKbh.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace SspKbh.E2E;

/// <summary>
/// The §115 boundary in a real browser: as each non-authority demo user, every interactive page
/// (<see cref="InteractiveRoutes"/>, with every case id) is opened and left until its circuit has rendered.
/// Then everything that reached the browser is searched for the personal data in the database: the HTTP
/// responses (prerendered HTML), every message the circuit sent over its WebSocket (render batches) and
/// the DOM as it stands. The HTTP-level tests (BoundaryTests) cannot see the circuit's messages. Only the consent pages
/// (/delt…) may show what an active consent covers, and there it must have reached her.
/// </summary>
public sealed class BoundaryBrowserTests(TwoFactorOptionalApp app, ITestOutputHelper output) : IClassFixture<TwoFactorOptionalApp>
{
    [Theory]
    [InlineData("ikke-myndighed@sspkbh.dk")]
    [InlineData("fritid@sspkbh.dk")]
    public async Task A_non_authority_user_receives_no_personal_data_over_http_or_the_circuit(string email)
    {
        var personalData = PersonalData();
        Assert.True(personalData.Count > 50, "The demo data must hold personal data, or this test proves nothing.");
        var covered = CoveredByConsent(email);

        // What reached the browser on the consent pages (/delt…) is kept apart: only there may the consent show its data.
        await using var tracked = await app.NewPageAsync();
        var gate = new object();
        var elsewhere = new StringBuilder();
        var onShared = new StringBuilder();
        var received = elsewhere;
        var frames = 0;
        tracked.Page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
        {
            lock (gate)
            {
                frames++;
                received.Append(frame.Text ?? Encoding.UTF8.GetString(frame.Binary ?? [])).Append('\n');
            }
        };
        // Bodies are read after each navigation: awaiting inside Playwright's event would block its dispatcher.
        var responses = new System.Collections.Concurrent.ConcurrentQueue<IResponse>();
        tracked.Page.Response += (_, response) =>
        {
            if (response.Request.ResourceType is "document" or "fetch" or "xhr")
            {
                responses.Enqueue(response);
            }
        };

        await tracked.GotoAsync("/konto/log-ind");
        await tracked.SubmitLoginAsync(email);
        await tracked.ExpectUrlAsync(TrackedPage.HomeUrl(), "the home page after signing in");

        var visited = 0;
        var unfinished = 0;
        foreach (var url in Urls())
        {
            lock (gate)
            {
                received = IsSharedPage(url) ? onShared : elsewhere;
            }

            var response = await tracked.Page.GotoAsync(url);
            if (response is { Ok: true } && await tracked.IsInteractiveLayoutAsync())
            {
                await tracked.WaitForCircuitAsync();
                visited++;
            }

            var dom = await tracked.Page.EvaluateAsync<string>("() => document.documentElement.outerHTML + '\\n' + document.body.innerText");
            lock (gate)
            {
                received.Append(dom).Append('\n');
            }

            while (responses.TryDequeue(out var answered))
            {
                try
                {
                    // Bounded: the body of a fetch cut off by the next navigation never completes, and Playwright
                    // would wait for it for ever. A document's body must always be read.
                    var body = await answered.TextAsync().WaitAsync(TimeSpan.FromSeconds(20));
                    lock (gate)
                    {
                        (IsSharedPage(new Uri(answered.Url).AbsolutePath) ? onShared : elsewhere).Append(body).Append('\n');
                    }
                }
                catch (PlaywrightException)
                {
                    // A redirect has no body to read.
                }
                catch (TimeoutException) when (answered.Request.ResourceType != "document")
                {
                    unfinished++;
                }
            }
        }

        // Let the last circuit's messages arrive.
        await Task.Delay(500);
        string everywhereElse, sharedPages;
        lock (gate)
        {
            everywhereElse = elsewhere.ToString();
            sharedPages = onShared.ToString();
        }

        output.WriteLine($"{email}: {visited} interactive page(s) rendered by the circuit, {frames} WebSocket frame(s), {everywhereElse.Length + sharedPages.Length} characters searched; {unfinished} fetch bodies cut off by a navigation.");
        Assert.True(visited >= 1, "No interactive page was rendered by a circuit, so the circuit was not checked.");
        Assert.True(frames > 0, "No circuit message was received, so the circuit was not checked.");
        var leaks = personalData.Where(v => everywhereElse.Contains(v, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, $"{email} received personal data: {string.Join(", ", leaks.Take(10))}");
        var sharedLeaks = personalData.Where(v => !covered.Contains(v) && sharedPages.Contains(v, StringComparison.Ordinal)).ToList();
        Assert.True(sharedLeaks.Count == 0, $"{email} received personal data no consent covers on the consent pages: {string.Join(", ", sharedLeaks.Take(10))}");
        if (covered.Count > 0)
        {
            // The consent pages were walked over the circuit too: what the consent covers did reach her there.
            Assert.Contains(covered, v => sharedPages.Contains(v, StringComparison.Ordinal));
        }
    }

    private static bool IsSharedPage(string path) => path.StartsWith("/delt", StringComparison.Ordinal);

    /// <summary>Each route parameter of <see cref="InteractiveRoutes"/> and the ids it is filled with.</summary>
    private static readonly Dictionary<string, string> IdsOfParameter = new(StringComparer.Ordinal)
    {
        ["{Id:int}"] = "SELECT Id FROM Cases ORDER BY Id",
        ["{ConsentId:int}"] = "SELECT Id FROM Consents ORDER BY Id",
        // The meeting overview pages take a group: every group (a koordinationsgruppe, a ledergruppe, the guest's own lokaludvalg).
        ["{GroupId:int}"] = "SELECT Id FROM Groups ORDER BY Id",
        ["{LeaderGroupId:int}"] = "SELECT Id FROM Groups ORDER BY Id",
    };

    private IEnumerable<string> Urls()
    {
        foreach (var template in InteractiveRoutes.All)
        {
            if (template.StartsWith("/admin/", StringComparison.Ordinal))
            {
                // Administration refuses these users before it reads anything: one sample id per page is enough.
                yield return Regex.Replace(template, "{[^}]+}", "1");
                continue;
            }

            if (template == "/moeder/{Id:int}/punkter/{ItemId:int}")
            {
                // The minutes page: every agenda item of every meeting, the case items included.
                foreach (var (meeting, item) in Query("SELECT MeetingId, Id FROM AgendaItems ORDER BY Id", r => (r.GetInt32(0), r.GetInt32(1))))
                {
                    yield return FormattableString.Invariant($"/moeder/{meeting}/punkter/{item}");
                }

                continue;
            }

            var parameter = IdsOfParameter.Keys.SingleOrDefault(p => template.Contains(p, StringComparison.Ordinal));
            if (parameter is null)
            {
                Assert.DoesNotContain("{", template, StringComparison.Ordinal);
                yield return template;
                continue;
            }

            // Under /samtaler, {Id:int} is a conversation; under /moeder, a meeting.
            var ids = template.StartsWith("/samtaler/", StringComparison.Ordinal) ? "SELECT Id FROM ConcernConversations ORDER BY Id"
                : template.StartsWith("/moeder/", StringComparison.Ordinal) && parameter == "{Id:int}" ? "SELECT Id FROM Meetings ORDER BY Id"
                : IdsOfParameter[parameter];
            foreach (var id in Query(ids, r => r.GetInt32(0).ToString(CultureInfo.InvariantCulture)))
            {
                yield return template.Replace(parameter, id, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>
    /// What the active consents naming this user (or her party) let her see (retsplejeloven §115): the identity of the
    /// young person (name, birth date, school, club) and the actions of the case, as ConsentRegister shows them. A value
    /// the consented person shares with someone else (a school, say) is hers to see there too.
    /// </summary>
    private HashSet<string> CoveredByConsent(string email)
    {
        const string consents = """
            SELECT c.YoungPersonId, c.Information FROM Consents c JOIN ConsentRecipients r ON r.ConsentId = c.Id
            JOIN AspNetUsers u ON u.NormalizedEmail = upper($email) AND (r.UserId = u.Id OR r.PartyId = u.PartyId)
            WHERE c.WithdrawnOn IS NULL AND c.GivenOn <= date('now') AND c.ExpiresOn >= date('now')
            """;
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (personId, information) in Query(consents, r => (r.GetInt32(0), r.GetInt32(1)), ("$email", email)))
        {
            if ((information & 1) != 0)
            {
                covered.UnionWith(Query($"SELECT FullName, DateOfBirth, School, Club FROM YoungPersons WHERE Id = {personId}", r => new[]
                {
                    r.GetString(0), DateOnly.Parse(r.GetString(1), CultureInfo.InvariantCulture).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture),
                    r.IsDBNull(2) ? "" : r.GetString(2), r.IsDBNull(3) ? "" : r.GetString(3),
                }).SelectMany(v => v));
            }

            if ((information & 2) != 0)
            {
                covered.UnionWith(Query($"SELECT a.What FROM CaseActions a JOIN Cases c ON c.Id = a.CaseId WHERE c.YoungPersonId = {personId}", r => r.GetString(0)));
            }
        }

        covered.RemoveWhere(v => v.Trim().Length <= 3);
        return covered;
    }

    /// <summary>Names, birth dates, CPR numbers, addresses, schools, clubs, custody holders and case texts in the app's database.</summary>
    private List<string> PersonalData()
    {
        var values = new List<string>();
        values.AddRange(Query("SELECT FullName FROM YoungPersons", r => r.GetString(0)));
        values.AddRange(Query("SELECT Cpr FROM YoungPersons WHERE Cpr IS NOT NULL", r => r.GetString(0)));
        values.AddRange(Query("SELECT DateOfBirth FROM YoungPersons", r => DateOnly.Parse(r.GetString(0), CultureInfo.InvariantCulture).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)));
        values.AddRange(Query("SELECT Address FROM YoungPersons WHERE Address IS NOT NULL", r => r.GetString(0)));
        values.AddRange(Query("SELECT School FROM YoungPersons WHERE School IS NOT NULL", r => r.GetString(0)));
        values.AddRange(Query("SELECT Club FROM YoungPersons WHERE Club IS NOT NULL", r => r.GetString(0)));
        values.AddRange(Query("SELECT FullName FROM CustodyHolders", r => r.GetString(0)));
        values.AddRange(Query("SELECT Concern FROM Cases", r => r.GetString(0)));
        values.AddRange(Query("SELECT Text FROM JournalNotes", r => r.GetString(0)));
        values.AddRange(Query("SELECT What FROM CaseActions", r => r.GetString(0)));
        return values.Where(v => v.Trim().Length > 3).Distinct(StringComparer.Ordinal).ToList();
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection($"Data Source={app.Server.DatabasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
