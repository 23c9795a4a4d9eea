using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SspKbh.Web.Demo;
using SspKbh.Web.Security;

namespace SspKbh.Benchmarks;

/// <summary>
/// Issue 15's PostgreSQL ÷ SQLite CPU per request (<c>--db-cpu</c>) for the home page, the case list and the case page
/// (GET, i.e. the prerender: reads and audit entry in the request). Two copies of the app run side by side as processes
/// of their own (<see cref="AppProcess"/>): one on this run's SQLite copy, one on a PostgreSQL database that holds the
/// same generated data (100,000 cases, 1,000,000 audit entries, seed 42; made once with the app's <c>migrate</c> and
/// <c>generate</c> commands, see docs/performance.md). 16 workers signed in as the SOF member of the largest
/// koordinationsgruppe load one app at a time, in interleaved phases of equal length. CPU per request is the app
/// process's CPU time over the phase divided by the answers; for PostgreSQL the CPU time of the database's server
/// processes that serve the app's connections (pg_stat_activity of that database) is added, since SQLite does that
/// work inside the app's process. PostgreSQL's background processes (WAL writer, checkpointer) are not counted.
/// </summary>
internal static class DatabaseCpuBenchmark
{
    private const int SqlitePort = 5062;

    public static async Task<int> RunAsync(bool quick)
    {
        var postgres = BenchPostgres.ConnectionString;
        if (!await HasGeneratedDataAsync(postgres))
        {
            Console.WriteLine("The PostgreSQL database has no generated cases: make it first (docs/performance.md, issue 15's ratios).");
            return 1;
        }

        var sqliteTarget = await PrepareAsync(BenchApp.Build(BenchDatabase.RunPath), "SQLite");
        SqliteConnection.ClearAllPools();
        var postgresTarget = await PrepareAsync(BenchApp.BuildPostgres(postgres), "PostgreSQL");
        if (sqliteTarget != postgresTarget)
        {
            Console.WriteLine($"Warning: the two databases differ (SQLite {sqliteTarget}, PostgreSQL {postgresTarget}); each app is measured on its own.");
        }

        var folder = Path.GetDirectoryName(BenchDatabase.RunPath)!;
        var postgresPort = FreePort();
        var apps = new[]
        {
            (Name: "SQLite", Process: AppProcess.Sqlite(BenchDatabase.RunPath).Start(SqlitePort, Path.Combine(folder, "db-cpu-sqlite.log")), Url: new Uri($"http://127.0.0.1:{SqlitePort}/"), Target: sqliteTarget, Postgres: (string?)null),
            (Name: "PostgreSQL", Process: AppProcess.Postgres(postgres).Start(postgresPort, Path.Combine(folder, "db-cpu-postgres.log")), Url: new Uri($"http://127.0.0.1:{postgresPort}/"), Target: postgresTarget, Postgres: (string?)postgres),
        };
        try
        {
            var clients = new List<HttpClient>[apps.Length];
            for (var a = 0; a < apps.Length; a++)
            {
                Console.WriteLine($"{apps[a].Name}: started in {(await AppProcess.WaitForHealthAsync(apps[a].Url, apps[a].Process)).TotalSeconds:F1} s.");
                clients[a] = await RatioBenchmarks.SignInAllAsync(apps[a].Url, apps[a].Target.Email);
            }

            var pages = new (string Name, Func<Target, string> Path)[]
            {
                ("home /", _ => ""),
                ("case list /sager", _ => "sager"),
                ("case page /sager/{id}", t => string.Create(CultureInfo.InvariantCulture, $"sager/{t.CaseId}")),
            };
            var rounds = quick ? 1 : 2;
            var duration = TimeSpan.FromSeconds(quick ? 5 : 12);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{RatioBenchmarks.Workers} workers; {rounds} round(s) of {pages.Length * apps.Length} phases × {duration.TotalSeconds:F0} s (interleaved), after warm-up cycles of 3 s per phase until each app's CPU per request has settled."));

            // Warm up until the JIT has settled in both apps. They run in processes of their own, so their JIT is not
            // visible from here; its end shows as CPU per request that stops falling (PostgreSQL's app took 6 cycles of
            // --ratios to settle, SQLite's 3–5). Settled: each app within 5 % of its previous cycle.
            var previous = new double[apps.Length];
            for (var cycle = 1; ; cycle++)
            {
                var cpu = new double[apps.Length];
                var answers = new int[apps.Length];
                for (var p = 0; p < pages.Length; p++)
                {
                    for (var a = 0; a < apps.Length; a++)
                    {
                        var phase = await MeasureAsync(pages[p].Name, apps[a].Process, apps[a].Postgres, clients[a], pages[p].Path(apps[a].Target), TimeSpan.FromSeconds(3));
                        cpu[a] += phase.AppCpuMs + phase.DatabaseCpuMs;
                        answers[a] += phase.Http.Count;
                    }
                }

                var perRequest = cpu.Select((c, a) => c / Math.Max(1, answers[a])).ToArray();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  warm-up cycle {cycle}: CPU ms per request {string.Join(", ", apps.Select((app, a) => $"{app.Name} {perRequest[a]:F2}"))}, load {RatioBenchmarks.Load()}"));
                var settled = cycle > 1 && perRequest.Select((c, a) => Math.Abs(c - previous[a]) / previous[a]).All(change => change < 0.05);
                if (settled || cycle == (quick ? 6 : 10))
                {
                    break;
                }

                previous = perRequest;
            }

            var results = new List<(int App, int Page, CpuPhase Result)>();
            for (var round = 0; round < rounds; round++)
            {
                for (var p = 0; p < pages.Length; p++)
                {
                    for (var i = 0; i < apps.Length; i++)
                    {
                        var a = (i + round + p) % apps.Length;
                        var app = apps[a];
                        var path = pages[p].Path(app.Target);
                        var phase = await MeasureAsync(pages[p].Name, app.Process, app.Postgres, clients[a], path, duration);
                        results.Add((a, p, phase));
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  round {round + 1}: {app.Name}, {pages[p].Name}: {phase.Http.PerSecond:F1}/s, app {phase.AppCpuMs / phase.Http.Count:F2} + database {phase.DatabaseCpuMs / phase.Http.Count:F2} CPU ms per request, errors {phase.Http.Errors}, load {RatioBenchmarks.Load()}"));
                    }
                }
            }

            Console.WriteLine();
            Console.WriteLine("| page | SQLite: CPU ms / request (app) | PostgreSQL: app + server = CPU ms / request | PostgreSQL ÷ SQLite | goal ≤ 1.5 | requests/s SQLite / PostgreSQL |");
            Console.WriteLine("|---|---:|---:|---:|---|---:|");
            var missed = false;
            for (var p = 0; p < pages.Length; p++)
            {
                var sqlite = Sum(results.Where(r => r.App == 0 && r.Page == p).Select(r => r.Result));
                var pg = Sum(results.Where(r => r.App == 1 && r.Page == p).Select(r => r.Result));
                var ratio = pg.TotalPerRequest / sqlite.TotalPerRequest;
                missed |= ratio > 1.5;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {pages[p].Name} | {sqlite.TotalPerRequest:F2} | {pg.AppPerRequest:F2} + {pg.DatabasePerRequest:F2} = {pg.TotalPerRequest:F2} | {ratio:F2} | {(ratio <= 1.5 ? "met" : "MISSED")} | {sqlite.PerSecond:F1} / {pg.PerSecond:F1} |"));
            }

            foreach (var client in clients.SelectMany(c => c))
            {
                client.Dispose();
            }

            return 0;
        }
        finally
        {
            foreach (var app in apps)
            {
                await AppProcess.StopAsync(app.Process);
            }
        }
    }

    private static async Task<CpuPhase> MeasureAsync(string name, Process app, string? postgres, IReadOnlyList<HttpClient> clients, string path, TimeSpan duration)
    {
        var serverBefore = postgres is null ? [] : await ServerCpuAsync(postgres);
        var appBefore = Cpu(app.Id);
        var http = await LoadGenerator.RunAsync(name, clients, (_, _) => path, duration);
        var appCpu = Cpu(app.Id) - appBefore;
        var serverCpu = TimeSpan.Zero;
        if (postgres is not null)
        {
            foreach (var (pid, cpu) in await ServerCpuAsync(postgres))
            {
                serverCpu += cpu - serverBefore.GetValueOrDefault(pid);
            }
        }

        return new CpuPhase(http, appCpu.TotalMilliseconds, serverCpu.TotalMilliseconds);
    }

    private static TimeSpan Cpu(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        catch (ArgumentException)
        {
            return TimeSpan.Zero; // gone
        }
    }

    /// <summary>CPU time so far of each PostgreSQL server process connected to the database (not this monitoring connection).</summary>
    internal static async Task<Dictionary<int, TimeSpan>> ServerCpuAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
        var pids = new List<int>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                pids.Add(reader.GetInt32(0));
            }
        }

        return pids.ToDictionary(pid => pid, Cpu);
    }

    internal static async Task<bool> HasGeneratedDataAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM \"Cases\"", connection);
            return (long)(await command.ExecuteScalarAsync())! >= BenchDatabase.Cases;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    /// <summary>The SOF member of the largest koordinationsgruppe (a password, no two-factor) and that group's busiest case.</summary>
    private static async Task<Target> PrepareAsync(WebApplication app, string name)
    {
        await using (app)
        {
            var scenario = await BenchScenario.LoadAsync(app);
            var caseId = await CircuitBenchmarks.BusiestCaseAsync(app, scenario.GroupId);
            var email = string.Create(CultureInfo.InvariantCulture, $"sof.kg{scenario.GroupId}@{DataGenerator.StaffEmailDomain}");
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("Missing " + email);
            if (!await users.HasPasswordAsync(user))
            {
                await users.AddPasswordAsync(user, BrowserUsers.Password);
            }

            await users.SetTwoFactorEnabledAsync(user, false);
            Console.WriteLine($"{name}: group {scenario.GroupId}, case {caseId}.");
            return new Target(email, caseId);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Totals Sum(IEnumerable<CpuPhase> phases)
    {
        var list = phases.ToList();
        var count = list.Sum(p => p.Http.Count);
        return new Totals(list.Sum(p => p.AppCpuMs) / count, list.Sum(p => p.DatabaseCpuMs) / count,
            count / list.Sum(p => p.Http.Elapsed.TotalSeconds));
    }

    private sealed record Target(string Email, int CaseId);

    private sealed record CpuPhase(PhaseResult Http, double AppCpuMs, double DatabaseCpuMs);

    private sealed record Totals(double AppPerRequest, double DatabasePerRequest, double PerSecond)
    {
        public double TotalPerRequest => AppPerRequest + DatabasePerRequest;
    }
}

/// <summary>The PostgreSQL database with the generated data (<c>--db-cpu</c>, <c>--ratios --postgres</c>).</summary>
internal static class BenchPostgres
{
    public static string ConnectionString => Environment.GetEnvironmentVariable("SSPKBH_BENCH_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=sspkbh_ratios";
}
