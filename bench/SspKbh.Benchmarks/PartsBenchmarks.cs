using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Conversations;
using SspKbh.Web.Features.Home;

namespace SspKbh.Benchmarks;

/// <summary>
/// Diagnostics (--parts): the pieces of a case-list filter change timed one by one, in this process with no browser:
/// the page of rows with its audit entry (what the user waits for), the counts per level that follow it, and a bare
/// audit write of a page's 50 ids (its commit and fsync). Tells which piece to work on when the circuit's time is short.
/// </summary>
public static class PartsBenchmarks
{
    public static async Task<int> RunAsync(bool quick)
    {
        var iterations = quick ? 30 : 100;
        await using var app = BenchApp.Build(BenchDatabase.RunPath);
        var scenario = await BenchScenario.LoadAsync(app);
        Console.WriteLine("| piece, all 7 groups | median (ms) | p95 (ms) |");
        Console.WriteLine("|---|---:|---:|");
        // The filters in turn, as a user (and the browser benchmark) changes them: each rows read follows another filter's counts.
        var rows = CircuitBenchmarks.Filters.ToDictionary(f => f, _ => new List<TimeSpan>(), StringComparer.Ordinal);
        var counts = CircuitBenchmarks.Filters.ToDictionary(f => f, _ => new List<TimeSpan>(), StringComparer.Ordinal);
        for (var i = 0; i < iterations + 1; i++)
        {
            foreach (var filter in CircuitBenchmarks.Filters)
            {
                var parsed = CaseFilter.FromQueryString(filter);
                var rowsTime = await TimeOnceAsync(app, s => s.GetRequiredService<CaseListQuery>().RowsAsync(parsed, scenario.AllGroups, CancellationToken.None));
                var countsTime = await TimeOnceAsync(app, s => s.GetRequiredService<CaseListQuery>().CountsAsync(parsed, scenario.AllGroups, CancellationToken.None));
                if (i > 0)
                {
                    rows[filter].Add(rowsTime);
                    counts[filter].Add(countsTime);
                }
            }
        }

        foreach (var filter in CircuitBenchmarks.Filters)
        {
            CircuitBenchmarks.Row($"rows + audit, {filter}", rows[filter], "");
            CircuitBenchmarks.Row($"counts, {filter}", counts[filter], "");
        }

        var ids = Enumerable.Range(1, 50).Select(i => i * 1_913).ToList();
        CircuitBenchmarks.Row("audit entry of 50 ids alone", await TimeAsync(iterations, app, s => s.GetRequiredService<AuditService>()
            .WriteListAsync(new AuditEvent(AuditActions.CaseList, Purpose: "bench", Actor: scenario.AllGroups), "case", ids, CancellationToken.None)), "");
        return 0;
    }

    /// <summary>
    /// (--parts --home) The home page's pieces beside the case page, as the group's member and as the all-groups user,
    /// in one run: issue 15's goal is a home page that costs at most twice the case page. Then the same at 10,000 cases
    /// (a database of its own, generated once like the big one) for the goal "at most 1.5× from 10,000 to 100,000 cases".
    /// </summary>
    public static async Task<int> HomeAsync(bool quick)
    {
        var iterations = quick ? 30 : 100;
        Console.WriteLine("| piece | median (ms) | p95 (ms) |");
        Console.WriteLine("|---|---:|---:|");
        var big = await HomePiecesAsync(BenchDatabase.RunPath, iterations, print: true);

        // Two small databases: the audit trail scaled with the cases (10 entries per case, as the big one), and the big
        // one's 1,000,000 entries, so that the growth of the cases alone can be told from the growth of the audit chain
        // every page view appends to.
        foreach (var audit in new[] { SmallCases * 10L, BenchDatabase.AuditRows })
        {
            var smallPath = await SmallDatabaseAsync(audit);
            var small = (await HomePiecesAsync(smallPath, iterations, print: false)).ToDictionary(p => p.Name, p => p.Times, StringComparer.Ordinal);

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| median (ms) | {SmallCases:N0} cases, {audit:N0} audit entries | {BenchDatabase.Cases:N0} cases, {BenchDatabase.AuditRows:N0} audit entries | growth |"));
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var (name, times) in big)
            {
                var before = CircuitBenchmarks.Median(small[name]);
                var after = CircuitBenchmarks.Median(times);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {before:F1} | {after:F1} | {after / before:F2}× |"));
            }
        }

        return 0;
    }

    private const int SmallCases = 10_000;

    /// <summary>The pieces timed on one database, by name (in the order they were timed).</summary>
    private static async Task<List<(string Name, List<TimeSpan> Times)>> HomePiecesAsync(string path, int iterations, bool print)
    {
        await using var app = BenchApp.Build(path);
        var scenario = await BenchScenario.LoadAsync(app, pagesNeeded: path == BenchDatabase.RunPath);
        int caseId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SspDbContext>();
            caseId = await db.Cases.AsNoTracking().Where(c => c.CoordinationGroupId == scenario.GroupId).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync();
        }

        var pieces = new List<(string Name, List<TimeSpan> Times)>();
        async Task Piece(string name, Func<IServiceProvider, Task> work)
        {
            var times = await TimeAsync(iterations, app, work);
            pieces.Add((name, times));
            if (print)
            {
                CircuitBenchmarks.Row(name, times, "");
            }
        }

        foreach (var (who, user) in new[] { ("one group", scenario.GroupMember), ("all 7 groups", scenario.AllGroups) })
        {
            await Piece($"case page (load + audit), {who}", s => s.GetRequiredService<CasePageLoader>().LoadAsync(caseId, user, CancellationToken.None));
            await Piece($"home page (all of it), {who}", s => s.GetRequiredService<HomeDashboard>().LoadAsync(user, CancellationToken.None));
            await Piece($"  overdue count, {who}", s => s.GetRequiredService<CaseListQuery>().CountOverdueAsync(user, CancellationToken.None));
            await Piece($"  my actions, {who}", s => s.GetRequiredService<CaseListQuery>().MyActionsAsync(user, CancellationToken.None));
            await Piece($"  conversation counts, {who}", s => s.GetRequiredService<MyConversationsReader>().CountsAsync(user, CancellationToken.None));
        }

        return pieces;
    }

    /// <summary>A fresh copy of a 10,000-case database with this many audit entries (generated once into bench/.data with the same seed).</summary>
    private static async Task<string> SmallDatabaseAsync(long auditEntries)
    {
        var folder = Path.GetDirectoryName(BenchDatabase.RunPath)!;
        var cache = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"sspkbh-{SmallCases}-cases-{auditEntries}-audit-seed{BenchDatabase.Seed}.db"));
        if (!File.Exists(cache + ".complete"))
        {
            Console.WriteLine($"Generating the {SmallCases:N0}-case database in {cache} (once) ...");
            DeleteDatabase(cache);
            await using (var generating = BenchApp.Build(cache))
            {
                await ActivatorUtilities.CreateInstance<SspKbh.Web.Demo.DataGenerator>(generating.Services)
                    .GenerateAsync(new SspKbh.Web.Demo.GenerateOptions(SmallCases, auditEntries, BenchDatabase.Seed), null, CancellationToken.None);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await File.WriteAllTextAsync(cache + ".complete", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        }

        var run = Path.Combine(folder, "run-small.db");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        DeleteDatabase(run);
        File.Copy(cache, run);
        await using (var app = BenchApp.Build(run))
        {
            await DatabaseSetup.MigrateAsync(app.Services);
        }

        return run;
    }

    private static void DeleteDatabase(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    internal static async Task<TimeSpan> TimeOnceAsync(Microsoft.AspNetCore.Builder.WebApplication app, Func<IServiceProvider, Task> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var watch = Stopwatch.StartNew();
        await work(scope.ServiceProvider);
        return watch.Elapsed;
    }

    private static async Task<List<TimeSpan>> TimeAsync(int iterations, Microsoft.AspNetCore.Builder.WebApplication app, Func<IServiceProvider, Task> work)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < iterations + 5; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            await work(scope.ServiceProvider);
            if (i >= 5)
            {
                times.Add(watch.Elapsed);
            }
        }

        return times;
    }
}
