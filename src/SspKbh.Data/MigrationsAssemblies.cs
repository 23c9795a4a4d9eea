namespace SspKbh.Web.Data;

/// <summary>
/// EF Core keeps one set of migrations per provider, each in its own assembly (ADR 0041). The app chooses the
/// assembly with the provider; <c>scripts/add-migration.sh</c> adds a migration to all three.
/// </summary>
public static class MigrationsAssemblies
{
    public const string Sqlite = "SspKbh.Migrations.Sqlite";
    public const string Postgres = "SspKbh.Migrations.Postgres";
    public const string SqlServer = "SspKbh.Migrations.SqlServer";
}
