using System.Net;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_reports_unhealthy_with_503_when_the_database_cannot_be_reached()
    {
        // Nothing listens on port 1; the app must still start and say so on /healthz.
        await using var app = await SspAppFactory.StartAsync(DbProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Username=postgres;Password=postgres;Database=sspkbh;Timeout=2",
            ["Database:MigrateOnStartup"] = "false",
            ["Demo:Seed"] = "false",
        });
        using var browser = app.CreateBrowser();

        using var response = await browser.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(DbProvider.Sqlite)]
    [InlineData(DbProvider.Postgres)]
    public async Task Health_is_healthy_on_a_migrated_database(DbProvider provider)
    {
        await using var app = await SspAppFactory.StartAsync(provider, new Dictionary<string, string?> { ["Demo:Seed"] = "false" });
        using var browser = app.CreateBrowser();
        using var response = await browser.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
