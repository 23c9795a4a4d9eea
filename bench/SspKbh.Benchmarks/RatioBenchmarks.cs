using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace SspKbh.Benchmarks;

/// <summary>
/// Issue 15's throughput ratios in one run (<c>--ratios</c>): the app on Kestrel in this process (<see cref="BrowserHost"/>,
/// the bench database), 16 workers with a signed-in cookie each (<see cref="LoadGenerator"/>), and interleaved phases of
/// equal length so that other work on the machine falls alike on each: <c>/healthz</c>, <c>GET /sager</c> for the member
/// of the largest koordinationsgruppe and for the all-groups user, each with the audit write on and off
/// (<see cref="AuditWriteSwitch"/>). Each round starts with a different phase. Ratios are of requests per second.
/// </summary>
internal static class RatioBenchmarks
{
    public const int Workers = 16;

    /// <param name="postgres">Run the app on this PostgreSQL database (the generated data of <c>--db-cpu</c>) instead of
    /// SQLite; the CPU per request then adds the server processes that serve the app's connections.</param>
    public static async Task<int> RunAsync(bool quick, string? postgres = null)
    {
        if (postgres is not null && !await DatabaseCpuBenchmark.HasGeneratedDataAsync(postgres))
        {
            Console.WriteLine("The PostgreSQL database has no generated cases: make it first (docs/performance.md, issue 15's ratios).");
            return 1;
        }

        Console.WriteLine(postgres is null ? "Database: SQLite (this run's copy)." : "Database: PostgreSQL (" + new Npgsql.NpgsqlConnectionStringBuilder(postgres).Database + ").");
        var users = await BrowserUsers.PrepareAsync(postgres is null ? BenchApp.Build(BenchDatabase.RunPath) : BenchApp.BuildPostgres(postgres));
        var auditSwitch = new AuditWriteSwitch();
        await using var host = BrowserHost.Start(BenchDatabase.RunPath, s => AuditWriteSwitch.Register(s, auditSwitch), postgres);
        var group = await SignInAllAsync(host.BaseUrl, users.GroupMemberEmail);
        var all = await SignInAllAsync(host.BaseUrl, users.AllGroupsEmail);

        // The switch does what it says: one list view writes one entry with the audit on, none with it off.
        await CheckSwitchAsync(group[0], auditSwitch, host);

        var phases = new (string Name, IReadOnlyList<HttpClient> Clients, string Path, bool AuditOff)[]
        {
            ("/healthz", group, "healthz", false),
            ("/sager, largest group, audit on", group, "sager", false),
            ("/sager, largest group, audit off", group, "sager", true),
            ("/sager, all groups, audit on", all, "sager", false),
            ("/sager, all groups, audit off", all, "sager", true),
            // For the reading of "list ÷ /healthz": the lightest signed-in page (cookie, the user's record, a layout, no
            // case data and no audit entry), so a list view can be set against a page as well as against /healthz.
            ("/konto (signed in, no case data)", group, "konto", false),
        };
        var rounds = quick ? 2 : 3;
        var duration = TimeSpan.FromSeconds(quick ? 5 : 15);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Workers} workers; {rounds} rounds of {phases.Length} phases × {duration.TotalSeconds:F0} s (interleaved), after warm-up cycles of 3 s per phase until the JIT has settled."));

        // Warm up until the JIT has settled: with tiered compilation and PGO, methods of the app, EF Core and Blazor are
        // still being compiled again minutes after the start on 2 busy cores, and a phase measured during that pays for it
        // (the first runs of this benchmark had /healthz at 1,257/s in round 1 and 2,660/s in round 2).
        for (var cycle = 1; ; cycle++)
        {
            var jit = JitMark.Now();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            foreach (var phase in phases)
            {
                auditSwitch.Off = phase.AuditOff;
                await LoadGenerator.RunAsync(phase.Name, phase.Clients, (_, _) => phase.Path, TimeSpan.FromSeconds(3));
            }

            var (methods, jitMs) = jit.Since();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  warm-up cycle {cycle}: {methods} methods compiled, {jitMs:F0} ms in the JIT, load {Load()}"));
            // Settled: the JIT took under 2 % of the cycle's time (a few hundred methods are tiered up now and then for as
            // long as the process runs).
            if (jitMs < 0.02 * System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds || cycle == (quick ? 6 : 10))
            {
                break;
            }
        }

        var results = new List<PhaseResult>();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < phases.Length; i++)
            {
                var phase = phases[(i + round) % phases.Length];
                auditSwitch.Off = phase.AuditOff;
                var jit = JitMark.Now();
                var serverBefore = postgres is null ? [] : await DatabaseCpuBenchmark.ServerCpuAsync(postgres);
                var result = await LoadGenerator.RunAsync(phase.Name, phase.Clients, (_, _) => phase.Path, duration);
                var (methods, jitMs) = jit.Since();
                if (postgres is not null)
                {
                    var server = (await DatabaseCpuBenchmark.ServerCpuAsync(postgres)).Sum(p => (p.Value - serverBefore.GetValueOrDefault(p.Key)).Ticks);
                    result = result with { Cpu = result.Cpu + TimeSpan.FromTicks(server) };
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round + 1}: {phase.Name}: {result.PerSecond:F1}/s, p50 {result.Percentile(50):F1} ms, p95 {result.Percentile(95):F1} ms, errors {result.Errors}, JIT {methods} methods / {jitMs:F0} ms, load {Load()}"));
                results.Add(result);
            }
        }

        auditSwitch.Off = false;
        var combined = phases.Select(p => PhaseResult.Combine(p.Name, results.Where(r => r.Name == p.Name))).ToDictionary(r => r.Name);
        Console.WriteLine();
        Console.WriteLine(postgres is null ? PhaseResult.Header : PhaseResult.Header.Replace("(this process)", "(this process + PostgreSQL's server processes)", StringComparison.Ordinal));
        foreach (var result in combined.Values)
        {
            Console.WriteLine(result.Row());
        }

        double Rps(int i) => combined[phases[i].Name].PerSecond;
        Console.WriteLine();
        Console.WriteLine("| ratio (requests per second) | value | goal |");
        Console.WriteLine("|---|---:|---|");
        Ratio("largest group: audit on ÷ off", Rps(1) / Rps(2), 0.85);
        Ratio("all groups: audit on ÷ off", Rps(3) / Rps(4), 0.85);
        Ratio("largest group (audit on) ÷ /healthz", Rps(1) / Rps(0), 0.4);
        Ratio("all groups (audit on) ÷ /healthz", Rps(3) / Rps(0), 0.4);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| (for information) /konto ÷ /healthz; largest group (audit on) ÷ /konto | {Rps(5) / Rps(0):F2}; {Rps(1) / Rps(5):F2} | |"));
        foreach (var client in group.Concat(all))
        {
            client.Dispose();
        }

        return combined.Values.Any(r => r.Count == 0) ? 1 : 0;
    }

    private static void Ratio(string name, double value, double goal) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {value:F2} | ≥ {goal:F2}: {(value >= goal ? "met" : "MISSED")} |"));

    internal static async Task<List<HttpClient>> SignInAllAsync(Uri baseUrl, string email)
    {
        var clients = new List<HttpClient>();
        for (var i = 0; i < Workers; i++)
        {
            clients.Add(await LoadGenerator.SignInAsync(baseUrl, email, BrowserUsers.Password));
        }

        return clients;
    }

    private static async Task CheckSwitchAsync(HttpClient client, AuditWriteSwitch auditSwitch, BrowserHost host)
    {
        foreach (var off in new[] { false, true })
        {
            auditSwitch.Off = off;
            var before = await HeadAsync(host);
            using var response = await client.GetAsync("sager");
            var html = await response.Content.ReadAsStringAsync();
            var rows = html.Split("data-testid=\"case-row\"").Length - 1;
            var written = await HeadAsync(host) - before;
            Console.WriteLine($"Check: GET /sager with the audit {(off ? "off" : "on")}: {(int)response.StatusCode}, {rows} rows, {written} audit entries written.");
            if (response.StatusCode != System.Net.HttpStatusCode.OK || rows == 0 || written != (off ? 0 : 1))
            {
                throw new InvalidOperationException("The list or the audit switch does not behave as the benchmark assumes.");
            }
        }

        auditSwitch.Off = false;
    }

    /// <summary>The audit chain's newest sequence number, through the host's own database settings.</summary>
    private static async Task<long> HeadAsync(BrowserHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SspKbh.Web.Data.SspDbContext>();
        return await db.AuditEntries.MaxAsync(a => (long?)a.Sequence) ?? 0;
    }

    /// <summary>The audit chain's newest sequence number, read from the file directly.</summary>
    internal static async Task<long> HeadAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(Sequence), 0) FROM AuditEntries";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    internal static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

/// <summary>The JIT's work in this process since a mark: methods compiled (tier-ups included) and time spent.</summary>
internal readonly record struct JitMark(long Methods, TimeSpan Time)
{
    public static JitMark Now() => new(System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());

    public (long Methods, double Milliseconds) Since()
    {
        var now = Now();
        return (now.Methods - Methods, (now.Time - Time).TotalMilliseconds);
    }
}
