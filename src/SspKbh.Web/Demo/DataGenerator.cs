using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SspKbh.Domain.Access;
using SspKbh.Domain.Audit;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Security;

namespace SspKbh.Web.Demo;

/// <summary>How much to generate. The same seed gives the same people, cases and audit rows.</summary>
public sealed record GenerateOptions(int Cases, long AuditRows, int Seed = 42);

/// <summary>What was added (counts only: nothing personal).</summary>
public sealed record GenerateResult(
    int YoungPersons, int CustodyHolders, int Cases, int LevelChanges, int StatusChanges, int Actions, int Notes,
    long AuditRows, int StaffUsersCreated, TimeSpan CaseTime, TimeSpan AuditTime, TimeSpan Elapsed);

/// <summary>
/// Fills a database with fictional volume data for load tests and benchmarks (the <c>generate</c>
/// command): young people with made-up names from small built-in lists (some with unique,
/// format-valid CPR numbers), cases over every koordinationsgruppe and level built with the
/// domain's own methods, actions, journal notes, and an audit trail chained exactly as
/// <see cref="AuditService"/> would chain it. Rows go in as multi-row parameterised INSERTs in
/// large transactions, with table and column names taken from the EF model. Only counts are
/// printed: never a name, CPR number or case text.
/// </summary>
public sealed class DataGenerator(IServiceProvider services, IDbContextFactory<SspDbContext> contextFactory, TimeProvider clock)
{
    public const int CasesPerBatch = 5_000;
    public const int AuditRowsPerBatch = 20_000;

    /// <summary>Generated staff get addresses in a reserved top-level domain and no password: they cannot sign in.</summary>
    public const string StaffEmailDomain = "generated.sspkbh.invalid";

    /// <summary>Each koordinationsgruppe gets one authority member from each of these parties.</summary>
    public static readonly string[] StaffParties = ["BUF", "SOF", "POL", "KFF"];

    public async Task<GenerateResult> GenerateAsync(GenerateOptions options, TextWriter? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Cases);
        ArgumentOutOfRangeException.ThrowIfNegative(options.AuditRows);
        var total = Stopwatch.StartNew();

        await DatabaseSetup.MigrateAsync(services, cancellationToken);
        int staffCreated;
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OrganisationSeeder>().SeedAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(cancellationToken);
            staffCreated = await EnsureStaffAsync(scope.ServiceProvider, new Random(options.Seed + 1), cancellationToken);
        }

        var world = await LoadWorldAsync(cancellationToken);
        if (world.Areas.Count == 0)
        {
            throw new InvalidOperationException("No lokalområde belongs to an active koordinationsgruppe; nothing to generate cases for.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var sqlite = db.Database.IsSqlite();
        string? synchronous = null;
        var counts = new Counts();
        var caseTime = TimeSpan.Zero;
        var auditTime = TimeSpan.Zero;
        try
        {
            if (sqlite)
            {
                // No fsync per commit while generating; the setting is per connection and put back below.
                synchronous = Convert.ToString(await ScalarAsync(connection, "PRAGMA synchronous;", cancellationToken), CultureInfo.InvariantCulture);
                await ExecuteAsync(connection, "PRAGMA synchronous=OFF;", cancellationToken);
            }

            var stopwatch = Stopwatch.StartNew();
            var casesByGroup = await GenerateCasesAsync(db, world, options, counts, progress, cancellationToken);
            caseTime = stopwatch.Elapsed;
            stopwatch.Restart();
            await GenerateAuditAsync(db, world, casesByGroup, options, counts, progress, cancellationToken);
            auditTime = stopwatch.Elapsed;

            if (db.Database.IsNpgsql())
            {
                // Ids were given explicitly: move the identity sequences past them.
                foreach (var table in new[] { "YoungPersons", "CustodyHolders", "Cases", "CaseLevelChanges", "CaseStatusChanges", "CaseActions", "JournalNotes", "AuditEntries" })
                {
                    await ExecuteAsync(connection,
                        $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), GREATEST((SELECT MAX(\"Id\") FROM \"{table}\"), 1));",
                        cancellationToken);
                }
            }

            // Fresh statistics for the planner: without them it plans the new, much larger tables as if they were empty.
            await ExecuteAsync(connection, "ANALYZE;", cancellationToken);
        }
        finally
        {
            if (sqlite && synchronous is not null)
            {
                await ExecuteAsync(connection, $"PRAGMA synchronous={int.Parse(synchronous, CultureInfo.InvariantCulture)};", CancellationToken.None);
                await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);", CancellationToken.None);
            }

            await db.Database.CloseConnectionAsync();
        }

        return new GenerateResult(counts.Persons, counts.Custody, counts.Cases, counts.LevelChanges, counts.StatusChanges,
            counts.Actions, counts.Notes, counts.Audit, staffCreated, caseTime, auditTime, total.Elapsed);
    }

    private sealed class Counts
    {
        public int Persons;
        public int Custody;
        public int Cases;
        public int LevelChanges;
        public int StatusChanges;
        public int Actions;
        public int Notes;
        public long Audit;
    }

    private sealed record Member(string UserId, string FullName, int PartyId, string PartyCode, string Roles);

    private sealed record Area(int Id, int GroupId);

    private sealed record World(
        IReadOnlyList<Area> Areas,
        IReadOnlyDictionary<int, IReadOnlyList<Member>> MembersByGroup,
        IReadOnlyDictionary<string, int> Parties,
        int? SspPlusGroupId,
        IReadOnlyDictionary<CaseLevel, LevelDeadline> Deadlines,
        HashSet<string> Cprs,
        NextIds Ids,
        AuditRecord? LastAudit);

    private sealed class NextIds
    {
        public int Person;
        public int Custody;
        public int Case;
        public int LevelChange;
        public int StatusChange;
        public int Action;
        public int Note;
        public long Audit;
    }

    /// <summary>One authority member per party in <see cref="StaffParties"/> for every koordinationsgruppe, so every group has people to lead cases.</summary>
    private static async Task<int> EnsureStaffAsync(IServiceProvider scoped, Random random, CancellationToken cancellationToken)
    {
        var db = scoped.GetRequiredService<SspDbContext>();
        var users = scoped.GetRequiredService<UserManager<AppUser>>();
        var parties = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Id, cancellationToken);
        var groups = await db.Groups.AsNoTracking().Where(g => g.Kind == GroupKind.CoordinationGroup && g.IsActive)
            .OrderBy(g => g.Id).Select(g => g.Id).ToListAsync(cancellationToken);
        var created = 0;
        foreach (var groupId in groups)
        {
            foreach (var party in StaffParties.Where(parties.ContainsKey))
            {
                var email = string.Create(CultureInfo.InvariantCulture, $"{party.ToLowerInvariant()}.kg{groupId}@{StaffEmailDomain}");
                var name = Names.Adult(random);
                if (await users.FindByEmailAsync(email) is not null)
                {
                    continue;
                }

                var user = new AppUser
                {
                    UserName = email,
                    Email = email,
                    EmailConfirmed = true,
                    FullName = name,
                    PartyId = parties[party],
                    IsAuthorityPerson = AccessRules.IsAuthorityPerson([AppRole.AuthorityMember]),
                    CreatedAtUtc = DateTime.UtcNow,
                };
                var result = await users.CreateAsync(user);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException("Could not create a generated staff user: " + string.Join("; ", result.Errors.Select(e => e.Code)));
                }

                await users.AddToRoleAsync(user, nameof(AppRole.AuthorityMember));
                db.GroupMemberships.Add(new GroupMembership { GroupId = groupId, UserId = user.Id, Role = GroupRole.Member });
                await db.SaveChangesAsync(cancellationToken);
                created++;
            }
        }

        return created;
    }

    private async Task<World> LoadWorldAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var parties = await db.Parties.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Id, cancellationToken);
        var partyCodes = parties.ToDictionary(p => p.Value, p => p.Key);
        var coordination = await db.Groups.AsNoTracking().Where(g => g.Kind == GroupKind.CoordinationGroup && g.IsActive)
            .Select(g => g.Id).ToListAsync(cancellationToken);
        var areas = await db.LocalAreas.AsNoTracking()
            .Where(a => a.CoordinationGroupId != null && coordination.Contains(a.CoordinationGroupId.Value))
            .OrderBy(a => a.Id).Select(a => new Area(a.Id, a.CoordinationGroupId!.Value)).ToListAsync(cancellationToken);
        var memberships = await db.GroupMemberships.AsNoTracking()
            .Where(m => coordination.Contains(m.GroupId))
            .Join(db.Users.Where(u => u.IsActive && u.IsAuthorityPerson), m => m.UserId, u => u.Id, (m, u) => new { m.GroupId, u.Id, u.FullName, u.PartyId })
            .OrderBy(x => x.GroupId).ThenBy(x => x.Id)
            .ToListAsync(cancellationToken);
        var roles = (await db.UserRoles.AsNoTracking().Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(cancellationToken))
            .GroupBy(x => x.UserId)
            .ToDictionary(g => g.Key, g => string.Join(',', Enum.GetValues<AppRole>().Select(r => r.ToString()).Where(r => g.Any(x => x.Name == r))));
        var members = memberships.GroupBy(m => m.GroupId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<Member>)g.Select(m => new Member(m.Id, m.FullName, m.PartyId, partyCodes.GetValueOrDefault(m.PartyId, ""), roles.GetValueOrDefault(m.Id, ""))).ToList());
        var sspPlus = await db.Groups.AsNoTracking().Where(g => g.Kind == GroupKind.SspPlusCoordinationGroup && g.IsActive)
            .OrderBy(g => g.Id).Select(g => (int?)g.Id).FirstOrDefaultAsync(cancellationToken);
        var deadlines = await SspKbh.Web.Features.Cases.LevelDeadlines.AllAsync(db, cancellationToken);
        var cprs = (await db.YoungPersons.AsNoTracking().Where(p => p.Cpr != null).Select(p => p.Cpr!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var ids = new NextIds
        {
            Person = (await db.YoungPersons.MaxAsync(x => (int?)x.Id, cancellationToken) ?? 0) + 1,
            Custody = (await db.CustodyHolders.MaxAsync(x => (int?)x.Id, cancellationToken) ?? 0) + 1,
            Case = (await db.Cases.MaxAsync(x => (int?)x.Id, cancellationToken) ?? 0) + 1,
            LevelChange = (await db.CaseLevelChanges.MaxAsync(x => (int?)x.Id, cancellationToken) ?? 0) + 1,
            StatusChange = (await db.CaseStatusChanges.MaxAsync(x => (int?)x.Id, cancellationToken) ?? 0) + 1,
            Action = (await db.CaseActions.MaxAsync(x => (int?)x.Id, cancellationToken) ?? 0) + 1,
            Note = (await db.JournalNotes.MaxAsync(x => (int?)x.Id, cancellationToken) ?? 0) + 1,
            Audit = (await db.AuditEntries.MaxAsync(x => (long?)x.Id, cancellationToken) ?? 0) + 1,
        };
        var lastAudit = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(cancellationToken);
        return new World(areas, members, parties, sspPlus, deadlines, cprs, ids, lastAudit);
    }

    private async Task<Dictionary<int, List<int>>> GenerateCasesAsync(
        SspDbContext db, World world, GenerateOptions options, Counts counts, TextWriter? progress, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        var persons = new BulkInserter<YoungPerson>(db);
        var custody = new BulkInserter<CustodyHolder>(db);
        var nameWords = new BulkInserter<YoungPersonNameWord>(db);
        var cases = new BulkInserter<SspCase>(db);
        var levelChanges = new BulkInserter<CaseLevelChange>(db);
        var statusChanges = new BulkInserter<CaseStatusChange>(db);
        var actions = new BulkInserter<CaseAction>(db);
        var notes = new BulkInserter<JournalNote>(db);
        var connection = db.Database.GetDbConnection();
        var builder = new CaseBuilder(world, random, clock);
        var casesByGroup = new Dictionary<int, List<int>>();
        var reported = 0;

        for (var start = 0; start < options.Cases; start += CasesPerBatch)
        {
            var batch = new Batch();
            for (var i = start; i < Math.Min(options.Cases, start + CasesPerBatch); i++)
            {
                var c = builder.Build(i, options.Cases, batch);
                if (!casesByGroup.TryGetValue(c.CoordinationGroupId, out var list))
                {
                    casesByGroup[c.CoordinationGroupId] = list = [];
                }

                list.Add(c.Id);
            }

            await using (var tx = await connection.BeginTransactionAsync(cancellationToken))
            {
                await persons.InsertAsync(connection, tx, batch.Persons, cancellationToken);
                await custody.InsertAsync(connection, tx, batch.Custody, cancellationToken);
                await nameWords.InsertAsync(connection, tx, batch.NameWords, cancellationToken);
                await cases.InsertAsync(connection, tx, batch.Cases, cancellationToken);
                await levelChanges.InsertAsync(connection, tx, batch.LevelChanges, cancellationToken);
                await statusChanges.InsertAsync(connection, tx, batch.StatusChanges, cancellationToken);
                await actions.InsertAsync(connection, tx, batch.Actions, cancellationToken);
                await notes.InsertAsync(connection, tx, batch.Notes, cancellationToken);
                await tx.CommitAsync(cancellationToken);
            }

            counts.Persons += batch.Persons.Count;
            counts.Custody += batch.Custody.Count;
            counts.Cases += batch.Cases.Count;
            counts.LevelChanges += batch.LevelChanges.Count;
            counts.StatusChanges += batch.StatusChanges.Count;
            counts.Actions += batch.Actions.Count;
            counts.Notes += batch.Notes.Count;
            if (counts.Cases * 10L / Math.Max(1, options.Cases) > reported)
            {
                reported = (int)(counts.Cases * 10L / options.Cases);
                progress?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cases: {counts.Cases:N0} of {options.Cases:N0}"));
            }
        }

        return casesByGroup;
    }

    private async Task GenerateAuditAsync(
        SspDbContext db, World world, Dictionary<int, List<int>> casesByGroup, GenerateOptions options, Counts counts, TextWriter? progress, CancellationToken cancellationToken)
    {
        if (options.AuditRows == 0)
        {
            return;
        }

        var random = new Random(options.Seed + 2);
        var inserter = new BulkInserter<AuditRecord>(db);
        var connection = db.Database.GetDbConnection();
        var now = clock.GetUtcNow().UtcDateTime;
        var from = now.AddDays(-730);
        if (world.LastAudit is { } last && last.OccurredAtUtc > from)
        {
            from = last.OccurredAtUtc;
        }

        var step = Math.Max(0, (now - from).Ticks / options.AuditRows);
        var actors = world.MembersByGroup.SelectMany(g => g.Value.Select(m => (Group: g.Key, Member: m))).ToList();
        if (actors.Count == 0)
        {
            throw new InvalidOperationException("No authority members in any koordinationsgruppe; cannot generate audit rows.");
        }

        var nextId = world.Ids.Audit;
        var reported = 0;
        for (long start = 0; start < options.AuditRows; start += AuditRowsPerBatch)
        {
            var size = (int)Math.Min(AuditRowsPerBatch, options.AuditRows - start);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsNpgsql())
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({AuditChainWriter.PostgresAdvisoryLockKey});", cancellationToken, tx);
            }

            // Link after whatever is last now, inside the write transaction, as AuditService does.
            var previous = await LastAuditAsync(connection, tx, cancellationToken);
            var rows = new List<AuditRecord>(size);
            for (var k = 0; k < size; k++)
            {
                var (group, actor) = actors[random.Next(actors.Count)];
                var entry = AuditContent.Next(random, actor.UserId, actor.Roles, actor.PartyCode,
                    casesByGroup.GetValueOrDefault(group), from.AddTicks(step * (start + k + 1)));
                entry.Id = nextId++;
                entry.Seal(previous);
                rows.Add(entry);
                previous = entry;
            }

            await inserter.InsertAsync(connection, tx, rows, cancellationToken);
            await tx.CommitAsync(cancellationToken);
            counts.Audit += size;
            if (counts.Audit * 10 / options.AuditRows > reported)
            {
                reported = (int)(counts.Audit * 10 / options.AuditRows);
                progress?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  audit rows: {counts.Audit:N0} of {options.AuditRows:N0}"));
            }
        }
    }

    private static async Task<AuditRecord?> LastAuditAsync(DbConnection connection, DbTransaction tx, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT \"Sequence\", \"Hash\" FROM \"AuditEntries\" ORDER BY \"Sequence\" DESC LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new AuditRecord { Sequence = reader.GetInt64(0), Hash = reader.GetString(1) }
            : null;
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken, DbTransaction? tx = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed class Batch
    {
        public List<YoungPerson> Persons { get; } = new(CasesPerBatch);

        public List<CustodyHolder> Custody { get; } = new(CasesPerBatch * 2);

        public List<YoungPersonNameWord> NameWords { get; } = new(CasesPerBatch * 3);

        public List<SspCase> Cases { get; } = new(CasesPerBatch);

        public List<CaseLevelChange> LevelChanges { get; } = new(CasesPerBatch * 2);

        public List<CaseStatusChange> StatusChanges { get; } = new(CasesPerBatch * 2);

        public List<CaseAction> Actions { get; } = new(CasesPerBatch * 3);

        public List<JournalNote> Notes { get; } = new(CasesPerBatch * 2);
    }

    /// <summary>Builds one fictional young person and their case, through the domain's methods.</summary>
    private sealed class CaseBuilder(World world, Random random, TimeProvider clock)
    {
        private readonly DateTime _now = clock.GetUtcNow().UtcDateTime;
        private readonly DateOnly _today = DanishTime.Today(clock);

        // Most concerns start at the lower levels.
        private static readonly (CaseLevel Level, int Weight)[] LevelWeights =
        [
            (CaseLevel.WorryingBehaviour, 45), (CaseLevel.FirstTimeCrime, 30), (CaseLevel.RepeatedSeriousCrime, 15), (CaseLevel.CrimeDangerousToPersons, 10),
        ];

        private static readonly (int Age, int Weight)[] AgeWeights =
        [
            (10, 3), (11, 5), (12, 9), (13, 13), (14, 16), (15, 16), (16, 14), (17, 11), (18, 6), (19, 4), (20, 3),
        ];

        public SspCase Build(int index, int total, Batch batch)
        {
            var area = world.Areas[random.Next(world.Areas.Count)];
            var members = world.MembersByGroup.GetValueOrDefault(area.GroupId) ?? [];

            // Spread over three years, in id order, as a real system fills up.
            const int spanDays = 3 * 365;
            var raisedOn = _today.AddDays(-spanDays + (int)((long)index * spanDays / Math.Max(1, total)));
            var createdAt = At(raisedOn);
            var person = Person(area, raisedOn, createdAt, batch);

            var final = Pick(LevelWeights);
            var roll = random.NextDouble();
            var initial = roll < 0.25 && final > CaseLevel.WorryingBehaviour ? final - 1
                : roll > 0.95 && final < CaseLevel.CrimeDangerousToPersons ? final + 1
                : final;
            var source = initial >= CaseLevel.FirstTimeCrime && random.NextDouble() < 0.6 ? CaseSource.PoliceLevelReport
                : PickOne(CaseSource.School, CaseSource.School, CaseSource.Club, CaseSource.SocialServices, CaseSource.PoliceLevelReport, CaseSource.Other);
            var raisedBy = source switch
            {
                CaseSource.PoliceLevelReport => "POL",
                CaseSource.School => "BUF",
                CaseSource.Club => "KFF",
                CaseSource.SocialServices => "SOF",
                _ => PickOne("BIF", "BOLIG", "ANDRE"),
            };
            var creator = members.Count > 0 ? members[random.Next(members.Count)].UserId : "";
            var lead = Lead(initial, members);
            var form = initial.RequiresLevelForm() ? Form() : null;
            var c = SspCase.Register("", person.Id, area.GroupId, initial, source, PartyId(raisedBy), null, raisedOn,
                PickOne(Texts.Concerns), PartyId(lead.PartyCode), lead.PersonUserId, lead.OverrideReason, form, creator, createdAt);
            c.Id = world.Ids.Case++;
            c.CaseNumber = string.Create(CultureInfo.InvariantCulture, $"{raisedOn.Year}-{c.Id:D5}");
            var lastEvent = raisedOn;

            if (final != initial)
            {
                var on = Min(_today, raisedOn.AddDays(random.Next(7, 120)));
                var newLead = Lead(final, members);
                var errors = c.ChangeLevel(final, PickOne(final > initial ? Texts.Escalations : Texts.DeEscalations),
                    final.RequiresLevelForm() ? form ?? Form() : null, newLead, PartyId(newLead.PartyCode), Actor(members), At(on), on);
                if (errors.Count > 0)
                {
                    throw new InvalidOperationException("Generator bug: level change refused: " + string.Join(", ", errors.Select(e => e.Error)));
                }

                lastEvent = on;
            }

            // Leader groups take escalated cases up within weeks; only recent ones stay flagged.
            if (c.FlaggedForLeaderGroup && c.LevelSetOn < _today.AddDays(-30))
            {
                c.FlaggedForLeaderGroup = false;
            }

            var age = _today.DayNumber - raisedOn.DayNumber;
            var closeChance = age > 365 ? 0.55 : age > 120 ? 0.25 : 0.05;
            var closes = random.NextDouble() < closeChance;
            if (closes || random.NextDouble() < (age > 14 ? 0.75 : 0.3))
            {
                var on = Max(raisedOn, Min(_today, raisedOn.AddDays(random.Next(1, 15))));
                Check(c.ChangeStatus(CaseStatus.UnderCoordination, null, null, Actor(members), At(on), on));
                lastEvent = Max(lastEvent, on);
            }

            if (random.NextDouble() < 0.6 && c.Status != CaseStatus.Open)
            {
                c.SetGoals(PickOne(Texts.OverallGoals), PickOne(Texts.SchoolGoals), PickOne(Texts.LeisureGoals), PickOne(Texts.HomeGoals), PickOne(Texts.CrimeGoals), At(lastEvent));
            }

            var deadline = world.Deadlines[c.Level];
            if (closes)
            {
                var on = Min(_today, Max(lastEvent, raisedOn.AddDays(random.Next(60, Math.Max(61, Math.Min(age, 700))))));
                if (random.NextDouble() < 0.5)
                {
                    var reviewed = Max(c.LevelSetOn, on.AddDays(-random.Next(0, 60)));
                    c.MarkReviewed(reviewed, At(reviewed));
                }

                if (world.SspPlusGroupId is { } plus && YoungPersonRules.IsSspPlusAge(person.DateOfBirth, on) && random.NextDouble() < 0.7)
                {
                    Check(c.HandOverToSspPlus(on, plus, Actor(members), At(on), on));
                }
                else
                {
                    var reason = Pick([(CloseReason.ConcernResolved, 60), (CloseReason.HandedOverToOtherAuthority, 15), (CloseReason.MovedAway, 15), (CloseReason.Other, 10)]);
                    Check(c.ChangeStatus(CaseStatus.Closed, reason == CloseReason.Other ? PickOne(Texts.OtherCloseReasons) : null, reason, Actor(members), At(on), on));
                }

                lastEvent = on;
            }
            else if (c.Status == CaseStatus.UnderCoordination && random.NextDouble() < 0.8)
            {
                // Most groups keep up with their reviews; the rest show as overdue.
                var reviewed = Max(c.LevelSetOn, _today.AddDays(-random.Next(0, deadline.ReviewDays)));
                c.MarkReviewed(reviewed, At(reviewed));
            }

            var end = c.ClosedOn ?? _today;
            var firstAction = batch.Actions.Count;
            AddActions(c, members, raisedOn, end, batch);
            // Written past the context (bulk inserts): the overdue date as SspDbContext would keep it (ADR 0040).
            c.OverdueFrom = CaseOverdue.From(c.Status != CaseStatus.Closed, c.LevelSetOn, c.LastReviewedOn, deadline,
                batch.Actions.Skip(firstAction).Select(a => (a.Status, a.DueOn)));
            AddNotes(c, members, raisedOn, end, batch);

            foreach (var h in c.LevelHistory)
            {
                h.Id = world.Ids.LevelChange++;
                h.CaseId = c.Id;
                batch.LevelChanges.Add(h);
            }

            foreach (var h in c.StatusHistory)
            {
                h.Id = world.Ids.StatusChange++;
                h.CaseId = c.Id;
                batch.StatusChanges.Add(h);
            }

            batch.Cases.Add(c);
            return c;
        }

        private YoungPerson Person(Area area, DateOnly raisedOn, DateTime createdAt, Batch batch)
        {
            var girl = random.NextDouble() < 0.35;
            var age = Pick(AgeWeights);
            var born = raisedOn.AddYears(-age).AddDays(-random.Next(0, 365));
            var lastName = PickOne(Names.Last);
            var name = $"{PickOne(girl ? Names.Girls : Names.Boys)} {(random.NextDouble() < 0.2 ? PickOne(Names.Last) + " " : "")}{lastName}";
            var grade = Math.Clamp(age - 6, 0, 10);
            var person = new YoungPerson
            {
                Id = world.Ids.Person++,
                FullName = name,
                NormalizedName = YoungPerson.Normalize(name),
                DateOfBirth = born,
                Cpr = random.NextDouble() < 0.15 ? Cpr(born, girl) : null,
                Address = random.NextDouble() < 0.6 ? $"{PickOne(Names.Streets)} {random.Next(1, 120)}, {PickOne(Names.PostalAreas)}" : null,
                School = age <= 16 && random.NextDouble() < 0.85 ? $"{PickOne(Names.Schools)}, {grade}. klasse" : null,
                Club = random.NextDouble() < 0.35 ? PickOne(Names.Clubs) : null,
                LocalAreaId = area.Id,
                CreatedAtUtc = createdAt,
            };
            batch.Persons.Add(person);
            batch.NameWords.AddRange(YoungPerson.Words(name).Select(w => new YoungPersonNameWord { YoungPersonId = person.Id, Word = w }));
            if (age < 18)
            {
                batch.Custody.Add(new CustodyHolder { Id = world.Ids.Custody++, YoungPersonId = person.Id, FullName = $"{PickOne(Names.Girls)} {lastName}", Relation = "mor" });
                if (random.NextDouble() < 0.5)
                {
                    batch.Custody.Add(new CustodyHolder { Id = world.Ids.Custody++, YoungPersonId = person.Id, FullName = $"{PickOne(Names.Boys)} {lastName}", Relation = "far" });
                }
            }

            return person;
        }

        /// <summary>A unique, format-valid CPR number for the date of birth (odd last digit for boys, as in real numbers).</summary>
        private string Cpr(DateOnly born, bool girl)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                // The 7th digit tells the century: 4-9 cover 2000-2036, 0-3 the 1900s.
                var seventh = born.Year >= 2000 ? random.Next(4, 10) : random.Next(0, 4);
                var last = random.Next(0, 5) * 2 + (girl ? 0 : 1);
                var digits = string.Create(CultureInfo.InvariantCulture, $"{born:ddMMyy}{seventh}{random.Next(0, 100):D2}{last}");
                if (CprNumber.TryParse(digits, out var cpr) && cpr.DateOfBirth == born && world.Cprs.Add(digits))
                {
                    return digits;
                }
            }

            throw new InvalidOperationException("Could not find a free CPR number for a generated person.");
        }

        /// <summary>The default lead for the level; at levels 1-2 sometimes another party with a reason. Named from level 2.</summary>
        private LeadAssignment Lead(CaseLevel level, IReadOnlyList<Member> members)
        {
            var party = level.DefaultLeadParty();
            string? reason = null;
            if (!level.LeadIsFixed() && random.NextDouble() < 0.05)
            {
                party = level == CaseLevel.WorryingBehaviour ? "KFF" : "POL";
                reason = PickOne(Texts.LeadOverrides);
            }

            string? person = null;
            if (level.RequiresNamedLead() || random.NextDouble() < 0.4)
            {
                var sameParty = members.Where(m => m.PartyCode == party).ToList();
                var pool = sameParty.Count > 0 ? sameParty : members;
                person = pool.Count > 0 ? pool[random.Next(pool.Count)].UserId : null;
            }

            if (person is null && level.RequiresNamedLead())
            {
                throw new InvalidOperationException("A koordinationsgruppe without authority members cannot hold level 2-4 cases.");
            }

            return new LeadAssignment(party, person, reason);
        }

        private LevelForm Form() => new(
            PickOne(Texts.FormOffence), PickOne(Texts.FormSchool), PickOne(Texts.FormLeisure),
            PickOne(Texts.FormHome), PickOne(Texts.FormNetwork), PickOne(Texts.FormTried));

        private void AddActions(SspCase c, IReadOnlyList<Member> members, DateOnly from, DateOnly end, Batch batch)
        {
            var count = Pick([(0, 10), (1, 25), (2, 35), (3, 20), (4, 10)]);
            for (var n = 0; n < count; n++)
            {
                // The first action soon after the case is raised, later ones spread over its life.
                var created = n == 0
                    ? Min(end, from.AddDays(random.Next(0, 14)))
                    : from.AddDays(random.Next(0, Math.Max(1, end.DayNumber - from.DayNumber + 1)));
                var due = created.AddDays(random.Next(3, 45));
                var insider = members.Count > 0 && random.NextDouble() < 0.7 ? members[random.Next(members.Count)] : null;
                var action = new CaseAction
                {
                    Id = world.Ids.Action++,
                    CaseId = c.Id,
                    What = PickOne(Texts.Actions),
                    OwnerUserId = insider?.UserId,
                    OwnerName = insider?.FullName ?? Names.Adult(random),
                    OwnerPartyId = insider?.PartyId ?? PartyId(PickOne("BUF", "KFF", "BOLIG")),
                    DueOn = due,
                    CreatedByUserId = Actor(members),
                    CreatedAtUtc = At(created),
                };
                if (c.Status == CaseStatus.Closed)
                {
                    Check(action.Complete(random.NextDouble() < 0.85 ? ActionStatus.Done : ActionStatus.Cancelled, Min(end, Max(created, due.AddDays(-random.Next(0, 10))))));
                }
                else if (due < _today && random.NextDouble() < 0.9)
                {
                    Check(action.Complete(ActionStatus.Done, Max(created, due.AddDays(-random.Next(0, 5)))));
                }

                batch.Actions.Add(action);
            }
        }

        private void AddNotes(SspCase c, IReadOnlyList<Member> members, DateOnly from, DateOnly end, Batch batch)
        {
            var count = Pick([(0, 25), (1, 55), (2, 20)]);
            for (var n = 0; n < count; n++)
            {
                var on = from.AddDays(random.Next(0, Math.Max(1, end.DayNumber - from.DayNumber + 1)));
                batch.Notes.Add(new JournalNote
                {
                    Id = world.Ids.Note++,
                    CaseId = c.Id,
                    NoteDate = on,
                    AuthorUserId = Actor(members),
                    Text = PickOne(Texts.Notes),
                    CreatedAtUtc = At(on),
                });
            }
        }

        private string Actor(IReadOnlyList<Member> members) => members.Count > 0 ? members[random.Next(members.Count)].UserId : "";

        private int PartyId(string code) => world.Parties.TryGetValue(code, out var id) ? id
            : throw new InvalidOperationException($"Party {code} is missing; run the organisation seeder.");

        /// <summary>A working-hours moment on that day (UTC), never in the future.</summary>
        private DateTime At(DateOnly day)
        {
            var moment = DateTime.SpecifyKind(day.ToDateTime(new TimeOnly(7, 0)), DateTimeKind.Utc).AddMinutes(random.Next(0, 600));
            return moment > _now ? _now : moment;
        }

        private T PickOne<T>(params T[] values) => values[random.Next(values.Length)];

        private T Pick<T>((T Value, int Weight)[] weights)
        {
            var roll = random.Next(weights.Sum(w => w.Weight));
            foreach (var (value, weight) in weights)
            {
                if (roll < weight)
                {
                    return value;
                }

                roll -= weight;
            }

            return weights[^1].Value;
        }

        private static void Check(string? error)
        {
            if (error is not null)
            {
                throw new InvalidOperationException("Generator bug: the domain refused a change: " + error);
            }
        }

        private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

        private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    }

    /// <summary>Audit rows shaped like the ones the app writes (ids only, never personal data).</summary>
    private static class AuditContent
    {
        private const string Base32 = "0123456789ABCDEFGHIJKLMNOPQRSTUV";

        public static AuditRecord Next(Random random, string userId, string roles, string party, List<int>? groupCases, DateTime at)
        {
            var entry = new AuditRecord
            {
                OccurredAtUtc = at,
                UserId = userId,
                Roles = roles,
                Party = party,
                Outcome = AuditOutcomes.Success,
                CorrelationId = CorrelationId(random),
            };
            var roll = random.Next(100);
            var caseId = groupCases is { Count: > 0 } ? groupCases[random.Next(groupCases.Count)] : (int?)null;
            if (caseId is null && roll < 90)
            {
                roll = 90;
            }

            switch (roll)
            {
                case < 55:
                    entry.Action = AuditActions.CaseView;
                    entry.SubjectType = "case";
                    entry.SubjectId = Id(caseId!.Value);
                    entry.Purpose = "coordination-group";
                    break;
                case < 80:
                    entry.Action = AuditActions.CaseList;
                    entry.SubjectType = "case";
                    // History in the format before one entry per view (ADR 0008): the ids in the subject id, at most 100 characters.
                    entry.SubjectId = string.Join(',', Enumerable.Range(0, 20).Select(_ => groupCases![random.Next(groupCases.Count)]).Distinct().Order().Take(12));
                    entry.Purpose = "case-list";
                    entry.Details = random.Next(4) == 0 ? $"level={random.Next(1, 5)};sort=Newest; rows=50" : "sort=Newest; rows=50";
                    break;
                case < 85:
                    entry.Action = AuditActions.CaseUpdate;
                    entry.SubjectType = "case";
                    entry.SubjectId = Id(caseId!.Value);
                    entry.Details = random.Next(3) switch { 0 => "note-add", 1 => "action-add", _ => "reviewed" };
                    break;
                case < 88:
                    entry.Action = AuditActions.PersonSearch;
                    entry.SubjectType = "young-person";
                    entry.SubjectId = "";
                    entry.Purpose = "duplicate-check";
                    entry.Details = "by=name+birthdate; matches=0";
                    break;
                case < 89:
                    entry.Action = AuditActions.CaseExport;
                    entry.SubjectType = "case";
                    entry.Purpose = "case-export";
                    entry.Details = $"sort=Newest; rows={random.Next(20, 2000)}";
                    break;
                case < 95:
                    entry.Action = random.Next(2) == 0 ? AuditActions.SignIn : AuditActions.SignInTwoFactor;
                    entry.SubjectType = "user";
                    entry.SubjectId = userId;
                    // Written before the sign-in completes, so as the anonymous user: no roles, no party.
                    entry.Roles = "";
                    entry.Party = null;
                    break;
                default:
                    entry.Action = AuditActions.SignOut;
                    entry.SubjectType = "user";
                    entry.SubjectId = userId;
                    break;
            }

            return entry;
        }

        private static string CorrelationId(Random random)
        {
            Span<char> chars = stackalloc char[13];
            chars[0] = '0';
            chars[1] = 'H';
            chars[2] = 'N';
            for (var i = 3; i < chars.Length; i++)
            {
                chars[i] = Base32[random.Next(32)];
            }

            return string.Create(CultureInfo.InvariantCulture, $"{chars}:{random.Next(1, 0x1000):X8}");
        }

        private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Small built-in lists: the combinations are fictional people, not anyone's real data.</summary>
    private static class Names
    {
        public static readonly string[] Boys =
        [
            "Noah", "Oscar", "William", "Lucas", "Carl", "Alfred", "Emil", "Aksel", "Malthe", "Valdemar", "Viktor", "Magnus",
            "Elias", "Frederik", "Oliver", "Arthur", "August", "Villads", "Anton", "Mikkel", "Mads", "Jonas", "Tobias", "Sebastian",
            "Kasper", "Rasmus", "Mathias", "Adam", "Ali", "Omar", "Yusuf", "Ibrahim", "Mohammed", "Hamza", "Ahmad", "Karim", "Milan", "Luka",
        ];

        public static readonly string[] Girls =
        [
            "Emma", "Ida", "Clara", "Freja", "Alma", "Ella", "Sofia", "Agnes", "Karla", "Olivia", "Laura", "Josefine", "Mathilde",
            "Caroline", "Anna", "Nora", "Asta", "Luna", "Maja", "Frida", "Sara", "Amalie", "Emilie", "Cecilie", "Aya", "Fatima",
            "Zainab", "Maryam", "Leila", "Amira", "Nadia", "Yasmin", "Hiba", "Selma",
        ];

        public static readonly string[] Last =
        [
            "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen",
            "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen",
            "Knudsen", "Jakobsen", "Mikkelsen", "Frederiksen", "Lund", "Holm", "Schmidt", "Eriksen", "Simonsen", "Clausen",
            "Svendsen", "Andreasen", "Iversen", "Jeppesen", "Vestergaard", "Ali", "Hussein", "Mohamad", "Ahmed", "Yilmaz",
            "Khan", "Hassan", "Abdi", "Nguyen", "Kowalski",
        ];

        public static readonly string[] Streets = ["Eksempelvej", "Prøvegade", "Fiktivvej", "Testallé", "Modelvej", "Skitsegade", "Udkastvej", "Demostræde"];

        public static readonly string[] PostalAreas =
        [
            "1550 København V", "2100 København Ø", "2200 København N", "2300 København S", "2400 København NV", "2450 København SV",
            "2500 Valby", "2700 Brønshøj", "2720 Vanløse",
        ];

        public static readonly string[] Schools = ["Bøgeskolen", "Lindeskolen", "Egeskolen", "Birkeskolen", "Askeskolen", "Pileskolen", "Elmeskolen", "Hasselskolen"];

        public static readonly string[] Clubs = ["Klubben Nord", "Klubben Syd", "Fritidscentret", "Ungdomsklubben", "Juniorklubben", "Klub 10-14"];

        public static string Adult(Random random) =>
            $"{(random.Next(2) == 0 ? Boys[random.Next(Boys.Length)] : Girls[random.Next(Girls.Length)])} {Last[random.Next(Last.Length)]}";
    }

    /// <summary>Case texts in Danish, generic enough to fit any of the fictional people.</summary>
    private static class Texts
    {
        public static readonly string[] Concerns =
        [
            "Stigende fravær fra skolen og ses ofte sent om aftenen sammen med ældre unge ved indkøbscentret.",
            "En del af en gruppe, der skaber utryghed i bebyggelsen. Har ingen fast fritidsaktivitet.",
            "Klubben er bekymret for en ny omgangskreds og for, at den unge er begyndt at ryge hash.",
            "Taget for butikstyveri sammen med en kammerat. Første kontakt med politiet.",
            "Mistænkt for hærværk på skolen i weekenden. Forældrene er kontaktet.",
            "Flere sigtelser for indbrud det seneste halve år. Har droppet ud af fritidsjobbet.",
            "Anholdt for røveri med vold mod en jævnaldrende sammen med ældre venner.",
            "Skolen har hørt, at den unge opholder sig i et miljø, hvor der sælges hash.",
            "Har truet en lærer og er bortvist fra skolen i tre dage.",
            "Fundet i besiddelse af kniv ved en visitation i nattelivet.",
            "Deltog i en konflikt mellem to grupper, hvor der blev kastet med sten.",
            "Forældrene har selv henvendt sig: de har mistet kontakten til den unge om aftenen.",
        ];

        public static readonly string[] Escalations =
        [
            "Ny sigtelse for tyveri efter den første samtale.",
            "Gentagen kriminalitet trods indsatsen; skal behandles i ledergruppen.",
            "Politiet har sendt en ny niveauindberetning om vold.",
            "Bekymringen er skærpet efter en ny hændelse i bebyggelsen.",
        ];

        public static readonly string[] DeEscalations =
        [
            "Ingen nye hændelser i tre måneder; indsatsen virker.",
            "Sigtelsen er frafaldet; bekymringen består på et lavere niveau.",
        ];

        public static readonly string[] LeadOverrides =
        [
            "Klubben har den tætteste kontakt til den unge.",
            "Politiet har allerede en forebyggende kontakt med familien.",
        ];

        public static readonly string[] FormOffence =
        [
            "Flere indbrud og hærværk sammen med ældre unge.",
            "Røveri med vold mod en jævnaldrende.",
            "Gentagne butikstyverier og trusler mod personale.",
            "Salg af hash i bebyggelsen.",
        ];

        public static readonly string[] FormSchool =
        [
            "Stort fravær gennem flere måneder; skolen har svært ved at få kontakt til hjemmet.",
            "Er droppet ud af 10. klasse.",
            "Går i skole, men har konflikter med lærerne.",
        ];

        public static readonly string[] FormLeisure =
        [
            "Er holdt op i klubben og til fodbold i løbet af det seneste halve år.",
            "Ingen faste fritidsaktiviteter.",
            "Kommer sporadisk i ungdomsklubben.",
        ];

        public static readonly string[] FormHome =
        [
            "Familien mangler overskud; socialforvaltningen har startet en børnefaglig undersøgelse.",
            "God kontakt til forældrene, som føler sig magtesløse.",
            "Bor skiftevis hos mor og far; uenighed om grænser.",
        ];

        public static readonly string[] FormNetwork =
        [
            "Omgås ældre unge fra bebyggelsen, som politiet kender.",
            "Har skiftet vennekreds inden for det seneste år.",
            "Få venner på egen alder; søger mod ældre.",
        ];

        public static readonly string[] FormTried =
        [
            "Var niveau 1-sag i lokaludvalget for et år siden; samtale med skolen.",
            "Mentor via socialforvaltningen i et halvt år.",
            "Bekymringssamtale hos politiet og henvisning til klubben.",
        ];

        public static readonly string[] OverallGoals =
        [
            "Den unge er i skole hver dag og har ingen nye sigtelser.",
            "Den unge har en fast fritidsaktivitet og et godt netværk.",
            "Den unge er i gang med uddannelse eller job og holder sig fra kriminalitet.",
        ];

        public static readonly string[] SchoolGoals = ["Fraværet halveres inden næste gennemgang.", "Tager 9. klasses afgangsprøve.", "Starter på et ungdomsuddannelsesforløb."];

        public static readonly string[] LeisureGoals = ["Kommer i klubben mindst to gange om ugen.", "Starter til en sport.", "Får et fritidsjob."];

        public static readonly string[] HomeGoals = ["Forældrene deltager i netværksmøderne.", "Faste aftaler om hjemkomst om aftenen.", "Familien får støtte fra socialforvaltningen."];

        public static readonly string[] CrimeGoals = ["Ingen nye sigtelser.", "Holder sig væk fra gruppen i bebyggelsen.", "Overholder ungdomskontrakten."];

        public static readonly string[] OtherCloseReasons = ["Familien har frabedt sig yderligere kontakt.", "Indsatsen fortsætter i et andet regi."];

        public static readonly string[] Actions =
        [
            "Samtale med den unge og forældrene",
            "Henvisning til klubtilbud",
            "Kontakt til skolen om fraværet",
            "Mentorordning via socialforvaltningen",
            "Fritidsjob via beskæftigelsesforvaltningen",
            "Bekymringssamtale hos politiet",
            "Netværksmøde med skole, klub og familie",
            "Opfølgning på den børnefaglige undersøgelse",
            "Tilknytning til en fodboldklub",
            "Gadeplansmedarbejder tager kontakt",
        ];

        public static readonly string[] Notes =
        [
            "Sagen blev drøftet på koordinationsgruppens møde. Skolen oplyser, at fraværet er faldet en smule siden sidst.",
            "Forældrene deltog i netværksmødet og bakker op om indsatsen. Næste opfølgning om fire uger.",
            "Klubben oplyser, at den unge er begyndt at komme igen to gange om ugen.",
            "Politiet har ikke registreret nye hændelser siden sidste møde.",
            "Den unge udeblev fra den aftalte samtale; gadeplansmedarbejderen tager ny kontakt.",
            "Socialforvaltningen har bevilget en mentor. Første møde er holdt.",
            "Ledergruppen har gennemgået sagen og støtter den lagte plan.",
            "Skolen melder om en ny konflikt i frikvarteret; ellers stabil periode.",
        ];
    }

    /// <summary>
    /// Multi-row parameterised INSERTs for one entity type. Table, columns and value conversions
    /// come from the EF model, so the rows look exactly like EF would write them; ids are given.
    /// </summary>
    private sealed class BulkInserter<T> where T : class
    {
        private readonly string _table;
        private readonly string[] _columns;
        private readonly Func<T, object?>[] _getters;
        private readonly ValueConverter?[] _converters;
        private readonly RelationalTypeMapping[] _mappings;
        private readonly int _rowsPerStatement;

        public BulkInserter(SspDbContext db)
        {
            var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
            var sql = db.GetService<ISqlGenerationHelper>();
            var table = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            _table = sql.DelimitIdentifier(table, entity.GetSchema());
            var properties = entity.GetProperties().Where(p => p.PropertyInfo is not null).ToList();
            if (properties.Count != entity.GetProperties().Count())
            {
                throw new InvalidOperationException($"{typeof(T).Name} has shadow properties; the bulk inserter does not support them.");
            }

            _columns = properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(store)!)).ToArray();
            _getters = properties.Select(p => Getter(p.PropertyInfo!)).ToArray();
            _mappings = properties.Select(p => (RelationalTypeMapping)p.GetTypeMapping()).ToArray();
            _converters = _mappings.Select(m => m.Converter).ToArray();
            // SQLite: one row per statement, reused. Microsoft.Data.Sqlite looks every parameter up by
            // name in a linear list, so a statement with hundreds of parameters costs quadratic time.
            // PostgreSQL: many rows per statement to save round trips (well below its 65,535 parameters).
            _rowsPerStatement = db.Database.IsSqlite() ? 1 : Math.Max(1, 1000 / _columns.Length);
        }

        public async Task InsertAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        {
            DbCommand? full = null;
            try
            {
                for (var offset = 0; offset < rows.Count; offset += _rowsPerStatement)
                {
                    var count = Math.Min(_rowsPerStatement, rows.Count - offset);
                    DbCommand command;
                    if (count == _rowsPerStatement)
                    {
                        // Same text for every full chunk, so the statement is compiled once per call.
                        command = full ??= Command(connection, tx, count);
                    }
                    else
                    {
                        command = Command(connection, tx, count);
                    }

                    for (var r = 0; r < count; r++)
                    {
                        var row = rows[offset + r];
                        for (var c = 0; c < _columns.Length; c++)
                        {
                            var value = _getters[c](row);
                            if (value is not null && _converters[c] is { } converter)
                            {
                                value = converter.ConvertToProvider(value);
                            }

                            command.Parameters[r * _columns.Length + c].Value = value ?? DBNull.Value;
                        }
                    }

                    await command.ExecuteNonQueryAsync(cancellationToken);
                    if (!ReferenceEquals(command, full))
                    {
                        await command.DisposeAsync();
                    }
                }
            }
            finally
            {
                if (full is not null)
                {
                    await full.DisposeAsync();
                }
            }
        }

        private DbCommand Command(DbConnection connection, DbTransaction tx, int rows)
        {
            var command = connection.CreateCommand();
            command.Transaction = tx;
            var text = new System.Text.StringBuilder();
            text.Append("INSERT INTO ").Append(_table).Append(" (").AppendJoin(", ", _columns).Append(") VALUES ");
            for (var r = 0; r < rows; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < _columns.Length; c++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{r * _columns.Length + c}");
                    text.Append(c == 0 ? "" : ", ").Append(name);
                    command.Parameters.Add(_mappings[c].CreateParameter(command, name, null, nullable: true));
                }

                text.Append(')');
            }

            command.CommandText = text.ToString();
            return command;
        }

        private static Func<T, object?> Getter(System.Reflection.PropertyInfo property)
        {
            var entity = Expression.Parameter(typeof(T));
            return Expression.Lambda<Func<T, object?>>(Expression.Convert(Expression.Property(entity, property), typeof(object)), entity).Compile();
        }
    }
}
