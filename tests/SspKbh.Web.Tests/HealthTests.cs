using System.Net;
using Microsoft.EntityFrameworkCore;
using SspKbh.Web.Data;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_reports_unhealthy_with_503_when_the_database_cannot_be_reached()
    {
        // Nothing listens on port 1; the app must still start and say so on /healthz.
        await using var app = await SspAppFactory.StartAsync(DbProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Username=postgres;Password=postgres;Database=sspkbh;Timeout=2",
            ["Database:MigrateOnStartup"] = "false",
            ["Demo:Seed"] = "false",
        });
        using var browser = app.CreateBrowser();

        using var response = await browser.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Postgres", "Host=127.0.0.1;Port=1;Username=postgres;Password=postgres;Database=sspkbh;Timeout=2", "Failed to connect to 127.0.0.1:1")]
    [InlineData("SqlServer", "Server=tcp:127.0.0.1,1;Database=sspkbh;User Id=sa;Password=x;Connect Timeout=2;Encrypt=false;ConnectRetryCount=0",
        "error occurred while establishing a connection to SQL Server")]
    public async Task An_unreachable_database_server_is_explained_in_the_log_and_not_to_the_caller(string provider, string connectionString, string reason)
    {
        var lines = await RunWithFileLogAsync(DbProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            [$"ConnectionStrings:{provider}"] = connectionString,
            ["Database:MigrateOnStartup"] = "false",
            ["Demo:Seed"] = "false",
        }, async app =>
        {
            using var browser = app.CreateBrowser();
            using var response = await browser.Client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal("Unhealthy", body);
        });

        // The operator's log says which check failed and why (the server that did not answer), without the password.
        var line = Assert.Single(lines, l => l.Contains("Health check: the database is unreachable", StringComparison.Ordinal));
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains("Password=", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(DbProvider.Sqlite)]
    [InlineData(DbProvider.Postgres)]
    public async Task The_first_start_on_a_new_database_migrates_it_and_logs_no_error(DbProvider provider)
    {
        // An operator's first start on an empty database: nothing in the log is an error (Npgsql's own check for the
        // migration history read the missing table and logged three failed commands).
        var lines = await RunWithFileLogAsync(provider, new Dictionary<string, string?> { ["Demo:Seed"] = "false" }, async app =>
        {
            using var browser = app.CreateBrowser();
            using var response = await browser.Client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await using var db = app.Database.CreateContext();
            Assert.Equal([LegacySchema.BaselineId], (await db.Database.GetAppliedMigrationsAsync()).Take(1));
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        });

        Assert.NotEmpty(lines);
        Assert.DoesNotContain(lines, l => l.Contains("[ERR]", StringComparison.Ordinal) || l.Contains("[FTL]", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Failed executing DbCommand", StringComparison.Ordinal));
    }

    /// <summary>Starts the app with its log written to a file of its own, uses it, stops it and returns the log's lines.</summary>
    private static async Task<List<string>> RunWithFileLogAsync(DbProvider provider, Dictionary<string, string?> settings, Func<SspAppFactory, Task> use)
    {
        var logs = Path.Combine(Path.GetTempPath(), $"sspkbh-health-logs-{Guid.NewGuid():N}");
        try
        {
            await using (var app = await SspAppFactory.StartAsync(provider, new Dictionary<string, string?>(settings)
            {
                ["Serilog:WriteToFile"] = "true",
                ["Serilog:FilePath"] = Path.Combine(logs, "sspkbh-.log"),
            }))
            {
                await use(app);
            }

            return Directory.GetFiles(logs).SelectMany(File.ReadAllLines).ToList();
        }
        finally
        {
            if (Directory.Exists(logs))
            {
                Directory.Delete(logs, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData(DbProvider.Sqlite)]
    [InlineData(DbProvider.Postgres)]
    public async Task Health_is_healthy_on_a_migrated_database(DbProvider provider)
    {
        await using var app = await SspAppFactory.StartAsync(provider, new Dictionary<string, string?> { ["Demo:Seed"] = "false" });
        using var browser = app.CreateBrowser();
        using var response = await browser.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
