using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SspKbh.Tests.Shared;
using SspKbh.Web.Audit;
using SspKbh.Web.Data;

namespace SspKbh.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a fresh database. Environment "Testing" on purpose: it runs the production
/// pipeline (UseExceptionHandler + HSTS, no developer exception page, no Development appsettings),
/// so what the tests see is what a user in production sees. Demo users are seeded
/// (password <see cref="Demo.DemoDataSeeder.DemoPassword"/>); two-factor is off unless a test turns it on;
/// sessions are revalidated against the security stamp on every request. The app's clock is
/// <see cref="Clock"/>, which a test may move forward. When the app is disposed, after all the activity
/// of its tests, it runs verify-audit's check on its database and fails if the hash chain is broken
/// (see <see cref="AuditTrailLedger"/>).
/// </summary>
public sealed class SspAppFactory : WebApplicationFactory<Program>
{
    public const string TestEnvironment = "Testing";

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;
    private bool _started;

    private SspAppFactory(TestDatabase database, IReadOnlyDictionary<string, string?>? overrides, bool ownsDatabase = true)
    {
        Database = database;
        _ownsDatabase = ownsDatabase;
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Demo:Seed"] = "true",
            ["Serilog:WriteToFile"] = "false",
            ["Serilog:Json"] = "false",
            ["Serilog:MinimumLevel"] = "Warning",
            ["Security:RequireTwoFactor"] = "false",
            ["Security:SessionValidationInterval"] = "00:00:00",
            ["Database:MigrateOnStartup"] = "true",
        };
        foreach (var (key, value) in database.AppSettings)
        {
            _settings[key] = value;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public TestDatabase Database { get; }

    /// <summary>Holds back a query of the app's on request (see <see cref="CommandGate"/>).</summary>
    public CommandGate Gate { get; } = new();

    public DbProvider Provider => Database.Provider;

    public IReadOnlyDictionary<string, string?> Settings => _settings;

    /// <summary>The app's TimeProvider: real time plus whatever the test has advanced it by.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>Set by the one test that breaks the chain on purpose, so disposing does not fail on it.</summary>
    public bool AuditTrailTamperedOnPurpose { get; set; }

    /// <summary>Creates the database and starts the app (migrations and seeding run before this returns).</summary>
    public static async Task<SspAppFactory> StartAsync(DbProvider provider, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var factory = new SspAppFactory(database, overrides);
        try
        {
            factory.StartServer();
            return factory;
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the app on a database the caller owns: disposing the app leaves the database in place,
    /// so a test can stop the app, work on the database (restore a backup) and start another app on it.
    /// </summary>
    public static SspAppFactory StartOn(TestDatabase database, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var factory = new SspAppFactory(database, overrides, ownsDatabase: false);
        factory.StartServer();
        return factory;
    }

    /// <summary>Like <see cref="StartAsync"/> but the caller starts the server (e.g. after <c>UseKestrel</c>).</summary>
    public static async Task<SspAppFactory> CreateAsync(DbProvider provider, IReadOnlyDictionary<string, string?>? overrides = null) =>
        new(await TestDatabase.CreateAsync(provider), overrides);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(TestEnvironment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.ConfigureDbContext<SspDbContext>(options => options.AddInterceptors(Gate));
        });
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        _started = true;
        return host;
    }

    public SspDbContext CreateDbContext() => Database.CreateContext();

    /// <summary>Runs <paramref name="work"/> with a scope of the app's own services.</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public TestBrowser CreateBrowser() => new(this);

    public override async ValueTask DisposeAsync()
    {
        // Not when a test pointed the app at another database (e.g. one that cannot be reached).
        var onTestDatabase = Database.AppSettings.All(setting => _settings.GetValueOrDefault(setting.Key) == setting.Value);
        var verified = _started && onTestDatabase && !AuditTrailTamperedOnPurpose
            ? await WithScopeAsync(services => services.GetRequiredService<AuditVerification>().VerifyAsync())
            : null;
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }

        if (verified is not null)
        {
            AuditTrailLedger.Record($"{Provider} {Database.Name}", verified.EntriesChecked, verified.IsValid ? null : verified.Problem);
            if (!verified.IsValid)
            {
                throw new InvalidOperationException(
                    $"verify-audit failed on the test database {Database.Name} after its tests: broken at sequence {verified.FirstBrokenSequence}: {verified.Problem}.");
            }
        }
    }
}
