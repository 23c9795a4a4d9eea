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
    /// (databases of their own, generated once like the big one) for the goal "at most 1.5× from 10,000 to 100,000 cases".
    /// The three databases are open side by side, warmed up until the JIT has settled and measured in interleaved rounds,
    /// so that no database is timed with colder code than another (the first form timed the big one first, while the JIT
    /// was still tiering up the pieces it then ran on the small ones).
    /// </summary>
    public static async Task<int> HomeAsync(bool quick, bool sql = false)
    {
        if (sql)
        {
            // --sql: each piece once on the big database, with the SQL it sends.
            await using var logged = await HomeDatabase.OpenAsync(BenchDatabase.RunPath, logSql: true);
            foreach (var piece in logged.Pieces)
            {
                CircuitBenchmarks.Row(piece.Name, [await TimeOnceAsync(logged.App, piece.Work)], "");
            }

            return 0;
        }

        // Two small databases: the audit trail scaled with the cases (10 entries per case, as the big one), and the big
        // one's 1,000,000 entries, so that the growth of the cases alone can be told from the growth of the audit chain
        // every page view appends to.
        var small = new List<(long Audit, HomeDatabase Database)>();
        foreach (var audit in new[] { SmallCases * 10L, BenchDatabase.AuditRows })
        {
            small.Add((audit, await HomeDatabase.OpenAsync(await SmallDatabaseAsync(audit))));
        }

        await using var big = await HomeDatabase.OpenAsync(BenchDatabase.RunPath);
        var all = small.Select(s => s.Database).Prepend(big).ToList();
        try
        {
            for (var cycle = 1; ; cycle++)
            {
                var jit = JitMark.Now();
                var started = Stopwatch.GetTimestamp();
                foreach (var database in all)
                {
                    await database.RunAsync(20, record: false);
                }

                var (methods, jitMs) = jit.Since();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"warm-up cycle {cycle}: {methods} methods compiled, {jitMs:F0} ms in the JIT, load {RatioBenchmarks.Load()}"));
                if (jitMs < 0.02 * Stopwatch.GetElapsedTime(started).TotalMilliseconds || cycle == (quick ? 6 : 10))
                {
                    break;
                }
            }

            var rounds = quick ? 3 : 5;
            var perRound = (quick ? 30 : 100) / rounds;
            var measured = JitMark.Now();
            for (var round = 0; round < rounds; round++)
            {
                // Each round starts with a different database.
                for (var i = 0; i < all.Count; i++)
                {
                    await all[(round + i) % all.Count].RunAsync(perRound, record: true);
                }
            }

            var (measuredMethods, measuredJitMs) = measured.Since();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{rounds} rounds of {perRound} iterations per piece and database; {measuredMethods} methods compiled ({measuredJitMs:F0} ms) while measuring"));
            Console.WriteLine();
            Console.WriteLine("| piece | median (ms) | p95 (ms) |");
            Console.WriteLine("|---|---:|---:|");
            foreach (var piece in big.Pieces)
            {
                CircuitBenchmarks.Row(piece.Name, piece.Times, "");
            }

            foreach (var (audit, database) in small)
            {
                Console.WriteLine();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| median (ms) | {SmallCases:N0} cases, {audit:N0} audit entries | {BenchDatabase.Cases:N0} cases, {BenchDatabase.AuditRows:N0} audit entries | growth |"));
                Console.WriteLine("|---|---:|---:|---:|");
                foreach (var (piece, before) in big.Pieces.Zip(database.Pieces))
                {
                    var b = CircuitBenchmarks.Median(before.Times);
                    var a = CircuitBenchmarks.Median(piece.Times);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {piece.Name} | {b:F1} | {a:F1} | {a / b:F2}× |"));
                }
            }
        }
        finally
        {
            foreach (var (_, database) in small)
            {
                await database.DisposeAsync();
            }
        }

        return 0;
    }

    private const int SmallCases = 10_000;

    /// <summary>One database's app and the home page's pieces on it, each with the times recorded so far.</summary>
    private sealed class HomeDatabase : IAsyncDisposable
    {
        private HomeDatabase(Microsoft.AspNetCore.Builder.WebApplication app, List<HomePiece> pieces)
        {
            App = app;
            Pieces = pieces;
        }

        public Microsoft.AspNetCore.Builder.WebApplication App { get; }

        public List<HomePiece> Pieces { get; }

        public static async Task<HomeDatabase> OpenAsync(string path, bool logSql = false)
        {
            var app = BenchApp.Build(path, logSql);
            var scenario = await BenchScenario.LoadAsync(app, pagesNeeded: path == BenchDatabase.RunPath);
            int caseId;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SspDbContext>();
                caseId = await db.Cases.AsNoTracking().Where(c => c.CoordinationGroupId == scenario.GroupId).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync();
            }

            var pieces = new List<HomePiece>();
            foreach (var (who, user) in new[] { ("one group", scenario.GroupMember), ("all 7 groups", scenario.AllGroups) })
            {
                pieces.Add(new($"case page (load + audit), {who}", s => s.GetRequiredService<CasePageLoader>().LoadAsync(caseId, user, CancellationToken.None)));
                pieces.Add(new($"home page (all of it), {who}", s => s.GetRequiredService<HomeDashboard>().LoadAsync(user, CancellationToken.None)));
                pieces.Add(new($"  overdue count, {who}", s => s.GetRequiredService<CaseListQuery>().CountOverdueAsync(user, CancellationToken.None)));
                pieces.Add(new($"  my actions, {who}", s => s.GetRequiredService<CaseListQuery>().MyActionsAsync(user, CancellationToken.None)));
                pieces.Add(new($"  conversation counts, {who}", s => s.GetRequiredService<MyConversationsReader>().CountsAsync(user, CancellationToken.None)));
            }

            return new HomeDatabase(app, pieces);
        }

        /// <summary>Each piece in turn, this many times (after one run that is not timed).</summary>
        public async Task RunAsync(int iterations, bool record)
        {
            foreach (var piece in Pieces)
            {
                var times = await TimeAsync(iterations, App, piece.Work, untimed: 1);
                if (record)
                {
                    piece.Times.AddRange(times);
                }
            }
        }

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    private sealed record HomePiece(string Name, Func<IServiceProvider, Task> Work)
    {
        public List<TimeSpan> Times { get; } = [];
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

        var run = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"run-small-{auditEntries}.db"));
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

    private static async Task<List<TimeSpan>> TimeAsync(int iterations, Microsoft.AspNetCore.Builder.WebApplication app, Func<IServiceProvider, Task> work, int untimed = 5)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < iterations + untimed; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            await work(scope.ServiceProvider);
            if (i >= untimed)
            {
                times.Add(watch.Elapsed);
            }
        }

        return times;
    }
}
