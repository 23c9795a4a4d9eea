using System.Globalization;
using Microsoft.Data.Sqlite;

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

    public static async Task<int> RunAsync(bool quick)
    {
        var users = await BrowserUsers.PrepareAsync(BenchDatabase.RunPath);
        var auditSwitch = new AuditWriteSwitch();
        await using var host = BrowserHost.Start(BenchDatabase.RunPath, s => AuditWriteSwitch.Register(s, auditSwitch));
        var group = await SignInAllAsync(host.BaseUrl, users.GroupMemberEmail);
        var all = await SignInAllAsync(host.BaseUrl, users.AllGroupsEmail);

        // The switch does what it says: one list view writes one entry with the audit on, none with it off.
        await CheckSwitchAsync(group[0], auditSwitch);

        var phases = new (string Name, IReadOnlyList<HttpClient> Clients, string Path, bool AuditOff)[]
        {
            ("/healthz", group, "healthz", false),
            ("/sager, largest group, audit on", group, "sager", false),
            ("/sager, largest group, audit off", group, "sager", true),
            ("/sager, all groups, audit on", all, "sager", false),
            ("/sager, all groups, audit off", all, "sager", true),
        };
        var rounds = quick ? 2 : 3;
        var duration = TimeSpan.FromSeconds(quick ? 5 : 15);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Workers} workers; {rounds} rounds of {phases.Length} phases × {duration.TotalSeconds:F0} s (interleaved), after a 3 s warm-up of each."));

        foreach (var phase in phases)
        {
            auditSwitch.Off = phase.AuditOff;
            await LoadGenerator.RunAsync(phase.Name, phase.Clients, (_, _) => phase.Path, TimeSpan.FromSeconds(3));
        }

        var results = new List<PhaseResult>();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < phases.Length; i++)
            {
                var phase = phases[(i + round) % phases.Length];
                auditSwitch.Off = phase.AuditOff;
                var result = await LoadGenerator.RunAsync(phase.Name, phase.Clients, (_, _) => phase.Path, duration);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round + 1}: {phase.Name}: {result.PerSecond:F1}/s, p50 {result.Percentile(50):F1} ms, p95 {result.Percentile(95):F1} ms, errors {result.Errors}, load {Load()}"));
                results.Add(result);
            }
        }

        auditSwitch.Off = false;
        var combined = phases.Select(p => PhaseResult.Combine(p.Name, results.Where(r => r.Name == p.Name))).ToDictionary(r => r.Name);
        Console.WriteLine();
        Console.WriteLine(PhaseResult.Header);
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

    private static async Task CheckSwitchAsync(HttpClient client, AuditWriteSwitch auditSwitch)
    {
        foreach (var off in new[] { false, true })
        {
            auditSwitch.Off = off;
            var before = await HeadAsync(BenchDatabase.RunPath);
            using var response = await client.GetAsync("sager");
            var html = await response.Content.ReadAsStringAsync();
            var rows = html.Split("data-testid=\"case-row\"").Length - 1;
            var written = await HeadAsync(BenchDatabase.RunPath) - before;
            Console.WriteLine($"Check: GET /sager with the audit {(off ? "off" : "on")}: {(int)response.StatusCode}, {rows} rows, {written} audit entries written.");
            if (response.StatusCode != System.Net.HttpStatusCode.OK || rows == 0 || written != (off ? 0 : 1))
            {
                throw new InvalidOperationException("The list or the audit switch does not behave as the benchmark assumes.");
            }
        }

        auditSwitch.Off = false;
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
