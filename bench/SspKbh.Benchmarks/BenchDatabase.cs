using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SspKbh.Web;
using SspKbh.Web.Data;
using SspKbh.Web.Demo;

namespace SspKbh.Benchmarks;

/// <summary>
/// The SQLite database the benchmarks read: generated once with <see cref="DataGenerator"/> and
/// cached (bench/.data/, git-ignored), then copied for every run so each run starts from the same
/// 100,000 cases and 1,000,000 audit rows (the benchmarks themselves append audit rows).
/// </summary>
public static class BenchDatabase
{
    public const int Cases = 100_000;
    public const long AuditRows = 1_000_000;
    public const int Seed = 42;

    /// <summary>The copy this run works on; set by <see cref="PrepareAsync"/>.</summary>
    public static string RunPath { get; private set; } = "";

    /// <param name="regenerate">Generate the cached database again even if it exists.</param>
    /// <param name="analyze">Run ANALYZE on this run's copy first, to see the plans SQLite picks with statistics.</param>
    public static async Task PrepareAsync(bool regenerate, bool analyze)
    {
        var folder = DataFolder();
        Directory.CreateDirectory(folder);
        var cache = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"sspkbh-{Cases}-cases-{AuditRows}-audit-seed{Seed}.db"));
        var complete = cache + ".complete";
        if (regenerate || !File.Exists(complete) || !File.Exists(cache))
        {
            Delete(cache);
            File.Delete(complete);
            Console.WriteLine($"Generating the benchmark database in {cache} (once; cached for later runs) ...");
            var stopwatch = Stopwatch.StartNew();
            await using (var app = BenchApp.Build(cache))
            {
                var generator = ActivatorUtilities.CreateInstance<DataGenerator>(app.Services);
                var result = await generator.GenerateAsync(new GenerateOptions(Cases, AuditRows, Seed), Console.Out, CancellationToken.None);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Generated in {stopwatch.Elapsed.TotalSeconds:F0} s (cases {result.CaseTime.TotalSeconds:F0} s, audit {result.AuditTime.TotalSeconds:F0} s)."));
            }

            SqliteConnection.ClearAllPools();
            await File.WriteAllTextAsync(complete, DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        }

        RunPath = Path.Combine(folder, "run.db");
        Delete(RunPath);
        File.Copy(cache, RunPath);
        if (File.Exists(cache + "-wal"))
        {
            File.Copy(cache + "-wal", RunPath + "-wal");
        }

        // Migrations added since the cache was generated (e.g. a new index) apply to the copy. A cache the app no longer
        // takes (made by hand-written migrations older than their last one, ADR 0041) is generated again.
        try
        {
            await using var app = BenchApp.Build(RunPath);
            await DatabaseSetup.MigrateAsync(app.Services);
        }
        catch (SspKbh.Web.Infrastructure.StartupRefusedException refused) when (!regenerate)
        {
            Console.WriteLine($"The cached database is refused ({refused.Message}); generating it again.");
            SqliteConnection.ClearAllPools();
            await PrepareAsync(regenerate: true, analyze);
            return;
        }

        if (analyze)
        {
            await using var connection = new SqliteConnection($"Data Source={RunPath}");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "ANALYZE;";
            await command.ExecuteNonQueryAsync();
            Console.WriteLine("ANALYZE done: SQLite plans with table statistics in this run.");
        }

        SqliteConnection.ClearAllPools();
    }

    /// <summary>bench/.data in the source tree; a temp folder when run from elsewhere.</summary>
    private static string DataFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SspKbh.sln")))
            {
                return Path.Combine(dir.FullName, "bench", ".data");
            }
        }

        return Path.Combine(Path.GetTempPath(), "sspkbh-bench");
    }

    private static void Delete(string db)
    {
        foreach (var file in new[] { db, db + "-wal", db + "-shm" })
        {
            File.Delete(file);
        }
    }
}

/// <summary>The web app's services (<see cref="AppServices.AddSspServices"/>) on a given SQLite file (or PostgreSQL database), without starting the server.</summary>
public static class BenchApp
{
    public static WebApplication Build(string sqlitePath, bool logSql = false) => Build(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Sqlite",
        ["ConnectionStrings:Sqlite"] = $"Data Source={sqlitePath}",
    }, logSql);

    /// <summary>The same on a PostgreSQL database (<see cref="DatabaseCpuBenchmark"/>).</summary>
    public static WebApplication BuildPostgres(string connectionString) => Build(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Postgres"] = connectionString,
    }, logSql: false);

    private static WebApplication Build(Dictionary<string, string?> database, bool logSql)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Benchmark",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(database) { ["Demo:Seed"] = "false", ["Retention:Enabled"] = "false" });
        // The app logs through Serilog with EF Core at Warning; nothing is logged on these paths.
        builder.Logging.ClearProviders();
        if (logSql)
        {
            // Diagnostics (--sql): every SQL command with its time, parameter values hidden.
            builder.Logging.AddSimpleConsole(o => o.SingleLine = false)
                .AddFilter((category, level) => category == "Microsoft.EntityFrameworkCore.Database.Command" && level >= LogLevel.Information);
        }

        builder.AddSspServices();
        return builder.Build();
    }
}
