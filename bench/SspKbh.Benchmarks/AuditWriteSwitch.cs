using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;

namespace SspKbh.Benchmarks;

/// <summary>
/// Benchmark only (never in the app, never in tests): turns the audit chain's write off and on while the app runs, for
/// "audit on ÷ off" in one process under the same load. The app's <see cref="AuditChainWriter"/> is replaced by one
/// built over a context factory that, while <see cref="Off"/>, hands out contexts whose SaveChanges is suppressed: the
/// page still builds its entry, the writer still batches it, opens its transaction, reads the chain's head and seals the
/// entry, but no row is inserted and nothing is flushed to disk. So "off" removes the inserts (entry and listed ids)
/// and the commit's fsync, which are the audit's cost on the page's path; it keeps the small head read. The writer
/// inserts the listed ids with its own SQL after SaveChanges (<see cref="AuditSubjectRows"/>): while off, those
/// INSERT commands are suppressed too (their text is still built, a few microseconds).
/// </summary>
internal sealed class AuditWriteSwitch
{
    private volatile bool off;

    public bool Off
    {
        get => off;
        set => off = value;
    }

    public static void Register(IServiceCollection services, AuditWriteSwitch auditSwitch)
    {
        services.AddSingleton(auditSwitch);
        services.AddSingleton(sp => new AuditChainWriter(
            new SwitchingFactory(sp.GetRequiredService<IDbContextFactory<SspDbContext>>(), sp.GetRequiredService<DbContextOptions<SspDbContext>>(), auditSwitch),
            sp.GetRequiredService<ILogger<AuditChainWriter>>()));
    }

    private sealed class SwitchingFactory(IDbContextFactory<SspDbContext> inner, DbContextOptions<SspDbContext> options, AuditWriteSwitch auditSwitch)
        : IDbContextFactory<SspDbContext>
    {
        private readonly DbContextOptions<SspDbContext> noSave = new DbContextOptionsBuilder<SspDbContext>(options)
            .AddInterceptors(new SuppressSave(), new SuppressInserts()).Options;

        public SspDbContext CreateDbContext() => auditSwitch.Off ? new SspDbContext(noSave) : inner.CreateDbContext();
    }

    private sealed class SuppressSave : SaveChangesInterceptor
    {
        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
            InterceptionResult<int>.SuppressWithResult(0);

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult<int>.SuppressWithResult(0));
    }

    private sealed class SuppressInserts : DbCommandInterceptor
    {
        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
            IsInsert(command) ? InterceptionResult<int>.SuppressWithResult(0) : result;

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(IsInsert(command) ? InterceptionResult<int>.SuppressWithResult(0) : result);

        private static bool IsInsert(DbCommand command) => command.CommandText.StartsWith("INSERT", StringComparison.Ordinal);
    }
}
