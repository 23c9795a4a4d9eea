using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Audit;
using SspKbh.Web.Audit;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The listed ids of a batch are written as a few multi-row INSERTs (<see cref="AuditSubjectRows"/>): every id of every
/// entry lands once, under its own entry, however the rows fall across statements, and each statement stays within the
/// strictest database's limits (SQL Server: 1,000 rows per VALUES list, 2,100 parameters).
/// </summary>
public sealed class AuditSubjectRowsTests
{
    private static AuditRecord Sealed(long sequence, int listed, int firstId = 1) => new()
    {
        Sequence = sequence,
        ListedIds = Enumerable.Range(firstId, listed).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList(),
    };

    /// <summary>The rows a statement inserts, read back from its SQL and values: (sequence, id) per row.</summary>
    private static List<(long Sequence, string Id)> Rows(AuditSubjectRows.Statement statement)
    {
        var tuples = statement.Sql[statement.Sql.IndexOf("VALUES ", StringComparison.Ordinal)..]["VALUES ".Length..]
            .Split("), (").Select(t => t.Trim('(', ')').Split(", ").Select(p => int.Parse(p.Trim('{', '}'), CultureInfo.InvariantCulture)).ToArray());
        return tuples.Select(t => ((long)statement.Values[t[0]], (string)statement.Values[t[1]])).ToList();
    }

    [Fact]
    public void Entries_without_listed_ids_need_no_statement()
    {
        Assert.Empty(AuditSubjectRows.Statements([Sealed(1, 0), Sealed(2, 0)]));
    }

    [Fact]
    public void A_list_view_is_one_statement_whose_rows_share_the_entry_s_sequence_parameter()
    {
        var statement = Assert.Single(AuditSubjectRows.Statements([Sealed(1, 0), Sealed(7, 50)]));
        Assert.Equal(50, statement.Rows);
        Assert.Equal(51, statement.Values.Length);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (7L, i.ToString(CultureInfo.InvariantCulture))), Rows(statement));
    }

    [Fact]
    public void A_large_batch_is_split_within_the_limits_and_every_row_is_written_once_under_its_own_entry()
    {
        // A list of 2,500, then 600 list views of 3 ids each (many sequence parameters), then one of 50.
        var entries = new List<AuditRecord> { Sealed(10, 2500, firstId: 100_000) };
        entries.AddRange(Enumerable.Range(11, 600).Select(s => Sealed(s, 3, firstId: s * 10)));
        entries.Add(Sealed(700, 50));

        var statements = AuditSubjectRows.Statements(entries).ToList();

        Assert.True(statements.Count > 3, $"{statements.Count} statements");
        Assert.All(statements, s =>
        {
            Assert.InRange(s.Rows, 1, AuditSubjectRows.MaxRowsPerStatement);
            Assert.InRange(s.Values.Length, 2, AuditSubjectRows.MaxParametersPerStatement);
            Assert.Equal(s.Rows, Rows(s).Count);
        });
        var expected = entries.SelectMany(e => e.ListedIds.Select(id => (e.Sequence, id))).ToList();
        Assert.Equal(expected, statements.SelectMany(Rows));
    }

    /// <summary>The SQL Server text of a batch's statements, for <c>MigrationsTests</c>' parse: a list of 1,200 ids (two statements) and one of 3.</summary>
    internal static IEnumerable<string> SqlServerTexts() =>
        AuditSubjectRows.Statements([Sealed(1, 1200), Sealed(2, 3)]).Select(SqlServerText);

    /// <summary>The statement as EF Core's raw SQL sends it to SQL Server: placeholder n becomes parameter @pn.</summary>
    internal static string SqlServerText(AuditSubjectRows.Statement statement) =>
        string.Format(CultureInfo.InvariantCulture, statement.Sql, Enumerable.Range(0, statement.Values.Length).Select(i => (object)("@p" + i)).ToArray());
}

/// <summary>The writer's multi-row inserts on a real database: concurrent list views and one of more rows than a statement holds.</summary>
public abstract class AuditSubjectRowsDatabaseTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    [Fact]
    public async Task Concurrent_list_views_and_one_of_2500_ids_are_each_stored_whole_findable_by_id_and_the_chain_verifies()
    {
        var action = "test.rows-" + Guid.NewGuid().ToString("N")[..8];
        var before = (await App.AuditEntriesAsync()).Select(a => a.Sequence).DefaultIfEmpty(0).Max();
        // 24 writers at once (group commit puts several in one batch), each a list of 120 ids of its own and 5 ids all
        // share; and one list of 2,500 ids, more than one statement's rows.
        var lists = Enumerable.Range(0, 24).Select(w => Enumerable.Range(500_000 + (w * 1000), 120).Concat(Enumerable.Range(1, 5)).ToList())
            .Append(Enumerable.Range(700_000, 2500).ToList()).ToList();
        await Task.WhenAll(lists.Select((ids, w) => Task.Run(() => App.WithScopeAsync(async services =>
        {
            await services.GetRequiredService<AuditService>().WriteListAsync(
                new AuditEvent(action, Purpose: "case-list", Details: "writer=" + w.ToString(CultureInfo.InvariantCulture), ActorUserId: "test"), "case", ids);
            return 0;
        }))));

        var written = await App.AuditEntriesAsync(a => a.Sequence > before && a.Action == action);
        Assert.Equal(lists.Count, written.Count);
        foreach (var entry in written)
        {
            var w = int.Parse(entry.Details!.Split(';')[0]["writer=".Length..], CultureInfo.InvariantCulture);
            Assert.Equal(lists[w].Order().Select(i => i.ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal), entry.ListedIds);
        }

        // A data subject's id finds exactly the entries that listed it.
        await using (var db = App.CreateDbContext())
        {
            var sequences = written.Select(e => e.Sequence).ToList();
            var shared = await db.AuditEntrySubjects.AsNoTracking().Where(s => s.SubjectId == "3" && sequences.Contains(s.AuditSequence)).Select(s => s.AuditSequence).ToListAsync();
            Assert.Equal(written.Where(e => e.ListedIds.Count == 125).Select(e => e.Sequence).Order(), shared.Order());
            var single = await db.AuditEntrySubjects.AsNoTracking().Where(s => s.SubjectId == "701234").Select(s => s.AuditSequence).ToListAsync();
            Assert.Equal([written.Single(e => e.ListedIds.Count == 2500).Sequence], single);
        }

        var result = await App.WithScopeAsync(services => services.GetRequiredService<AuditVerification>().VerifyAsync());
        Assert.True(result.IsValid, result.Problem);
    }
}

public sealed class AuditSubjectRowsDatabaseTestsSqlite(SqliteApp fixture) : AuditSubjectRowsDatabaseTests(fixture), IClassFixture<SqliteApp>;

public sealed class AuditSubjectRowsDatabaseTestsPostgres(PostgresApp fixture) : AuditSubjectRowsDatabaseTests(fixture), IClassFixture<PostgresApp>;
