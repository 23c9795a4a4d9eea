using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Components;
using SspKbh.Web.Data;
using SspKbh.Web.Demo;
using SspKbh.Web.Security;

namespace SspKbh.Benchmarks;

/// <summary>
/// The real web app (its Program, middleware and services) on Kestrel on a free loopback port, in this process, so
/// its managed heap is this process's heap. Configured like production: environment Production (exception handler,
/// no developer pages), JSON logs at Warning on the console only, the bench database; two-factor sign-in is off (the
/// bench users have no authenticator). Two things differ from the app as deployed, both for the measurement:
/// disconnected circuits are dropped after one second instead of three minutes (so the circuits of one measurement are
/// gone before the next one's baseline), and a <see cref="CircuitCounter"/> counts the open circuits.
/// </summary>
internal sealed class BrowserHost : WebApplicationFactory<App>
{
    private readonly string databasePath;

    private readonly string? postgres;

    private readonly Action<IServiceCollection>? extraServices;

    private BrowserHost(string databasePath, string? postgres, Action<IServiceCollection>? extraServices)
    {
        this.databasePath = databasePath;
        this.postgres = postgres;
        this.extraServices = extraServices;
    }

    public CircuitCounter Circuits { get; } = new();

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <param name="extraServices">Benchmark-only service replacements (e.g. <see cref="AuditWriteSwitch"/>), after the app's own.</param>
    /// <param name="postgres">A PostgreSQL connection string to run on instead of the SQLite file (<c>--ratios --postgres</c>).</param>
    public static BrowserHost Start(string databasePath, Action<IServiceCollection>? extraServices = null, string? postgres = null)
    {
        var host = new BrowserHost(databasePath, postgres, extraServices);
        host.UseKestrel(0);
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        host.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // WebApplicationFactory looks for its manifest in the current folder only; dotnet run starts in the repository.
        builder.UseContentRoot(WebProjectFolder());
        builder.UseEnvironment("Production");
        foreach (var (key, value) in new Dictionary<string, string>
                 {
                     ["Database:Provider"] = postgres is null ? "Sqlite" : "Postgres",
                     ["ConnectionStrings:Sqlite"] = $"Data Source={databasePath}",
                     ["ConnectionStrings:Postgres"] = postgres ?? "",
                     ["Demo:Seed"] = "false",
                     ["Security:RequireTwoFactor"] = "false",
                     ["Serilog:WriteToFile"] = "false",
                     ["Serilog:MinimumLevel:Default"] = "Warning",
                     ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
                     // Every run's copy of the database makes a new key ring, which warns that keys are stored unencrypted.
                     ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.DataProtection"] = "Error",
                     // The daily retention job's first run comes five minutes after the start; on the generated data it
                     // anonymises about 3,700 closed cases, which would change the data and load the machine mid-run
                     // (the burst of JIT work in --ratios' third round).
                     ["Retention:Enabled"] = "false",
                 })
        {
            builder.UseSetting(key, value);
        }

        // The build output's static web assets manifest (MudBlazor's and Blazor's scripts and styles); Development
        // reads it by itself, a published app has the files in its wwwroot instead.
        builder.UseStaticWebAssets();
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Circuits);
            services.AddScoped<CircuitHandler, CountingCircuitHandler>();
            services.Configure<CircuitOptions>(o => o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(1));
            extraServices?.Invoke(services);
        });
    }

    /// <summary>The web project's folder (content root: wwwroot, appsettings.json), from the manifest Mvc.Testing writes next to this assembly.</summary>
    private static string WebProjectFolder()
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        var folders = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(manifest)) ?? [];
        var web = typeof(App).Assembly.GetName().Name + ",";
        return folders.Single(f => f.Key.StartsWith(web, StringComparison.Ordinal)).Value;
    }
}

/// <summary>How many circuits the app holds (opened and not yet disposed), and how many of them are connected.</summary>
internal sealed class CircuitCounter
{
    private int open;
    private int connected;

    public int Open => Volatile.Read(ref open);

    public int Connected => Volatile.Read(ref connected);

    internal void Opened() => Interlocked.Increment(ref open);

    internal void Closed() => Interlocked.Decrement(ref open);

    internal void Up() => Interlocked.Increment(ref connected);

    internal void Down() => Interlocked.Decrement(ref connected);

    /// <summary>Waits until the app holds exactly this many circuits, all connected.</summary>
    public async Task WaitForAsync(int circuits, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Open != circuits || Connected != circuits)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"Expected {circuits} open circuits, the app holds {Open} ({Connected} connected) after {timeout.TotalSeconds} s."));
            }

            await Task.Delay(100);
        }
    }
}

/// <summary>One per circuit (scoped), beside the app's own handler.</summary>
internal sealed class CountingCircuitHandler(CircuitCounter counter) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken) => Count(counter.Opened);

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) => Count(counter.Up);

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) => Count(counter.Down);

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) => Count(counter.Closed);

    private static Task Count(Action change)
    {
        change();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The two people who sign in through the login page, on this run's copy of the database: the SOF member of the
/// koordinationsgruppe with the most cases (<see cref="BenchScenario.GroupMember"/>, one group), and that group's BUF
/// member made a member of every koordinationsgruppe (100,000 visible cases, like <see cref="BenchScenario.AllGroups"/>).
/// Both get <see cref="Password"/>; generated staff have none.
/// </summary>
internal sealed record BrowserUsers(BenchScenario Scenario, int CaseId, string GroupMemberEmail, string AllGroupsEmail)
{
    public const string Password = "Bench-kodeord-2026";

    public static Task<BrowserUsers> PrepareAsync(string databasePath) => PrepareAsync(BenchApp.Build(databasePath));

    /// <summary>The same on the app's database as <paramref name="app"/> is configured, which may be a PostgreSQL database
    /// kept between runs: a password or memberships given by an earlier run are kept.</summary>
    public static async Task<BrowserUsers> PrepareAsync(WebApplication application)
    {
        await using var app = application;
        var scenario = await BenchScenario.LoadAsync(app);
        var caseId = await CircuitBenchmarks.BusiestCaseAsync(app, scenario.GroupId);
        string Email(string party) => string.Create(CultureInfo.InvariantCulture, $"{party}.kg{scenario.GroupId}@{DataGenerator.StaffEmailDomain}");
        var users = new BrowserUsers(scenario, caseId, Email("sof"), Email("buf"));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var db = scope.ServiceProvider.GetRequiredService<SspDbContext>();
            foreach (var (email, groups) in new[] { (users.GroupMemberEmail, new[] { scenario.GroupId }), (users.AllGroupsEmail, scenario.CoordinationGroups.ToArray()) })
            {
                var user = await userManager.FindByEmailAsync(email) ?? throw new InvalidOperationException("The generated staff user is missing: " + email);
                if (await userManager.HasPasswordAsync(user))
                {
                    Check(await userManager.RemovePasswordAsync(user), email);
                }

                Check(await userManager.AddPasswordAsync(user, Password), email);
                Check(await userManager.SetTwoFactorEnabledAsync(user, false), email);
                var memberOf = await db.GroupMemberships.Where(m => m.UserId == user.Id).Select(m => m.GroupId).OrderBy(g => g).ToListAsync();
                if (!memberOf.SequenceEqual([scenario.GroupId]) && !memberOf.SequenceEqual(groups.Order()))
                {
                    throw new InvalidOperationException($"{email} should be a member of group {scenario.GroupId} only, or of {string.Join(", ", groups)} after an earlier run.");
                }

                db.GroupMemberships.AddRange(groups.Except(memberOf).Select(g => new GroupMembership { GroupId = g, UserId = user.Id, Role = GroupRole.Member }));
                await db.SaveChangesAsync();
            }
        }

        SqliteConnection.ClearAllPools();
        return users;
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not prepare {email}: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
