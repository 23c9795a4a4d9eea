using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SspKbh.Benchmarks;

// dotnet run -c Release --project bench/SspKbh.Benchmarks -- [--quick] [--regenerate] [--analyze] [--sql] [BenchmarkDotNet options, e.g. --filter *Page*]
//   --quick       fewer iterations (a few minutes in all)
//   --regenerate  build the cached database again
//   --analyze     run SQLite's ANALYZE on the copy first (what `PRAGMA optimize` would give)
//   --sql         print each scenario's SQL and timings once instead of measuring
//   --circuits    the interactive pages rendered as a circuit renders them (see CircuitBenchmarks)
//   --browser     the interactive pages over real circuits: the app on Kestrel, Chromium tabs (see BrowserCircuitBenchmarks)
//   --gcdump      with --browser: the case list's heap growth by type (a gcdump-style heap walk, see HeapTypes)
//   --parts       the pieces of a list filter change (rows + audit, counts, a bare audit write) timed one by one
//                 (with --home: the home page's pieces beside the case page, at 100,000 and at 10,000 cases; with --sql each piece once with its SQL)
//   --audit-grid  the audit viewer's grid requests at 1,000,000 entries, per filter, against the baseline (see AuditGridBenchmarks)
//   --meeting     with --browser: the meeting page with 30 agenda items (first render, minutes save, memory per circuit; see MeetingBenchmarks);
//                 with --gcdump only the memory per circuit and the heap's types
//   --no-memory   with --browser: skip the memory per circuit (about 7 minutes per page), for a quick look at the times
//   --ratios      issue 15's throughput ratios: 16 signed-in HTTP workers, interleaved phases of /healthz and GET /sager
//                 (largest group, all groups) with the audit write on and off (see RatioBenchmarks, AuditWriteSwitch);
//                 with --postgres on the PostgreSQL database of --db-cpu instead of SQLite
//   --kill9       issue 15's durability check: the built app as its own process, 16 workers on the list and case pages,
//                 kill -9 mid-load, then every served view is matched to its audit entry and verify-audit is run (see KillDurabilityBenchmark)
//   --audit-write where the audit entry's cost goes: 16 concurrent writers (group commit), then one entry at a time, with and without listed ids, before and after
//                 dropping the audit grid's choice indexes from the run's copy (see AuditWriteBenchmarks)
//   --db-cpu      issue 15's PostgreSQL ÷ SQLite CPU per request (home, list, case page): two app processes, one per database;
//                 the PostgreSQL one needs the generated data there first (SSPKBH_BENCH_POSTGRES; see DatabaseCpuBenchmark, docs/performance.md)
var quick = args.Contains("--quick");
var regenerate = args.Contains("--regenerate");
var sql = args.Contains("--sql");
var analyze = args.Contains("--analyze");
var circuits = args.Contains("--circuits");
var browser = args.Contains("--browser");
var gcdump = args.Contains("--gcdump");
var noMemory = args.Contains("--no-memory");
var parts = args.Contains("--parts");
var auditGrid = args.Contains("--audit-grid");
var ratios = args.Contains("--ratios");
var kill9 = args.Contains("--kill9");
var dbCpu = args.Contains("--db-cpu");
var auditWrite = args.Contains("--audit-write");
var rest = args.Where(a => a is not ("--quick" or "--regenerate" or "--sql" or "--analyze" or "--circuits" or "--browser" or "--gcdump" or "--no-memory" or "--parts" or "--home" or "--audit-grid" or "--meeting" or "--ratios" or "--kill9" or "--db-cpu" or "--audit-write" or "--postgres")).ToArray();

await BenchDatabase.PrepareAsync(regenerate, analyze);
if (parts)
{
    if (args.Contains("--home"))
    {
        return await PartsBenchmarks.HomeAsync(quick, sql);
    }

    return await PartsBenchmarks.RunAsync(quick);
}

if (ratios || kill9 || dbCpu || auditWrite)
{
    var ratiosLoadAtStart = LoadAverage();
    var ratiosCode = ratios ? await RatioBenchmarks.RunAsync(quick, args.Contains("--postgres") ? BenchPostgres.ConnectionString : null)
        : kill9 ? await KillDurabilityBenchmark.RunAsync(quick)
        : dbCpu ? await DatabaseCpuBenchmark.RunAsync(quick) : await AuditWriteBenchmarks.RunAsync(quick);
    Console.WriteLine($"Load average (1, 5, 15 min) before: {ratiosLoadAtStart}; after: {LoadAverage()}; cores: {Environment.ProcessorCount}");
    return ratiosCode;
}

if (auditGrid)
{
    var auditLoadAtStart = LoadAverage();
    var auditCode = await AuditGridBenchmarks.RunAsync(quick);
    Console.WriteLine($"Load average (1, 5, 15 min) before: {auditLoadAtStart}; after: {LoadAverage()}; cores: {Environment.ProcessorCount}");
    return auditCode;
}

if (circuits || browser)
{
    // The interactive pages (filter change, deepest page, first render, memory per circuit); not BenchmarkDotNet.
    var loadAtStart = LoadAverage();
    var code = browser && args.Contains("--meeting") ? await MeetingBenchmarks.RunAsync(quick, noMemory, args.Contains("--gcdump"))
        : browser ? await BrowserCircuitBenchmarks.RunAsync(quick, gcdump, noMemory) : await CircuitBenchmarks.RunAsync(quick);
    Console.WriteLine($"Load average (1, 5, 15 min) before: {loadAtStart}; after: {LoadAverage()}; cores: {Environment.ProcessorCount}");
    return code;
}
if (sql)
{
    // Diagnostics: run each scenario twice (the second run shows warm timings) and print its SQL.
    CaseBenchmarks.LogSql = true;
    var bench = new CaseBenchmarks();
    await bench.SetupAsync();
    foreach (var (name, run) in new (string, Func<Task<int>>)[]
             {
                 ("Baseline", bench.Baseline), ("ListFirstPage", bench.ListFirstPage), ("ListLevelAndSearch", bench.ListLevelAndSearch),
                 ("ListAllGroupsPage1", bench.ListAllGroupsPage1), ("ListAllGroupsPage1000", bench.ListAllGroupsPage1000),
                 ("ListAllGroupsPage2000", bench.ListAllGroupsPage2000), ("CasePage", bench.CasePage),
                 ("ListAllGroups forsinket=true", () => bench.ListAllGroupsFiltered("forsinket=true")),
                 ("ListAllGroups alder=From16To17", () => bench.ListAllGroupsFiltered("alder=From16To17")),
                 ("ListAllGroups niveau=FirstTimeCrime", () => bench.ListAllGroupsFiltered("niveau=FirstTimeCrime")),
             })
    {
        await run();
        Console.WriteLine($"===== {name} =====");
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await run();
        Console.WriteLine($"===== {name}: {stopwatch.Elapsed.TotalMilliseconds:F1} ms =====");
    }

    await bench.CleanupAsync();
    return 0;
}

// One request per measurement (InvocationCount 1), so P95 is the 95th percentile of single requests.
// In-process: the app's services run in this process, as they do in the web server.
var job = Job.Default
    .WithToolchain(InProcessEmitToolchain.Instance)
    .WithInvocationCount(1)
    .WithUnrollFactor(1)
    .WithLaunchCount(1)
    .WithWarmupCount(quick ? 5 : 10)
    .WithIterationCount(quick ? 40 : 200)
    .WithId(quick ? "Quick" : "Full");
var config = DefaultConfig.Instance
    .AddJob(job.AsDefault())
    .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
    .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared))
    .WithOptions(ConfigOptions.JoinSummary);

var loadBefore = LoadAverage();
var summaries = new List<Summary> { BenchmarkRunner.Run<CaseBenchmarks>(config, rest) };
Goals.Print(summaries);
// Other work on the machine (2 cores here) shows up in the numbers; say how busy it was.
Console.WriteLine($"Load average (1, 5, 15 min) before: {loadBefore}; after: {LoadAverage()}; cores: {Environment.ProcessorCount}");
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

/// <summary>The targets of issue 3, checked against this run.</summary>
internal static class Goals
{
    private const double TargetMs = 30;
    private const double MaxPage2000Ratio = 1.2;

    public static void Print(IReadOnlyList<Summary> summaries)
    {
        var reports = summaries.SelectMany(s => s.Reports).Where(r => r.Success && r.ResultStatistics is not null)
            .ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name, r => r.ResultStatistics!);
        if (reports.Count == 0)
        {
            return;
        }

        static double Ms(double ns) => ns / 1_000_000;
        var baseline = reports.GetValueOrDefault(nameof(CaseBenchmarks.Baseline));
        Console.WriteLine();
        Console.WriteLine("| benchmark | mean (ms) | p95 (ms) | mean / baseline | p95 goal |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        foreach (var (name, stats) in reports)
        {
            var goal = name is nameof(CaseBenchmarks.ListFirstPage) or nameof(CaseBenchmarks.ListLevelAndSearch) or nameof(CaseBenchmarks.CasePage)
                ? (Ms(stats.Percentiles.P95) <= TargetMs ? "met (≤ 30 ms)" : "MISSED (> 30 ms)")
                : "";
            var ratio = baseline is null ? "" : (stats.Mean / baseline.Mean).ToString("F1", CultureInfo.InvariantCulture) + "×";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Ms(stats.Mean):F2} | {Ms(stats.Percentiles.P95):F2} | {ratio} | {goal} |"));
        }

        if (reports.TryGetValue(nameof(CaseBenchmarks.ListAllGroupsPage1), out var page1)
            && reports.TryGetValue(nameof(CaseBenchmarks.ListAllGroupsPage2000), out var page2000))
        {
            var ratio = page2000.Mean / page1.Mean;
            var p95Ratio = page2000.Percentiles.P95 / page1.Percentiles.P95;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Page 2,000 / page 1 (all groups): mean {ratio:F2}×, p95 {p95Ratio:F2}× — goal ≤ {MaxPage2000Ratio}×: {(ratio <= MaxPage2000Ratio ? "met" : "MISSED")}"));
            if (reports.TryGetValue(nameof(CaseBenchmarks.ListAllGroupsPage1000), out var page1000))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Page 1,000 / page 1 (all groups): mean {page1000.Mean / page1.Mean:F2}×, p95 {page1000.Percentiles.P95 / page1.Percentiles.P95:F2}×"));
            }
        }
    }
}
