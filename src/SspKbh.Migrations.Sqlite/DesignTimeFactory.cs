using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SspKbh.Web.Data;

namespace SspKbh.Migrations.Sqlite;

/// <summary>How dotnet-ef builds the model for Sqlite migrations; it never connects (adding a migration needs no database).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SspDbContext>
{
    public SspDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SspDbContext>().UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(MigrationsAssemblies.Sqlite)).Options);
}
