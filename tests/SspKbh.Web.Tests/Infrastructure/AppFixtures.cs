using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Access;
using SspKbh.Domain.Audit;
using SspKbh.Domain.Cases;
using SspKbh.Web.Data;
using SspKbh.Web.Demo;
using SspKbh.Web.Features.Admin.Users;
using SspKbh.Web.Security;

namespace SspKbh.Web.Tests.Infrastructure;

/// <summary>One running app (and database) shared by the tests of one test class.</summary>
public abstract class AppFixture : IAsyncLifetime
{
    public abstract DbProvider Provider { get; }

    protected virtual IReadOnlyDictionary<string, string?>? Overrides => null;

    public SspAppFactory App { get; private set; } = default!;

    public async Task InitializeAsync() => App = await SspAppFactory.StartAsync(Provider, Overrides);

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}

public sealed class SqliteApp : AppFixture
{
    public override DbProvider Provider => DbProvider.Sqlite;
}

public sealed class PostgresApp : AppFixture
{
    public override DbProvider Provider => DbProvider.Postgres;
}

/// <summary>Two-factor authentication required, as in production.</summary>
public sealed class SqliteTwoFactorApp : AppFixture
{
    public override DbProvider Provider => DbProvider.Sqlite;

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?> { ["Security:RequireTwoFactor"] = "true" };
}

public sealed class PostgresTwoFactorApp : AppFixture
{
    public override DbProvider Provider => DbProvider.Postgres;

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?> { ["Security:RequireTwoFactor"] = "true" };
}

public sealed record TestUser(string Id, string Email, string FullName);

public static class AppHelpers
{
    /// <summary>
    /// Creates a user through the administration service (as the demo administrator would), so a test can
    /// lock, deactivate or enrol it without disturbing the shared demo users. The roles decide whether the user is an
    /// authority person (ADR 0034).
    /// </summary>
    public static async Task<TestUser> CreateUserAsync(this SspAppFactory app, AppRole[] roles, string party = "BUF")
    {
        var email = $"test-{Guid.NewGuid():N}@sspkbh.dk";
        var name = $"Testperson {Guid.NewGuid().ToString("N")[..6]}";
        return await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<SspDbContext>();
            var partyId = await db.Parties.Where(p => p.Code == party).Select(p => p.Id).SingleAsync();
            var input = new UserInput
            {
                FullName = name,
                Email = email,
                PartyId = partyId,
                InitialPassword = DemoDataSeeder.DemoPassword,
                Roles = roles.ToDictionary(r => r.ToString(), _ => true, StringComparer.Ordinal),
            };
            var admin = await PrincipalAsync(services, DemoDataSeeder.Users.First(u => u.Roles.Contains(AppRole.Administrator)).Email);
            var result = await services.GetRequiredService<UserAdministration>().CreateAsync(input, admin, CancellationToken.None);
            Assert.True(result.Succeeded, string.Join("; ", result.FieldErrors.SelectMany(f => f.Value).Concat(result.GeneralErrors)));
            return new TestUser(result.CreatedId!, email, name);
        });
    }

    /// <summary>The id of the party with this code (the demo organisation's codes: BUF, POL, SOF, BOLIG, ...).</summary>
    public static async Task<int> PartyIdAsync(this SspAppFactory app, string code)
    {
        await using var db = app.CreateDbContext();
        return await db.Parties.Where(p => p.Code == code).Select(p => p.Id).SingleAsync();
    }

    /// <summary>The id of the group with this name.</summary>
    public static async Task<int> GroupIdAsync(this SspAppFactory app, string name)
    {
        await using var db = app.CreateDbContext();
        return await db.Groups.Where(g => g.Name == name).Select(g => g.Id).SingleAsync();
    }

    /// <summary>The principal the app builds for this user at sign-in, for calling a service directly as that user.</summary>
    public static async Task<ClaimsPrincipal> PrincipalAsync(IServiceProvider services, string email)
    {
        var user = await services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"No user {email}.");
        return await services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
    }

    public static async Task<string> UserIdAsync(this SspAppFactory app, string email)
    {
        await using var db = app.CreateDbContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>
    /// <paramref name="count"/> open cases of the group, one young person each, named "<paramref name="prefix"/> 00" and
    /// on (plus <paramref name="suffix"/>), levels 1, 2, 1, …, case numbers "C-{last 8 of prefix}-{i}".
    /// </summary>
    public static async Task SeedCasesAsync(this SspAppFactory app, string groupName, string prefix, int count, string suffix = "")
    {
        await using var db = app.CreateDbContext();
        var groupId = await db.Groups.Where(g => g.Name == groupName).Select(g => g.Id).SingleAsync();
        var area = await db.LocalAreas.Where(a => a.Name == "Ørestad").Select(a => a.Id).SingleAsync();
        var buf = await db.Parties.Where(p => p.Code == "BUF").Select(p => p.Id).SingleAsync();
        var sof = await db.Parties.Where(p => p.Code == "SOF").Select(p => p.Id).SingleAsync();
        for (var i = 0; i < count; i++)
        {
            var person = new YoungPerson { DateOfBirth = new DateOnly(2012, 1, 1), LocalAreaId = area, CreatedAtUtc = DateTime.UtcNow };
            person.SetName($"{prefix} {i:D2}{suffix}");
            db.YoungPersons.Add(person);
            await db.SaveChangesAsync();
            var level = i % 2 == 0 ? CaseLevel.WorryingBehaviour : CaseLevel.FirstTimeCrime;
            db.Cases.Add(SspCase.Register($"C-{prefix[^8..]}-{i}", person.Id, groupId, level, CaseSource.School, buf, null,
                DateOnly.FromDateTime(DateTime.UtcNow), "Test", level == CaseLevel.WorryingBehaviour ? buf : sof, null, null, null, "test", DateTime.UtcNow));
        }

        await db.SaveChangesAsync();
    }

    public static async Task<List<AuditRecord>> AuditEntriesAsync(this SspAppFactory app, Func<AuditRecord, bool>? filter = null)
    {
        await using var db = app.CreateDbContext();
        var all = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
        // With the records each list entry showed, as the chain's hash covers them.
        var listed = (await db.AuditEntrySubjects.AsNoTracking().ToListAsync()).ToLookup(s => s.AuditSequence, s => s.SubjectId);
        foreach (var entry in all)
        {
            entry.ListedIds = listed[entry.Sequence].Order(StringComparer.Ordinal).ToList();
        }

        return filter is null ? all : all.Where(filter).ToList();
    }
}
