using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SspKbh.Web.Features.Home;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The interactive home page over the real services (bUnit, ADR 0021): what each kind of user finds there,
/// and that a non-authority member is shown no case work at all (§115).
/// </summary>
public abstract class HomeComponentTests(AppFixture fixture)
{
    [Fact]
    public async Task A_secretary_sees_her_cases_actions_conversations_and_groups_as_cards()
    {
        await using var host = await ComponentHost.ForAsync(fixture.App, "sekretaer@sspkbh.dk");

        var home = host.RenderPage<Home>();

        home.WaitForAssertion(() => Assert.NotEmpty(home.FindAll("[data-testid='my-groups']")));
        Assert.Contains("Goddag, Sofie Lund", home.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Equal(Texts.Home_Lead_Secretary, home.Find("[data-testid='home-role-lead']").TextContent.Trim());
        Assert.Contains("Koordinationsgruppe Amager Øst", home.Find("[data-testid='my-groups']").TextContent, StringComparison.Ordinal);
        var overdue = int.Parse(home.Find("[data-testid='home-overdue-count']").TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(overdue > 0, home.FindAll("[data-testid='home-overdue']").Count == 1);
        Assert.Equal(overdue == 0, home.FindAll("[data-testid='home-no-overdue']").Count == 1);
        // The demo conversation (Freja Nielsen's) is planned, with the secretary responsible: upcoming or in preparation.
        var counts = System.Text.RegularExpressions.Regex.Match(home.Find("[data-testid='home-conversations']").TextContent, @"Kommende: (\d+)\. Under forberedelse: (\d+)\.");
        Assert.True(counts.Success, home.Find("[data-testid='home-conversations']").TextContent);
        var open = int.Parse(counts.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + int.Parse(counts.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(open >= 1, "the demo conversation is not counted");
        Assert.Equal(open.ToString(System.Globalization.CultureInfo.InvariantCulture), home.Find("[data-testid='home-conversations-count']").TextContent.Trim());
        Assert.Empty(home.FindAll("[data-testid='non-authority-notice']"));
    }

    [Fact]
    public async Task A_non_authority_member_gets_the_notice_and_no_case_work()
    {
        await using var host = await ComponentHost.ForAsync(fixture.App, "ikke-myndighed@sspkbh.dk");

        var home = host.RenderPage<Home>();

        home.WaitForAssertion(() => Assert.NotEmpty(home.FindAll("[data-testid='my-groups']")));
        Assert.Contains(Texts.Home_NonAuthorityHeading, home.Find("[data-testid='non-authority-notice']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Lokaludvalg Amager Øst", home.Find("[data-testid='my-groups']").TextContent, StringComparison.Ordinal);
        foreach (var caseWork in new[] { "home-overdue-count", "home-overdue", "home-no-overdue", "home-actions", "home-no-actions", "home-conversations" })
        {
            Assert.Empty(home.FindAll($"[data-testid='{caseWork}']"));
        }
    }

    [Fact]
    public async Task The_two_factor_confirmation_shows_after_enrolment()
    {
        await using var host = await ComponentHost.ForAsync(fixture.App, "statistik@sspkbh.dk");
        host.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/?2fa=aktiveret");

        var home = host.RenderPage<Home>();

        home.WaitForAssertion(() => Assert.NotEmpty(home.FindAll("[data-testid='no-groups']")));
        Assert.Equal(Texts.TwoFactorSetup_Done, home.Find("[data-testid='2fa-now-enabled']").TextContent.Trim());
    }
}

public sealed class HomeComponentTestsSqlite(SqliteApp fixture) : HomeComponentTests(fixture), IClassFixture<SqliteApp>;

public sealed class HomeComponentTestsPostgres(PostgresApp fixture) : HomeComponentTests(fixture), IClassFixture<PostgresApp>;
