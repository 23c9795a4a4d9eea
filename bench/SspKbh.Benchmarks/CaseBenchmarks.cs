using System.Globalization;
using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Data;
using SspKbh.Web.Demo;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Security;

namespace SspKbh.Benchmarks;

/// <summary>
/// One request's worth of work each: a DI scope (as ASP.NET Core creates per request), the service
/// call the page makes, and the audit entry the service writes. Measured one invocation at a time,
/// so the percentiles are per request.
/// </summary>
public class CaseBenchmarks
{
    public const string SearchTerm = "Hansen";

    private WebApplication _app = null!;
    private ClaimsPrincipal _groupMember = null!;
    private ClaimsPrincipal _allGroups = null!;
    private string _page1000Cursor = "";
    private string _page2000Cursor = "";
    private int _caseId;

    /// <summary>Set by --sql: log each command's SQL and time instead of measuring.</summary>
    public static bool LogSql { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _app = BenchApp.Build(BenchDatabase.RunPath, LogSql);
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SspDbContext>();

        var scenario = await BenchScenario.LoadAsync(_app);
        _groupMember = scenario.GroupMember;
        _allGroups = scenario.AllGroups;
        _page1000Cursor = scenario.Page1000Cursor;
        _page2000Cursor = scenario.Page2000Cursor;
        var groupId = scenario.GroupId;
        var coordination = scenario.CoordinationGroups;
        var visible = db.Cases.AsNoTracking().Where(c => coordination.Contains(c.CoordinationGroupId)).OrderByDescending(c => c.Id);
        const int rowsBefore = 1_999 * CaseListQuery.PageSize;
        var lastOfPage1999 = await visible.Skip(rowsBefore - 1).Select(c => c.Id).FirstAsync();

        // Check that assumption about the cursor against the app: page 1's cursor is its 50th row's id.
        var lastOfPage1 = await visible.Skip(CaseListQuery.PageSize - 1).Select(c => c.Id).FirstAsync();
        var page1 = await ListAsync(_allGroups, new CaseFilter());
        var page2000 = await ListAsync(_allGroups, new CaseFilter { After = _page2000Cursor });
        if (page1.NextCursor != lastOfPage1.ToString(CultureInfo.InvariantCulture) || page2000.Rows.Count != CaseListQuery.PageSize
            || page2000.Rows[0].Id >= lastOfPage1999)
        {
            throw new InvalidOperationException("The case list's cursor is not the last row's id any more; update the page-2,000 set-up.");
        }

        // A case of the group with level history, several actions, notes and status history.
        _caseId = await db.Cases.AsNoTracking()
            .Where(c => c.CoordinationGroupId == groupId && c.LevelHistory.Count >= 2 && c.StatusHistory.Count >= 1
                && db.CaseActions.Count(a => a.CaseId == c.Id) >= 3 && db.JournalNotes.Count(n => n.CaseId == c.Id) >= 2)
            .OrderByDescending(c => c.Id).Select(c => c.Id).FirstAsync();
        var (outcome, _) = await CasePageAsync();
        if (outcome != LookupOutcome.Found)
        {
            throw new InvalidOperationException("The benchmark case cannot be opened: " + outcome);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _app.DisposeAsync();

    [Benchmark(Baseline = true, Description = "Baseline: one Parties row")]
    public async Task<int> Baseline()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SspDbContext>();
        return (await db.Parties.AsNoTracking().FirstAsync()).Id;
    }

    [Benchmark(Description = "List p1, one group")]
    public async Task<int> ListFirstPage() => (await ListAsync(_groupMember, new CaseFilter())).Rows.Count;

    [Benchmark(Description = "List p1, level 2 + search")]
    public async Task<int> ListLevelAndSearch() =>
        (await ListAsync(_groupMember, new CaseFilter { Level = CaseLevel.FirstTimeCrime, Search = SearchTerm })).Rows.Count;

    [Benchmark(Description = "List p1, all groups")]
    public async Task<int> ListAllGroupsPage1() => (await ListAsync(_allGroups, new CaseFilter())).Rows.Count;

    [Benchmark(Description = "List p1000, all groups")]
    public async Task<int> ListAllGroupsPage1000() => (await ListAsync(_allGroups, new CaseFilter { After = _page1000Cursor })).Rows.Count;

    [Benchmark(Description = "List p2000, all groups")]
    public async Task<int> ListAllGroupsPage2000() => (await ListAsync(_allGroups, new CaseFilter { After = _page2000Cursor })).Rows.Count;

    /// <summary>The all-groups user's first page under a case-list query string (for the --sql diagnostics).</summary>
    public async Task<int> ListAllGroupsFiltered(string query) => (await ListAsync(_allGroups, CaseFilter.FromQueryString(query))).Rows.Count;

    [Benchmark(Description = "Case page")]
    public async Task<int> CasePage() => (await CasePageAsync()).View!.Actions.Count;

    private async Task<CasePage> ListAsync(ClaimsPrincipal user, CaseFilter filter)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CaseListQuery>().PageAsync(filter, user, CancellationToken.None);
    }

    private async Task<(LookupOutcome Outcome, CaseView? View)> CasePageAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CaseService>().GetAsync(_caseId, _groupMember, CancellationToken.None);
    }
}
