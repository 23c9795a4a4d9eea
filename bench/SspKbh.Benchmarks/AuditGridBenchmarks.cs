using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Features.Admin.AuditLog;

namespace SspKbh.Benchmarks;

/// <summary>
/// The audit viewer's grid at 1,000,000 entries (--audit-grid): one page request as the grid makes it
/// (<see cref="AuditLogGrid.PageAsync"/> in a fresh scope: the page, the capped count, the user names and the viewer's
/// own audit entry), for each filter the page offers, against the cheapest round trip (the baseline) in the same run,
/// interleaved so load on the machine falls on all of them alike. Before measuring, SQLite's plan of each query a
/// request makes (EXPLAIN QUERY PLAN of the commands EF Core sent, with their parameters) is printed once.
/// </summary>
public static class AuditGridBenchmarks
{
    public static async Task<int> RunAsync(bool quick)
    {
        var iterations = quick ? 30 : 100;
        await using var app = BenchApp.Build(BenchDatabase.RunPath);
        var scenario = await BenchScenario.LoadAsync(app);
        var (admin, sample) = await SampleAsync(app, scenario);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var day = today.AddDays(-400).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
        var month = today.AddDays(-30).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
        var cases = new (string Name, string Query, int Page, bool OldestFirst)[]
        {
            ("no filter, page 1", "", 0, false),
            ("no filter, page 200 (the 10,000th entry)", "", 199, false),
            ("no filter, oldest first", "", 0, true),
            ("user", $"?bruger={sample.UserId}", 0, false),
            ("user, page 100", $"?bruger={sample.UserId}", 99, false),
            ("action case.view", "?handling=case.view", 0, false),
            ("party POL", "?part=POL", 0, false),
            ("outcome denied (none match)", "?udfald=denied", 0, false),
            ("purpose case-list", "?formaal=case-list", 0, false),
            ("subject: one case", $"?emnetype=case&emne={sample.CaseId}", 0, false),
            ("user + action", $"?bruger={sample.UserId}&handling=case.view", 0, false),
            ("party + action", "?part=POL&handling=case.view", 0, false),
            ("user + purpose case-list (no index of its own)", $"?bruger={sample.UserId}&formaal=case-list", 0, false),
            ("last 30 days", $"?fra={month}", 0, false),
            ("last 30 days, oldest first", $"?fra={month}", 0, true),
            ("last 30 days + user + action", $"?fra={month}&bruger={sample.UserId}&handling=case.view", 0, false),
            ("last 365 days", $"?fra={today.AddDays(-365).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)}", 0, false),
            ("one day, 400 days ago", $"?fra={day}&til={day}", 0, false),
            ("one day 400 days ago + action", $"?fra={day}&til={day}&handling=case.view", 0, false),
        };

        await PrintPlansAsync(app, admin, cases.Select(c => (c.Name, c.Query, c.Page, c.OldestFirst)));

        var baseline = new List<TimeSpan>();
        var times = cases.ToDictionary(c => c.Name, _ => new List<TimeSpan>(), StringComparer.Ordinal);
        for (var i = 0; i < iterations + 3; i++)
        {
            var baselineTime = await PartsBenchmarks.TimeOnceAsync(app, s => s.GetRequiredService<SspDbContext>().Parties.AsNoTracking().FirstAsync());
            if (i >= 3)
            {
                baseline.Add(baselineTime);
            }

            foreach (var (name, query, page, oldestFirst) in cases)
            {
                var filter = AuditFilter.FromQueryString(query);
                var request = new AuditGridRequest(page, AuditLogGrid.DefaultPageSize, oldestFirst);
                var time = await PartsBenchmarks.TimeOnceAsync(app, s => s.GetRequiredService<AuditLogGrid>().PageAsync(filter, request, admin, CancellationToken.None));
                if (i >= 3)
                {
                    times[name].Add(time);
                }
            }
        }

        var baseMedian = CircuitBenchmarks.Median(baseline);
        Console.WriteLine("| audit grid request, 1,000,000 entries | median (ms) | p95 (ms) | median / baseline |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| baseline (cheapest round trip) | {baseMedian:F1} | {CircuitBenchmarks.P95(baseline):F1} | 1.0 |"));
        foreach (var (name, _, _, _) in cases)
        {
            var median = CircuitBenchmarks.Median(times[name]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {median:F1} | {CircuitBenchmarks.P95(times[name]):F1} | {median / baseMedian:F1} |"));
        }

        var all = times.Values.SelectMany(t => t).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"All filters together: p95 {CircuitBenchmarks.P95(all):F1} ms over {all.Count} requests."));
        return 0;
    }

    /// <summary>
    /// Makes each request once and prints SQLite's plan of every query on the audit tables it sent (EF Core's
    /// diagnostic events give the commands; EXPLAIN QUERY PLAN runs them with the same parameters on a connection of
    /// its own), so a table scan or a sort ("USE TEMP B-TREE") shows.
    /// </summary>
    private static async Task PrintPlansAsync(WebApplication app, ClaimsPrincipal admin, IEnumerable<(string Name, string Query, int Page, bool OldestFirst)> cases)
    {
        var commands = new List<DbCommand>();
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e =>
                {
                    if (e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData data)
                    {
                        lock (commands)
                        {
                            commands.Add(data.Command);
                        }
                    }
                }));
            }
        }));

        await using var connection = new SqliteConnection($"Data Source={BenchDatabase.RunPath};Mode=ReadOnly");
        await connection.OpenAsync();
        Console.WriteLine("Query plans (SQLite, EXPLAIN QUERY PLAN) of each request's reads of the trail:");
        foreach (var (name, query, page, oldestFirst) in cases)
        {
            List<(string Text, List<(string Name, object? Value)> Parameters)> sent;
            lock (commands)
            {
                commands.Clear();
            }

            await PartsBenchmarks.TimeOnceAsync(app, s => s.GetRequiredService<AuditLogGrid>().PageAsync(
                AuditFilter.FromQueryString(query), new AuditGridRequest(page, AuditLogGrid.DefaultPageSize, oldestFirst), admin, CancellationToken.None));
            lock (commands)
            {
                sent = commands.Where(c => c.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
                                           && c.CommandText.Contains("\"AuditEntries\"", StringComparison.Ordinal))
                    .Select(c => (c.CommandText, c.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList())).ToList();
            }

            Console.WriteLine($"- {name}");
            foreach (var (text, parameters) in sent)
            {
                await using var explain = connection.CreateCommand();
                explain.CommandText = "EXPLAIN QUERY PLAN " + text;
                foreach (var (parameter, value) in parameters)
                {
                    explain.Parameters.AddWithValue(parameter, value ?? DBNull.Value);
                }

                var steps = new List<string>();
                await using (var reader = await explain.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        steps.Add(reader.GetString(3));
                    }
                }

                Console.WriteLine("    " + string.Join(" | ", steps));
            }
        }
    }

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnNext(T value) => next(value);

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }

    /// <summary>An administrator (the generated member with the Administrator role added) and a user and case that occur in the trail.</summary>
    private static async Task<(ClaimsPrincipal Admin, (string UserId, string CaseId) Sample)> SampleAsync(WebApplication app, BenchScenario scenario)
    {
        var identity = new ClaimsIdentity(scenario.GroupMember.Claims, scenario.GroupMember.Identity!.AuthenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Role, "Administrator"));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SspDbContext>();
        var sample = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.CaseView && a.UserId != null)
            .OrderByDescending(a => a.Sequence).Select(a => new { a.UserId, a.SubjectId }).FirstAsync();
        return (new ClaimsPrincipal(identity), (sample.UserId!, sample.SubjectId!));
    }
}
