using System.Globalization;
using System.Text;
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
/// the DOM as it stands. The HTTP-level tests (BoundaryTests) cannot see the circuit's messages.
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

        await using var tracked = await app.NewPageAsync();
        var received = new StringBuilder();
        var frames = 0;
        tracked.Page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
        {
            lock (received)
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
            var response = await tracked.Page.GotoAsync(url);
            if (response is { Ok: true } && await tracked.IsInteractiveLayoutAsync())
            {
                await tracked.WaitForCircuitAsync();
                visited++;
            }

            var dom = await tracked.Page.EvaluateAsync<string>("() => document.documentElement.outerHTML + '\\n' + document.body.innerText");
            lock (received)
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
                    lock (received)
                    {
                        received.Append(body).Append('\n');
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
        string everything;
        lock (received)
        {
            everything = received.ToString();
        }

        output.WriteLine($"{email}: {visited} interactive page(s) rendered by the circuit, {frames} WebSocket frame(s), {everything.Length} characters searched; {unfinished} fetch bodies cut off by a navigation.");
        Assert.True(visited >= 1, "No interactive page was rendered by a circuit, so the circuit was not checked.");
        Assert.True(frames > 0, "No circuit message was received, so the circuit was not checked.");
        var leaks = personalData.Where(v => everything.Contains(v, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, $"{email} received personal data: {string.Join(", ", leaks.Take(10))}");
    }

    private IEnumerable<string> Urls()
    {
        var caseIds = Query("SELECT Id FROM Cases ORDER BY Id", r => r.GetInt32(0).ToString(CultureInfo.InvariantCulture));
        foreach (var template in InteractiveRoutes.All)
        {
            // Case pages with every case id; other pages' ids (administration) are no case's, one sample is enough.
            if (template.Contains("{Id:int}", StringComparison.Ordinal) && !template.StartsWith("/sager/", StringComparison.Ordinal))
            {
                yield return template.Replace("{Id:int}", "1", StringComparison.Ordinal);
            }
            else if (template.Contains("{Id:int}", StringComparison.Ordinal))
            {
                foreach (var id in caseIds)
                {
                    yield return template.Replace("{Id:int}", id, StringComparison.Ordinal);
                }
            }
            else
            {
                yield return template;
            }
        }
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

    private List<string> Query(string sql, Func<SqliteDataReader, string> read)
    {
        using var connection = new SqliteConnection($"Data Source={app.Server.DatabasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
