using SspKbh.Web.Audit;
using SspKbh.Web.Data;

namespace SspKbh.Web;

/// <summary>Command-line commands for operators, run instead of the web server.</summary>
public static class Commands
{
    public static async Task<int?> TryRunAsync(WebApplication app, string command)
    {
        switch (command)
        {
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
}
