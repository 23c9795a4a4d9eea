using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Web.Audit;

namespace SspKbh.Benchmarks;

/// <summary>
/// Where the audit entry's cost goes (<c>--audit-write</c>, a diagnostic for issue 15's "audit on ÷ off"): one writer,
/// one entry at a time (no group commit), through the app's <see cref="AuditService"/> on this run's copy: an entry
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
                        await using var scope = app.Services.CreateAsyncScope();
                        var audit = scope.ServiceProvider.GetRequiredService<AuditService>();
                        var watch = Stopwatch.StartNew();
                        if (listed == 0)
                        {
                            await audit.WriteAsync(new AuditEvent(AuditActions.CaseView, SubjectType: "case", SubjectId: "7", Purpose: "bench", Actor: scenario.GroupMember));
                        }
                        else
                        {
                            await audit.WriteListAsync(new AuditEvent(AuditActions.CaseList, Purpose: "bench", Actor: scenario.GroupMember), "case", ids);
                        }

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
}
