using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SspKbh.Tests.Shared;
using SspKbh.Web.Components.Interactive;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Home;

namespace SspKbh.Benchmarks;

/// <summary>
/// The interactive pages' server-side cost at 100,000 cases and 1,000,000 audit rows (issue 12), measured in one
/// run so the ratios hold whatever else the machine does. A page is rendered the way a circuit renders it: the
/// real component, Blazor's renderer, MudBlazor, the app's services and database through <see cref="UiOperations"/>.
/// bUnit is the circuit's stand-in: it also parses every render into a DOM for the checks, which a circuit does
/// not (it sends a binary diff instead), so the times are an upper bound of the server's work; the SignalR
/// connection and the browser are not included.
/// </summary>
public static class CircuitBenchmarks
{
    private const int Iterations = 60;
    private const int Circuits = 50;

    public static async Task<int> RunAsync(bool quick)
    {
        await using var app = BenchApp.Build(BenchDatabase.RunPath);
        var scenario = await BenchScenario.LoadAsync(app);
        var iterations = quick ? 20 : Iterations;
        Console.WriteLine($"Circuit benchmarks: {iterations} iterations, {Circuits} circuits, user in all {scenario.CoordinationGroups.Count} koordinationsgrupper (100,000 cases).");

        // 1. First interactive render of the case list: a new circuit opens /sager and shows page 1.
        var firstRender = await TimeAsync(iterations, async () =>
        {
            await using var circuit = new Circuit(app, scenario.AllGroups);
            var watch = Stopwatch.StartNew();
            var page = circuit.Open<CaseList>("/sager");
            page.WaitForAssertion(() => _ = page.FindAll("[data-testid='case-row']").Count == 50 ? 0 : throw new InvalidOperationException("rows"), TimeSpan.FromSeconds(30));
            return watch.Elapsed;
        });

        // 2. A filter change in an open list: the address changes, the rows for it are read and rendered. For the
        //    all-groups user (100,000 cases) and for a member of the largest koordinationsgruppe (the usual secretary),
        //    and the service call alone (a fresh scope, CaseListQuery.PageAsync) to split the time into query and render.
        var (filterChange, byFilter) = await FilterChangesAsync(app, scenario.AllGroups, iterations);
        var (groupFilterChange, groupByFilter) = await FilterChangesAsync(app, scenario.GroupMember, iterations);
        var serviceByFilter = new Dictionary<string, List<TimeSpan>>(StringComparer.Ordinal);
        foreach (var filter in Filters)
        {
            serviceByFilter[filter] = await TimeAsync(iterations / 2, async () =>
            {
                var watch = Stopwatch.StartNew();
                await using var scope = app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CaseListQuery>()
                    .PageAsync(CaseFilter.FromQueryString(filter), scenario.AllGroups, CancellationToken.None);
                return watch.Elapsed;
            });
        }

        // 3. The deepest page the list's paging reaches (page 2,000 by its cursor) against page 1, same circuit.
        var page1 = new List<TimeSpan>();
        var page2000 = new List<TimeSpan>();
        await using (var circuit = new Circuit(app, scenario.AllGroups))
        {
            var page = circuit.Open<CaseList>("/sager?sortering=Newest");
            WaitForQuery(page, "sortering=Newest");
            for (var i = 0; i < iterations + 5; i++)
            {
                foreach (var (query, into) in new[] { ($"efter={scenario.Page2000Cursor}&n={i}", page2000), ($"n={i}", page1) })
                {
                    var watch = Stopwatch.StartNew();
                    await page.InvokeAsync(() => circuit.Navigation.NavigateTo("/sager?" + query));
                    WaitForQuery(page, query);
                    if (i >= 5)
                    {
                        into.Add(watch.Elapsed);
                    }
                }
            }
        }

        // 4. First interactive render of a case page (all six tabs rendered): the group's case with the most actions.
        var caseId = await BusiestCaseAsync(app, scenario.GroupId);
        var caseRender = await TimeAsync(iterations, async () =>
        {
            await using var circuit = new Circuit(app, scenario.GroupMember);
            var watch = Stopwatch.StartNew();
            var page = circuit.OpenCase(caseId);
            page.WaitForAssertion(() => _ = page.FindAll("[data-testid='case-summary']").Count == 1 ? 0 : throw new InvalidOperationException("case"), TimeSpan.FromSeconds(30));
            return watch.Elapsed;
        });

        // 5. Managed memory per open circuit: 50 circuits on the case list (50 rows each), the home page and a case page.
        var listBytes = MemoryPerCircuit(app, scenario.AllGroups, c => c.Open<CaseList>("/sager"), p => p.FindAll("[data-testid='case-row']").Count == 50);
        var homeBytes = MemoryPerCircuit(app, scenario.GroupMember, c => c.Open<Home>("/"), p => p.FindAll("[data-testid='my-groups']").Count == 1);
        var caseBytes = MemoryPerCircuit(app, scenario.GroupMember, c => c.OpenCase(caseId), p => p.FindAll("[data-testid='case-summary']").Count == 1);

        Console.WriteLine();
        Console.WriteLine("| measurement | median (ms) | p95 (ms) | goal |");
        Console.WriteLine("|---|---:|---:|---|");
        Row("First interactive render, /sager page 1", firstRender, "");
        Row("Filter change (address → rows rendered)", filterChange, P95(filterChange) <= 50 ? "p95 ≤ 50 ms: met" : "p95 ≤ 50 ms: MISSED");
        foreach (var (filter, times) in byFilter)
        {
            Row($"  of which {filter}", times, "");
            Row($"    its service call alone (query and audit, no rendering)", serviceByFilter[filter], "");
        }

        Row("Filter change, member of the largest koordinationsgruppe", groupFilterChange, P95(groupFilterChange) <= 50 ? "p95 ≤ 50 ms: met" : "p95 ≤ 50 ms: MISSED");
        foreach (var (filter, times) in groupByFilter)
        {
            Row($"  of which {filter}", times, "");
        }

        Row("Page 1 in an open list", page1, "");
        Row("Page 2,000 in an open list", page2000, "");
        Row("First interactive render, case page (six tabs)", caseRender, "");
        var ratio = Median(page2000) / Median(page1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Deepest page / page 1: median {ratio:F2}×, p95 {P95(page2000) / P95(page1):F2}× — goal ≤ 1.2×: {(ratio <= 1.2 ? "met" : "MISSED")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Managed heap per circuit ({Circuits} circuits): case list {listBytes / 1024.0:F0} KB, home {homeBytes / 1024.0:F0} KB, case page {caseBytes / 1024.0:F0} KB — goal ≤ 1 MB each: {(Math.Max(Math.Max(listBytes, homeBytes), caseBytes) <= 1024 * 1024 ? "met" : "MISSED")}"));
        return 0;
    }

    /// <summary>The six filters the filter-change measurements rotate through (also BrowserCircuitBenchmarks').</summary>
    internal static readonly string[] Filters =
        ["niveau=WorryingBehaviour", "niveau=FirstTimeCrime", "status=Open&niveau=RepeatedSeriousCrime", "forsinket=true", "alder=From16To17", "niveau=CrimeDangerousToPersons"];

    /// <summary>Filter changes in one open list, the six filters in turn (5 warm-up changes first).</summary>
    private static async Task<(List<TimeSpan> All, Dictionary<string, List<TimeSpan>> ByFilter)> FilterChangesAsync(WebApplication app, ClaimsPrincipal user, int iterations)
    {
        var all = new List<TimeSpan>();
        var byFilter = new Dictionary<string, List<TimeSpan>>(StringComparer.Ordinal);
        await using var circuit = new Circuit(app, user);
        var page = circuit.Open<CaseList>("/sager");
        WaitForQuery(page, "");
        for (var i = 0; i < iterations + 5; i++)
        {
            var filter = Filters[i % Filters.Length];
            var query = filter + "&n=" + i.ToString(CultureInfo.InvariantCulture);
            var watch = Stopwatch.StartNew();
            await page.InvokeAsync(() => circuit.Navigation.NavigateTo("/sager?" + query));
            WaitForQuery(page, query);
            if (i >= 5)
            {
                all.Add(watch.Elapsed);
                (byFilter.TryGetValue(filter, out var list) ? list : byFilter[filter] = []).Add(watch.Elapsed);
            }
        }

        return (all, byFilter);
    }

    /// <summary>The case of the group with the most actions (a case page with something in every tab).</summary>
    internal static async Task<int> BusiestCaseAsync(WebApplication app, int groupId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SspKbh.Web.Data.SspDbContext>();
        return await db.Cases.AsNoTracking().Where(c => c.CoordinationGroupId == groupId)
            .OrderByDescending(c => db.CaseActions.Count(a => a.CaseId == c.Id))
            // Then by journal notes: with actions alone, SQLite's and PostgreSQL's copies of the generated data chose
            // different cases (--db-cpu), one with two notes and one without.
            .ThenByDescending(c => db.JournalNotes.Count(n => n.CaseId == c.Id))
            .ThenBy(c => c.Id).Select(c => c.Id).FirstAsync();
    }

    private static void WaitForQuery(IRenderedComponent<CaseList> page, string query) =>
        page.WaitForAssertion(() =>
        {
            var results = page.Find("[data-testid='case-results']");
            var shown = results.GetAttribute("data-shown-query") ?? "";
            if (shown.TrimStart('?') != query || results.GetAttribute("aria-busy") == "true")
            {
                throw new InvalidOperationException("not yet");
            }
        }, TimeSpan.FromSeconds(30));

    private static long MemoryPerCircuit<TPage>(WebApplication app, ClaimsPrincipal user, Func<Circuit, IRenderedComponent<TPage>> open, Func<IRenderedComponent<TPage>, bool> ready)
        where TPage : IComponent
    {
        var circuits = new List<(Circuit Circuit, IRenderedComponent<TPage> Page)>();
        var warm = new Circuit(app, user);
        var warmPage = open(warm);
        warmPage.WaitForAssertion(() => _ = ready(warmPage) ? 0 : throw new InvalidOperationException("not ready"), TimeSpan.FromSeconds(30));
        warm.DisposeAsync().AsTask().GetAwaiter().GetResult();
        var before = SettledHeap();
        for (var i = 0; i < Circuits; i++)
        {
            var circuit = new Circuit(app, user);
            var page = open(circuit);
            page.WaitForAssertion(() => _ = ready(page) ? 0 : throw new InvalidOperationException("not ready"), TimeSpan.FromSeconds(30));
            circuits.Add((circuit, page));
        }

        var after = SettledHeap();
        var perCircuit = (after - before) / Circuits;
        foreach (var (circuit, _) in circuits)
        {
            circuit.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return perCircuit;
    }

    internal static long SettledHeap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<List<TimeSpan>> TimeAsync(int iterations, Func<Task<TimeSpan>> once)
    {
        for (var i = 0; i < 3; i++)
        {
            await once();
        }

        var times = new List<TimeSpan>();
        for (var i = 0; i < iterations; i++)
        {
            times.Add(await once());
        }

        return times;
    }

    internal static void Row(string name, List<TimeSpan> times, string goal) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median(times):F1} | {P95(times):F1} | {goal} |"));

    internal static double Median(List<TimeSpan> times) => Percentile(times, 0.5);

    internal static double P95(List<TimeSpan> times) => Percentile(times, 0.95);

    private static double Percentile(List<TimeSpan> times, double p)
    {
        var sorted = times.Select(t => t.TotalMilliseconds).Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    /// <summary>One circuit's stand-in: a bUnit context wired like the app's circuit (as the component tests' host).</summary>
    private sealed class Circuit : BunitContext
    {
        private readonly ClaimsPrincipal user;

        public Circuit(WebApplication app, ClaimsPrincipal user)
        {
            this.user = user;
            JSInterop.Mode = JSRuntimeMode.Loose;
            Services.AddCircuitOf(app.Services, circuitId: null);
            Render<MudPopoverProvider>();
        }

        public NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

        public IRenderedComponent<TPage> Open<TPage>(string url)
            where TPage : IComponent
        {
            Navigation.NavigateTo(url);
            var state = Task.FromResult(new AuthenticationState(user));
            return Render<TPage>(b => b.AddCascadingValue(state));
        }

        /// <summary>Opens the case page of this case, as the router does for <c>/sager/{id}</c>.</summary>
        public IRenderedComponent<CaseDetails> OpenCase(int id)
        {
            Navigation.NavigateTo($"/sager/{id}");
            var state = Task.FromResult(new AuthenticationState(user));
            return Render<CaseDetails>(b => b.AddCascadingValue(state).Add(x => x.Id, id));
        }
    }
}
