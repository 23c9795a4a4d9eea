using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using SspKbh.Web.Data;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The app's SQLite contexts read through a shared memory map (ADR 0027): the setting lives on
/// the connection, not in the file, so every connection the app opens must carry it, a reused pooled one included.
/// </summary>
public sealed class SqliteTuningTests
{
    [Fact]
    public async Task Every_context_of_the_app_reads_sqlite_through_the_memory_map()
    {
        await using var database = await TestDatabase.CreateAsync(DbProvider.Sqlite);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.AppSettings).Build();
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
                Assert.Equal(SqliteTuning.MmapBytes, await ScalarAsync(db, "PRAGMA mmap_size"));
            }
        }
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
