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
            case "verify-audit":
            {
                await using var scope = app.Services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<AuditVerification>().VerifyAsync();
                if (result.IsValid)
                {
                    Console.WriteLine($"Audit trail intact: {result.EntriesChecked} entries verified.");
                    return 0;
                }

                Console.Error.WriteLine($"Audit trail BROKEN at sequence {result.FirstBrokenSequence}: {result.Problem}.");
                return 2;
            }

            default:
                return null;
        }
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
            IsAuthorityPerson = true,
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
            new AuditEvent(AuditActions.UserCreated, SubjectType: "user", SubjectId: user.Id, Details: "created-by=create-admin command"));
        Console.WriteLine("Administrator created. Two-factor authentication is set up at first sign-in.");
        return 0;
    }
}
