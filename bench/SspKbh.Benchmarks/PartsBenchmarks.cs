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
    /// in one run: issue 15's goal is a home page that costs at most twice the case page.
    /// </summary>
    public static async Task<int> HomeAsync(bool quick)
    {
        var iterations = quick ? 30 : 100;
        await using var app = BenchApp.Build(BenchDatabase.RunPath);
        var scenario = await BenchScenario.LoadAsync(app);
        int caseId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SspDbContext>();
            caseId = await db.Cases.AsNoTracking().Where(c => c.CoordinationGroupId == scenario.GroupId).OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync();
        }

        Console.WriteLine("| piece | median (ms) | p95 (ms) |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (who, user) in new[] { ("one group", scenario.GroupMember), ("all 7 groups", scenario.AllGroups) })
        {
            CircuitBenchmarks.Row($"case page (load + audit), {who}", await TimeAsync(iterations, app, s => s.GetRequiredService<CasePageLoader>().LoadAsync(caseId, user, CancellationToken.None)), "");
            CircuitBenchmarks.Row($"home page (all of it), {who}", await TimeAsync(iterations, app, s => s.GetRequiredService<HomeDashboard>().LoadAsync(user, CancellationToken.None)), "");
            CircuitBenchmarks.Row($"  overdue count, {who}", await TimeAsync(iterations, app, s => s.GetRequiredService<CaseListQuery>().CountOverdueAsync(user, CancellationToken.None)), "");
            CircuitBenchmarks.Row($"  my actions, {who}", await TimeAsync(iterations, app, s => s.GetRequiredService<CaseListQuery>().MyActionsAsync(user, CancellationToken.None)), "");
            CircuitBenchmarks.Row($"  conversation counts, {who}", await TimeAsync(iterations, app, s => s.GetRequiredService<ConversationService>().CountsAsync(user, CancellationToken.None)), "");
        }

        return 0;
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
