using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace SspKbh.Web.Data;

/// <summary>The three databases SspKbh runs on, for the few statements written in SQL rather than LINQ.</summary>
public enum SqlDialect
{
    Sqlite,
    Postgres,
    SqlServer,
}

public static class SqlDialects
{
    public static SqlDialect Dialect(this DatabaseFacade database) =>
        database.IsNpgsql() ? SqlDialect.Postgres
        : database.IsSqlServer() ? SqlDialect.SqlServer
        : database.IsSqlite() ? SqlDialect.Sqlite
        : throw new NotSupportedException($"No SQL is written for the provider {database.ProviderName}.");
}
