using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using SspKbh.Web.Data;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The app's SQLite contexts read through the memory map that <c>Database:SqliteMemoryMapMegabytes</c> asks for (ADR 0027,
/// ADR 0043): the setting lives on the connection, not in the file, so every connection the app opens must carry it, a
/// reused pooled one included; unset means the default, and a value that is not a size refuses the start.
/// </summary>
public sealed class SqliteTuningTests
{
    [Theory]
    [InlineData("64", 64L * 1024 * 1024)]
    [InlineData("0", 0L)]
    [InlineData(null, SqliteTuning.DefaultMmapBytes)]
    public async Task Every_context_of_the_app_reads_sqlite_through_the_configured_memory_map(string? megabytes, long expected)
    {
        await using var database = await TestDatabase.CreateAsync(DbProvider.Sqlite);
        var settings = new Dictionary<string, string?>(database.AppSettings) { ["Database:SqliteMemoryMapMegabytes"] = megabytes };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSspDatabase(configuration, new TestEnvironment())
            .BuildServiceProvider();
        await using (services)
        {
            var factory = services.GetRequiredService<IDbContextFactory<SspDbContext>>();
            for (var i = 0; i < 3; i++)
            {
                // A fresh context each time: the first opens a new connection, the next ones get it back from the pool.
                await using var db = await factory.CreateDbContextAsync();
                Assert.Equal(expected, await ScalarAsync(db, "PRAGMA mmap_size"));
            }
        }
    }

    [Fact]
    public async Task A_pooled_connection_takes_a_new_size_when_another_setting_opens_it()
    {
        await using var database = await TestDatabase.CreateAsync(DbProvider.Sqlite);
        foreach (var (megabytes, expected) in new[] { ("64", 64L * 1024 * 1024), ("0", 0L), ("16", 16L * 1024 * 1024) })
        {
            var settings = new Dictionary<string, string?>(database.AppSettings) { ["Database:SqliteMemoryMapMegabytes"] = megabytes };
            await using var services = new ServiceCollection()
                .AddSspDatabase(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new TestEnvironment())
                .BuildServiceProvider();
            await using var db = await services.GetRequiredService<IDbContextFactory<SspDbContext>>().CreateDbContextAsync();
            Assert.Equal(expected, await ScalarAsync(db, "PRAGMA mmap_size"));
        }
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("256 MB")]
    [InlineData("70000")]
    public void A_memory_map_that_is_not_a_size_refuses_the_start_in_one_line(string megabytes)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:SqliteMemoryMapMegabytes"] = megabytes,
        }).Build();
        var refused = Assert.Throws<StartupRefusedException>(() => new ServiceCollection().AddSspDatabase(configuration, new TestEnvironment()));
        Assert.Equal($"Database:SqliteMemoryMapMegabytes must be a whole number of megabytes from 0 to 65536, not '{megabytes}'.", refused.Message);
    }

    private static async Task<long> ScalarAsync(SspDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "SspKbh.Web";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
