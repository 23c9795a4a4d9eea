using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SspKbh.Web.Data;

namespace SspKbh.Migrations.Postgres;

/// <summary>How dotnet-ef builds the model for Postgres migrations; it never connects (adding a migration needs no database).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SspDbContext>
{
    public SspDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SspDbContext>().UseNpgsql("Host=localhost;Database=design-time", o => o.MigrationsAssembly(MigrationsAssemblies.Postgres)).Options);
}
