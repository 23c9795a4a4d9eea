using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SspKbh.Web.Data;

namespace SspKbh.Migrations.SqlServer;

/// <summary>How dotnet-ef builds the model for SqlServer migrations; it never connects (adding a migration needs no database).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SspDbContext>
{
    public SspDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SspDbContext>().UseSqlServer("Server=localhost;Database=design-time;Integrated Security=true", o => o.MigrationsAssembly(MigrationsAssemblies.SqlServer)).Options);
}
