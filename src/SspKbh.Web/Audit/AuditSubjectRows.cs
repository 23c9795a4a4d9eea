using System.Globalization;
using System.Text;
using SspKbh.Domain.Audit;

namespace SspKbh.Web.Audit;

/// <summary>
/// The <c>AuditEntrySubjects</c> rows of a batch of sealed entries (one per listed id, <see cref="AuditRecord.ListedIds"/>),
/// as parameterised multi-row INSERT statements that every supported database accepts as they are. Each entry's
/// sequence number is one parameter that all its rows refer to. A statement stays within SQL Server's limits
/// (1,000 rows in one VALUES list, 2,100 parameters), so also within SQLite's (32,766) and PostgreSQL's (65,535).
/// </summary>
public static class AuditSubjectRows
{
    /// <summary>SQL Server's most rows in one table value constructor.</summary>
    public const int MaxRowsPerStatement = 1000;

    /// <summary>Below SQL Server's 2,100 parameters per request.</summary>
    public const int MaxParametersPerStatement = 2000;

    private const string Insert = "INSERT INTO \"AuditEntrySubjects\" (\"AuditSequence\", \"SubjectId\") VALUES ";

    /// <summary>One statement: SQL with placeholders {0}, {1} … (EF Core's raw SQL makes them parameters), their values, and its number of rows.</summary>
    public sealed record Statement(string Sql, object[] Values, int Rows);

    /// <summary>The statements that insert every listed id of <paramref name="entries"/> (sealed, so their sequence numbers are set); none without listed ids.</summary>
    public static IEnumerable<Statement> Statements(IEnumerable<AuditRecord> entries)
    {
        var sql = new StringBuilder(Insert);
        var values = new List<object>();
        var rows = 0;
        foreach (var entry in entries)
        {
            var sequencePlaceholder = -1;
            foreach (var id in entry.ListedIds)
            {
                // A new statement when this row (and, for the entry's first row in the statement, its sequence) would not fit.
                var needed = sequencePlaceholder < 0 ? 2 : 1;
                if (rows == MaxRowsPerStatement || values.Count + needed > MaxParametersPerStatement)
                {
                    yield return new Statement(sql.ToString(), [.. values], rows);
                    sql.Clear().Append(Insert);
                    values.Clear();
                    rows = 0;
                    sequencePlaceholder = -1;
                }

                if (sequencePlaceholder < 0)
                {
                    sequencePlaceholder = values.Count;
                    values.Add(entry.Sequence);
                }

                sql.Append(rows == 0 ? "(" : ", (")
                    .Append('{').Append(sequencePlaceholder.ToString(CultureInfo.InvariantCulture)).Append("}, {")
                    .Append(values.Count.ToString(CultureInfo.InvariantCulture)).Append("})");
                values.Add(id);
                rows++;
            }
        }

        if (rows > 0)
        {
            yield return new Statement(sql.ToString(), [.. values], rows);
        }
    }
}
