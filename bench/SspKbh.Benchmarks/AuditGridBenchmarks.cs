using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Features.Admin.AuditLog;

namespace SspKbh.Benchmarks;

/// <summary>
/// The audit viewer's grid at 1,000,000 entries (--audit-grid): one page request as the grid makes it
/// (<see cref="AuditLogGrid.PageAsync"/> in a fresh scope: the page, the capped count, the user names and the viewer's
/// own audit entry), for each filter the page offers, against the cheapest round trip (the baseline) in the same run,
/// interleaved so load on the machine falls on all of them alike.
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
            ("last 30 days", $"?fra={today.AddDays(-30).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)}", 0, false),
            ("one day, 400 days ago", $"?fra={day}&til={day}", 0, false),
            ("one day 400 days ago + action", $"?fra={day}&til={day}&handling=case.view", 0, false),
        };

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
