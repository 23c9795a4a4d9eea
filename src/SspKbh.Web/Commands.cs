using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Access;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;
using SspKbh.Web.Demo;
using SspKbh.Web.Security;

namespace SspKbh.Web;

/// <summary>Command-line commands for operators, run instead of the web server.</summary>
public static class Commands
{
    public static async Task<int?> TryRunAsync(WebApplication app, string command, string[]? args = null)
    {
        switch (command)
        {
            case "create-admin":
                return await CreateAdministratorAsync(app, args ?? []);
            case "migrate":
                await DatabaseSetup.MigrateAsync(app.Services);
                Console.WriteLine("Database migrated.");
                return 0;
            case "generate":
                return await GenerateAsync(app, args ?? []);
            case "backup" or "restore":
                return await BackupOrRestoreAsync(app, command, args ?? []);
            case "verify-audit":
                return await VerifyAuditAsync(app, args ?? []);

            default:
                return null;
        }
    }

    /// <summary>
    /// <c>verify-audit [anchor file]</c>: checks the hash chain, then that the trail still holds the newest anchored head
    /// (ADR 0028; the anchor file of the configuration unless one is given). Exit codes: 0 intact, 2 broken or cut short.
    /// </summary>
    private static async Task<int> VerifyAuditAsync(WebApplication app, string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var verification = scope.ServiceProvider.GetRequiredService<AuditVerification>();
        var result = await verification.VerifyAsync();
        if (!result.IsValid)
        {
            Console.Error.WriteLine($"Audit trail BROKEN at sequence {result.FirstBrokenSequence}: {result.Problem}.");
            return 2;
        }

        var anchors = args.Length > 1 && !string.IsNullOrWhiteSpace(args[1]) ? new AuditAnchorFile(args[1]) : AuditAnchorFile.From(app.Configuration, app.Environment);
        if (anchors.Newest() is not { } anchor)
        {
            Console.WriteLine($"Audit trail intact: {result.EntriesChecked} entries verified. No anchor in {anchors.Path}, "
                + "so entries removed from the end of the trail would not show (docs/operations.md).");
            return 0;
        }

        if (await verification.CheckAnchorAsync(anchor) is { } problem)
        {
            Console.Error.WriteLine($"Audit trail BROKEN: {problem}. The chain links up, but the newest anchor ({anchors.Path}) says it held more.");
            return 2;
        }

        Console.WriteLine($"Audit trail intact: {result.EntriesChecked} entries verified; it holds the newest anchored head (entry {anchor.Sequence}).");
        return 0;
    }

    /// <summary>
    /// <c>backup &lt;file&gt;</c> (online, the app may run) and <c>restore &lt;file&gt;</c> (the app must be stopped)
    /// of the SQLite database. Exit codes: 0 done, 1 wrong use or not possible here (also on PostgreSQL),
    /// 2 a file failed its checks, 3 the backup file exists already (docs/operations.md).
    /// </summary>
    private static async Task<int> BackupOrRestoreAsync(WebApplication app, string command, string[] args)
    {
        if (args.Length != 2 || string.IsNullOrWhiteSpace(args[1]))
        {
            Console.Error.WriteLine($"Usage: {command} <file>");
            return SqliteBackup.Failed;
        }

        var provider = app.Configuration["Database:Provider"] ?? DatabaseSetup.SqliteProvider;
        if (!string.Equals(provider, DatabaseSetup.SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine($"'{command}' works on the SQLite database only; Database:Provider is '{provider}'. "
                + "On PostgreSQL use pg_dump -Fc and pg_restore, on SQL Server BACKUP DATABASE and RESTORE DATABASE (docs/operations.md).");
            return SqliteBackup.Failed;
        }

        var connectionString = DatabaseSetup.SqliteConnectionString(app.Configuration, app.Environment);
        if (command == "backup")
        {
            return SqliteBackup.Backup(connectionString, args[1], Console.Out, Console.Error);
        }

        await using var scope = app.Services.CreateAsyncScope();
        // A backup made before ADR 0041 is carried over at the next start, like the database it came from.
        var knownMigrations = scope.ServiceProvider.GetRequiredService<SspDbContext>().Database.GetMigrations().Concat(LegacySchema.MigrationIds).ToList();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        var restored = SqliteBackup.Restore(connectionString, args[1], knownMigrations, clock, Console.Out, Console.Error);
        if (restored == 0)
        {
            // The anchors name entries written after the backup, which the restored trail never had (ADR 0028).
            if (string.IsNullOrEmpty(app.Configuration["Audit:AnchorFile"]))
            {
                if (AuditAnchorFile.From(app.Configuration, app.Environment).MoveAside(clock.GetUtcNow().UtcDateTime) is { } aside)
                {
                    Console.WriteLine($"The audit anchors from before the restore are kept in {aside}; new ones start with the restored trail.");
                }
            }
            else
            {
                Console.WriteLine($"Audit:AnchorFile is set: move its anchors from before the restore aside yourself, or verify-audit will report the entries the backup does not have.");
            }
        }

        return restored;
    }

    /// <summary>
    /// Fills the database with fictional volume data for load tests and benchmarks:
    /// <c>generate --cases 100000 [--audit 1000000] [--seed 42] [--force]</c>. Refused in Production
    /// (also when ASPNETCORE_ENVIRONMENT is unset, which ASP.NET Core treats as Production) unless
    /// <c>--force</c> is given. Prints counts and timings only, never personal data.
    /// </summary>
    private static async Task<int> GenerateAsync(WebApplication app, string[] args)
    {
        const string usage = "Usage: generate --cases <n> [--audit <n>] [--seed <n>] [--force]  (default audit rows: 10 per case; seed 42)";
        int? cases = null;
        long? auditRows = null;
        var seed = 42;
        var force = false;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--cases" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                    cases = n;
                    i++;
                    break;
                case "--audit" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                    auditRows = n;
                    i++;
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n):
                    seed = n;
                    i++;
                    break;
                case "--force":
                    force = true;
                    break;
                default:
                    Console.Error.WriteLine($"Unknown or invalid argument '{args[i]}'.");
                    Console.Error.WriteLine(usage);
                    return 1;
            }
        }

        if (cases is null)
        {
            Console.Error.WriteLine(usage);
            return 1;
        }

        if (DatabaseSetup.ProviderFrom(app.Configuration) == SqlDialect.SqlServer)
        {
            // The generator writes in bulk with SQLite's and PostgreSQL's own SQL; nobody has run it on SQL Server.
            Console.Error.WriteLine("'generate' works on SQLite and PostgreSQL only; Database:Provider is SqlServer. Nothing was changed.");
            return 1;
        }

        if (app.Environment.IsProduction() && !force)
        {
            Console.Error.WriteLine("Refusing to generate fictional data: the environment is Production (ASPNETCORE_ENVIRONMENT is "
                + "'Production' or not set). Set ASPNETCORE_ENVIRONMENT=Development, or pass --force if this really is a test database.");
            return 1;
        }

        if (app.Environment.IsProduction())
        {
            Console.Error.WriteLine("WARNING: --force in Production. The demo users (with the published demo password) are created if missing.");
        }

        var options = new GenerateOptions(cases.Value, auditRows ?? cases.Value * 10L, seed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generating {options.Cases:N0} fictional cases and {options.AuditRows:N0} audit rows (seed {options.Seed}) ..."));
        var generator = ActivatorUtilities.CreateInstance<DataGenerator>(app.Services);
        var result = await generator.GenerateAsync(options, Console.Out, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Added {result.YoungPersons:N0} young persons, {result.CustodyHolders:N0} custody holders, {result.Cases:N0} cases, "
            + $"{result.LevelChanges:N0} level changes, {result.StatusChanges:N0} status changes, {result.Actions:N0} actions, "
            + $"{result.Notes:N0} journal notes, {result.AuditRows:N0} audit rows and {result.StaffUsersCreated} staff users (no password)."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Time: cases {result.CaseTime.TotalSeconds:F1} s, audit {result.AuditTime.TotalSeconds:F1} s, total {result.Elapsed.TotalSeconds:F1} s."));
        return 0;
    }

    /// <summary>
    /// Creates the first administrator on a new installation (there is no self-registration):
    /// <c>create-admin e-mail "Full Name"</c> with the password in SSPKBH_ADMIN_PASSWORD or on standard input.
    /// The user must enrol two-factor authentication at first sign-in.
    /// </summary>
    private static async Task<int> CreateAdministratorAsync(WebApplication app, string[] args)
    {
        if (args.Length < 3)
        {
            Console.Error.WriteLine("Usage: create-admin <e-mail> \"<full name>\"  (password from SSPKBH_ADMIN_PASSWORD or standard input)");
            return 1;
        }

        var email = args[1].Trim();
        var fullName = args[2].Trim();
        var password = Environment.GetEnvironmentVariable("SSPKBH_ADMIN_PASSWORD") ?? Console.ReadLine() ?? "";

        await DatabaseSetup.MigrateAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OrganisationSeeder>().SeedAsync(CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<SspDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var secretariat = await db.Parties.Where(p => p.Code == "SSP").Select(p => (int?)p.Id).FirstOrDefaultAsync()
            ?? await db.Parties.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = fullName,
            PartyId = secretariat,
            IsAuthorityPerson = AccessRules.IsAuthorityPerson([AppRole.Administrator]),
            CreatedAtUtc = DateTime.UtcNow,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            Console.Error.WriteLine("Could not create the administrator: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            return 1;
        }

        await users.AddToRoleAsync(user, nameof(AppRole.Administrator));
        await scope.ServiceProvider.GetRequiredService<AuditService>().WriteAsync(
            AuditEvent.BySystem(AuditActions.UserCreated, SubjectType: "user", SubjectId: user.Id, Details: "created-by=create-admin command"));
        Console.WriteLine("Administrator created. Two-factor authentication is set up at first sign-in.");
        return 0;
    }
}
