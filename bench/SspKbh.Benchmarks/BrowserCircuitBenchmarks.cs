using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Playwright;
using SspKbh.Web.Features.Cases;

namespace SspKbh.Benchmarks;

/// <summary>
/// The interactive pages over real circuits (issue 12): the real app on Kestrel in this process (<see cref="BrowserHost"/>),
/// headless Chromium on it, every page its own SignalR circuit, two people signed in through the login page
/// (<see cref="BrowserUsers"/>). Unlike <see cref="CircuitBenchmarks"/> nothing stands in for the circuit, so the heap
/// per circuit is the server's; the times are the browser's round trips (SignalR both ways plus applying the render
/// batch to the DOM), an upper bound of the server-side time.
/// </summary>
public static class BrowserCircuitBenchmarks
{
    private const int Iterations = 60;
    private const int Circuits = 50;
    private const int WarmUp = 5;
    private static readonly TimeSpan CircuitTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(bool quick, bool gcdump, bool noMemory = false)
    {
        var iterations = quick ? 20 : Iterations;
        var users = await BrowserUsers.PrepareAsync(BenchDatabase.RunPath);
        await using var host = BrowserHost.Start(BenchDatabase.RunPath);
        await using var chromium = await Chromium.LaunchAsync(host.BaseUrl);
        var allGroups = await chromium.SignInAsync(users.AllGroupsEmail, BrowserUsers.Password);
        var groupMember = await chromium.SignInAsync(users.GroupMemberEmail, BrowserUsers.Password);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Browser benchmarks: app on {host.BaseUrl} (Kestrel, in this process, environment Production), headless Chromium; {iterations} iterations, {Circuits} circuits; " +
            $"all-groups user {users.AllGroupsEmail} ({users.Scenario.CoordinationGroups.Count} koordinationsgrupper), one-group user {users.GroupMemberEmail} (group {users.Scenario.GroupId}); case {users.CaseId}."));

        // 1. First interactive render of the case list: navigation start until the circuit has rendered page 1 (browser clock).
        //    Navigation Timing splits it: the document's first byte (the server's prerender) and DOMContentLoaded (scripts run).
        var firstRender = new List<TimeSpan>();
        var firstByte = new List<TimeSpan>();
        var contentLoaded = new List<TimeSpan>();
        for (var i = 0; i < iterations + 3; i++)
        {
            var (page, shownAt) = await Chromium.OpenAsync(allGroups, PageKind.CaseList);
            var (responseStart, domContentLoaded) = await Chromium.NavigationTimingAsync(page);
            await page.CloseAsync();
            if (i >= 3)
            {
                firstRender.Add(TimeSpan.FromMilliseconds(shownAt));
                firstByte.Add(TimeSpan.FromMilliseconds(responseStart));
                contentLoaded.Add(TimeSpan.FromMilliseconds(domContentLoaded));
            }
        }

        await host.Circuits.WaitForAsync(0, CircuitTimeout);

        // 2. A filter change in an open list, for each person.
        var byAllGroups = await FilterChangesAsync(allGroups, iterations);
        var byGroupMember = await FilterChangesAsync(groupMember, iterations);
        await host.Circuits.WaitForAsync(0, CircuitTimeout);

        // 3. Managed heap per open circuit, each kind against its own baseline of static pages taken just before.
        var memory = noMemory ? [] : new List<Memory>
        {
            await MemoryPerCircuitAsync(host, allGroups, PageKind.CaseList, "case list /sager, all groups", gcdump),
            await MemoryPerCircuitAsync(host, groupMember, PageKind.CaseList, "case list /sager, one group", gcdump: false),
            await MemoryPerCircuitAsync(host, groupMember, PageKind.CasePage(users.CaseId), PageKind.CasePage(users.CaseId).Name + ", one group", gcdump: false),
            await MemoryPerCircuitAsync(host, groupMember, PageKind.Home, "home /, one group", gcdump: false),
        };

        Console.WriteLine();
        Console.WriteLine("| measurement (browser round trips) | median (ms) | p95 (ms) | goal |");
        Console.WriteLine("|---|---:|---:|---|");
        CircuitBenchmarks.Row("First interactive render, /sager page 1, all groups (navigation start → 50 rows from the circuit)", firstRender, "");
        CircuitBenchmarks.Row("  of which until the document's first byte (prerender)", firstByte, "");
        CircuitBenchmarks.Row("  of which until DOMContentLoaded (scripts run)", contentLoaded, "");
        foreach (var (who, times) in new[] { ("all groups, 100,000 cases", byAllGroups), ("one group", byGroupMember) })
        {
            foreach (var (where, byFilter) in new[] { ("server: address in the circuit → rows rendered and sent", times.Server), ("browser: navigateTo → rows in the DOM", times.Browser) })
            {
                var all = byFilter.SelectMany(t => t.Value).ToList();
                CircuitBenchmarks.Row($"Filter change, {who} ({where})", all,
                    CircuitBenchmarks.P95(all) <= 50 ? "p95 ≤ 50 ms: met" : "p95 ≤ 50 ms: MISSED");
                foreach (var (filter, filterTimes) in byFilter)
                {
                    CircuitBenchmarks.Row($"  of which {filter}", filterTimes, "");
                }
            }
        }

        if (memory.Count == 0)
        {
            return 0;
        }

        Console.WriteLine();
        PrintMemory(memory);

        if (memory[0].TypeFiles is { } typeFiles)
        {
            HeapTypes.PrintGrowth(memory[0].Label, typeFiles.Control, typeFiles.Circuits, Circuits);
        }

        return 0;
    }

    private static double Mb(long bytes) => bytes / 1024.0 / 1024.0;

    internal static void PrintMemory(IReadOnlyList<Memory> memory)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| page ({Circuits} tabs each) | heap, no tabs (MB) | heap, {Circuits} static tabs (MB) | heap, {Circuits} circuits (MB) | per static tab (KB) | per circuit (KB) | goal ≤ 1 MB |"));
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var m in memory)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {m.Label} | {Mb(m.Empty):F1} | {Mb(m.Control):F1} | {Mb(m.WithCircuits):F1} | {(m.Control - m.Empty) / Circuits / 1024.0:F0} | {m.PerCircuit / 1024.0:F0} | {(m.PerCircuit <= 1024 * 1024 ? "met" : "MISSED")} |"));
        }
    }

    /// <summary>
    /// Rotates the six filters of CircuitBenchmarks through one open /sager tab; per filter the browser's round trip and
    /// the server's own time for the same change (<see cref="CaseListMetrics"/>, read in this process with a MeterListener).
    /// </summary>
    private static async Task<FilterTimes> FilterChangesAsync(IBrowserContext context, int iterations)
    {
        var filters = CircuitBenchmarks.Filters;
        var browser = filters.ToDictionary(f => f, _ => new List<TimeSpan>(), StringComparer.Ordinal);
        var server = filters.ToDictionary(f => f, _ => new List<TimeSpan>(), StringComparer.Ordinal);
        using var serverTimes = new ServerViewChanges();
        var (page, _) = await Chromium.OpenAsync(context, PageKind.CaseList);
        for (var i = 0; i < iterations + WarmUp; i++)
        {
            var filter = filters[i % filters.Length];
            serverTimes.Clear();
            var elapsed = await Chromium.ChangeFilterAsync(page, filter + "&n=" + i.ToString(CultureInfo.InvariantCulture));
            var onServer = await serverTimes.NextAsync();
            if (i >= WarmUp)
            {
                browser[filter].Add(TimeSpan.FromMilliseconds(elapsed));
                server[filter].Add(onServer);
            }
        }

        await page.CloseAsync();
        return new FilterTimes(browser, server);
    }

    private sealed record FilterTimes(Dictionary<string, List<TimeSpan>> Browser, Dictionary<string, List<TimeSpan>> Server);

    /// <summary>The case list's server-side view-change histogram, as the app in this process records it.</summary>
    private sealed class ServerViewChanges : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<TimeSpan> recorded = new();

        public ServerViewChanges()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CaseListMetrics.MeterName && instrument.Name == CaseListMetrics.ViewChangeName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => recorded.Enqueue(TimeSpan.FromSeconds(seconds)));
            listener.Start();
        }

        public void Clear() => recorded.Clear();

        /// <summary>The one change recorded since <see cref="Clear"/> (the browser can see the rows a moment before it is recorded).</summary>
        public async Task<TimeSpan> NextAsync()
        {
            for (var waited = 0; waited < 5_000; waited += 5)
            {
                if (recorded.TryDequeue(out var time))
                {
                    return time;
                }

                await Task.Delay(5);
            }

            throw new InvalidOperationException("The case list recorded no view change within 5 s of the rows appearing in the browser.");
        }

        public void Dispose() => listener.Dispose();
    }

    /// <summary>
    /// (heap with <see cref="Circuits"/> tabs of the kind open − heap with as many tabs of a static page open) / <see cref="Circuits"/>:
    /// the static tabs carry the same browser-driving objects in this process (Playwright's pages, frames, requests), so
    /// the difference is the circuits'. The app holds no circuit while the baseline is taken, and exactly
    /// <see cref="Circuits"/> connected ones when the tabs of the kind are measured.
    /// </summary>
    internal static async Task<Memory> MemoryPerCircuitAsync(BrowserHost host, IBrowserContext context, PageKind kind, string label, bool gcdump)
    {
        foreach (var warm in new[] { PageKind.Control, kind })
        {
            var (page, _) = await Chromium.OpenAsync(context, warm);
            await page.CloseAsync();
        }

        await host.Circuits.WaitForAsync(0, CircuitTimeout);
        var typeFiles = gcdump ? (Control: TypeFile("control"), Circuits: TypeFile("circuits")) : default((string Control, string Circuits)?);
        if (typeFiles is { } warmUp)
        {
            // The snapshot's own machinery (EventPipe, its event sources) stays once made; make it before the baseline.
            await HeapTypes.SnapshotAsync(warmUp.Control);
        }

        var empty = await SettledHeapAsync();
        var control = await OpenManyAsync(context, PageKind.Control);
        await host.Circuits.WaitForAsync(0, CircuitTimeout);
        var controlHeap = await SettledHeapAsync();
        if (typeFiles is { } beforeCircuits)
        {
            await HeapTypes.SnapshotAsync(beforeCircuits.Control);
        }

        await Chromium.CloseAllAsync(control);
        var pages = await OpenManyAsync(context, kind);
        await host.Circuits.WaitForAsync(Circuits, CircuitTimeout);
        var heap = await SettledHeapAsync();
        if (typeFiles is { } withCircuits)
        {
            await HeapTypes.SnapshotAsync(withCircuits.Circuits);
        }

        await Chromium.CloseAllAsync(pages);
        await host.Circuits.WaitForAsync(0, CircuitTimeout);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Measured {label}: heap {Mb(empty):F1} MB with no tabs, {Mb(controlHeap):F1} MB with {Circuits} static tabs, {Mb(heap):F1} MB with {Circuits} circuits."));
        return new Memory(label, empty, controlHeap, heap, typeFiles);
    }

    private static string TypeFile(string name) => Path.Combine(Path.GetDirectoryName(BenchDatabase.RunPath)!, $"heap-types-{name}.tsv");

    private static async Task<List<IPage>> OpenManyAsync(IBrowserContext context, PageKind kind)
    {
        var pages = new List<IPage>();
        for (var i = 0; i < Circuits; i++)
        {
            pages.Add((await Chromium.OpenAsync(context, kind)).Page);
        }

        return pages;
    }

    /// <summary>
    /// The heap after full collections, once it has stopped shrinking: for a minute or so after a burst of work (opening
    /// 50 tabs, rotating filters) the settled heap still fell in steps of up to 10 MB (200 KB per circuit), by the look of
    /// it pooled buffers handed back. Read every 5 s for at least 70 s, until the last 30 s of readings lie within 512 KB
    /// (10 KB per circuit); at most 3 minutes.
    /// </summary>
    private static async Task<long> SettledHeapAsync()
    {
        var readings = new List<(TimeSpan At, long Bytes)>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            readings.Add((watch.Elapsed, CircuitBenchmarks.SettledHeap()));
            var window = readings.Where(r => r.At >= watch.Elapsed - TimeSpan.FromSeconds(30)).Select(r => r.Bytes).ToList();
            if ((watch.Elapsed >= TimeSpan.FromSeconds(70) && window.Max() - window.Min() <= 512 * 1024) || watch.Elapsed >= TimeSpan.FromMinutes(3))
            {
                return readings[^1].Bytes;
            }
        }
    }

    /// <param name="TypeFiles">With --gcdump: the heap's types with the static tabs and with the circuits.</param>
    internal sealed record Memory(string Label, long Empty, long Control, long WithCircuits, (string Control, string Circuits)? TypeFiles)
    {
        public long PerCircuit => (WithCircuits - Control) / Circuits;
    }
}
