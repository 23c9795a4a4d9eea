using SspKbh.Web.Data;
using SspKbh.Web.Demo;

namespace SspKbh.Web.Infrastructure;

/// <summary>
/// Runs before the server accepts requests: applies migrations, seeds the organisation (all
/// environments) and, when Demo:Seed is on (Development), the demo users.
/// </summary>
public sealed class StartupTasks(IServiceProvider services, IConfiguration configuration, ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var migrate = configuration.GetValue("Database:MigrateOnStartup", true);
        if (migrate)
        {
            await DatabaseSetup.MigrateAsync(services, cancellationToken);
        }

        try
        {
            await SeedAsync(cancellationToken);
        }
        catch (Exception ex) when (!migrate && ex is not OperationCanceledException)
        {
            // Migrations are run by the operator (`migrate`), so the schema is theirs to provide: start anyway,
            // and let /healthz report Unhealthy until the database answers, instead of a crash loop.
            logger.LogError(ex, "Start-up seeding failed; the database is unreachable or not migrated. /healthz reports Unhealthy");
        }
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OrganisationSeeder>().SeedAsync(cancellationToken);
        if (configuration.GetValue("Demo:Seed", false))
        {
            try
            {
                await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(cancellationToken);
                logger.LogInformation("Demo users are present (Demo:Seed is on). Never enable this in production.");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Demo data is a convenience: an organisation changed beyond what the seeder foresees must not keep the app down.
                logger.LogError(ex, "Demo data could not be seeded completely; the app starts without the rest of it");
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
