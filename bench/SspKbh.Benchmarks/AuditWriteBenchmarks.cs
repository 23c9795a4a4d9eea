using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Web.Audit;

namespace SspKbh.Benchmarks;

/// <summary>
/// Where the audit entry's cost goes (<c>--audit-write</c>, a diagnostic for issue 15's "audit on ÷ off"): first 16
/// writers at once (group commit, as under the page load of <c>--ratios</c>), entries per second and CPU per entry; then one
/// writer, one entry at a time (no group commit), through the app's <see cref="AuditService"/> on this run's copy: an entry
/// without listed ids (a case view) and an entry of a list view's 50 ids, each timed (wall) and with this process's
/// CPU per entry; then the same once more after dropping the five choice indexes of the audit grid (ADR 0039) from the
/// copy, to see their share. The copy is thrown away after the run.
/// </summary>
internal static class AuditWriteBenchmarks
{
    private static readonly string[] ChoiceIndexes =
    [
        "IX_AuditEntries_UserId_Sequence_Choices", "IX_AuditEntries_Action_Sequence_Choices", "IX_AuditEntries_Party_Sequence_Choices",
        "IX_AuditEntries_Purpose_Sequence_Choices", "IX_AuditEntries_Outcome_Sequence_Choices",
    ];

    public static async Task<int> RunAsync(bool quick)
    {
        var entries = quick ? 60 : 200;
        await using (var app = BenchApp.Build(BenchDatabase.RunPath))
        {
            var scenario = await BenchScenario.LoadAsync(app);
            var ids = Enumerable.Range(1, 50).Select(i => i * 7).ToList();
            await ConcurrentAsync(app, scenario, ids, TimeSpan.FromSeconds(quick ? 5 : 15));
            Console.WriteLine($"{entries} entries per measure, one at a time; load {RatioBenchmarks.Load()}.");
            Console.WriteLine("| entry | indexes | wall median (ms) | wall p95 (ms) | CPU ms / entry |");
            Console.WriteLine("|---|---|---:|---:|---:|");
            foreach (var indexes in new[] { "all (as deployed)", "without the 5 choice indexes" })
            {
                if (indexes.StartsWith("without", StringComparison.Ordinal))
                {
                    SqliteConnection.ClearAllPools();
                    await using var connection = new SqliteConnection($"Data Source={BenchDatabase.RunPath}");
                    await connection.OpenAsync();
                    foreach (var index in ChoiceIndexes)
                    {
                        await using var drop = connection.CreateCommand();
                        drop.CommandText = $"DROP INDEX IF EXISTS \"{index}\"";
                        await drop.ExecuteNonQueryAsync();
                    }
                }

                foreach (var (name, listed) in new[] { ("case view (no listed ids)", 0), ("list view, 50 listed ids", 50) })
                {
                    var times = new List<double>();
                    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                    for (var i = 0; i < entries + 5; i++)
                    {
                        var watch = Stopwatch.StartNew();
                        await WriteOneAsync(app, scenario, ids, listed);
                        if (i == 4)
                        {
                            cpuBefore = Process.GetCurrentProcess().TotalProcessorTime; // after 5 warm-up writes
                        }
                        else if (i > 4)
                        {
                            times.Add(watch.Elapsed.TotalMilliseconds);
                        }
                    }

                    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / entries;
                    var sorted = times.Order().ToArray();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {name} | {indexes} | {PhaseResult.Percentile(sorted, 50):F2} | {PhaseResult.Percentile(sorted, 95):F2} | {cpu:F2} |"));
                }
            }
        }

        SqliteConnection.ClearAllPools();
        return 0;
    }

    /// <summary>One case view's entry (no listed ids) or one list view's (<paramref name="listed"/> &gt; 0), through the app's <see cref="AuditService"/>.</summary>
    private static async Task WriteOneAsync(Microsoft.AspNetCore.Builder.WebApplication app, BenchScenario scenario, List<int> ids, int listed)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<AuditService>();
        if (listed == 0)
        {
            await audit.WriteAsync(new AuditEvent(AuditActions.CaseView, SubjectType: "case", SubjectId: "7", Purpose: "bench", Actor: scenario.GroupMember));
        }
        else
        {
            await audit.WriteListAsync(new AuditEvent(AuditActions.CaseList, Purpose: "bench", Actor: scenario.GroupMember), "case", ids);
        }
    }

    /// <summary>
    /// As under load: 16 writers at once, each writing its next entry as soon as the last is committed, so the writer's
    /// group commit puts several in one transaction. Entries per second and this process's CPU per entry, first case
    /// views (no listed ids) then list views (50 ids), over <paramref name="duration"/> each after 2 s of warm-up.
    /// </summary>
    private static async Task ConcurrentAsync(Microsoft.AspNetCore.Builder.WebApplication app, BenchScenario scenario, List<int> ids, TimeSpan duration)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{RatioBenchmarks.Workers} concurrent writers, {duration.TotalSeconds:F0} s per line (group commit); load {RatioBenchmarks.Load()}."));
        Console.WriteLine("| entry | entries/s | wall median (ms) | wall p95 (ms) | CPU ms / entry |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, listed) in new[] { ("case view (no listed ids)", 0), ("list view, 50 listed ids", 50) })
        {
            async Task<List<double>> RunAsync(TimeSpan length)
            {
                var end = Stopwatch.StartNew();
                var writers = Enumerable.Range(0, RatioBenchmarks.Workers).Select(_ => Task.Run(async () =>
                {
                    var times = new List<double>();
                    while (end.Elapsed < length)
                    {
                        var watch = Stopwatch.StartNew();
                        await WriteOneAsync(app, scenario, ids, listed);
                        times.Add(watch.Elapsed.TotalMilliseconds);
                    }

                    return times;
                })).ToList();
                return (await Task.WhenAll(writers)).SelectMany(t => t).ToList();
            }

            await RunAsync(TimeSpan.FromSeconds(2));
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var all = await RunAsync(duration);
            var seconds = clock.Elapsed.TotalSeconds;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / all.Count;
            var sorted = all.Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {all.Count / seconds:F1} | {PhaseResult.Percentile(sorted, 50):F2} | {PhaseResult.Percentile(sorted, 95):F2} | {cpu:F2} |"));
        }

        Console.WriteLine();
    }
}
