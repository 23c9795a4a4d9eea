using Bunit;
using Microsoft.EntityFrameworkCore;
using SspKbh.Web.Audit;
using SspKbh.Web.Demo;
using SspKbh.Web.Features.Consents;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Resources;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// The consent pages as the club worker (no authority status) gets them over the circuit: the list of what is shared
/// with her links to the one consent's view, which shows what the consent covers and not the case's concern; once the
/// consent is withdrawn the same view is refused, with the refusal in the audit trail. The prerendered HTML of the same
/// pages is walked over HTTP by <see cref="BoundaryTests"/>, the circuit's messages by the browser boundary test.
/// </summary>
public sealed class SharedComponentTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private const string ClubWorker = "fritid@sspkbh.dk";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private SspAppFactory App => fixture.App;

    [Fact]
    public async Task The_club_worker_sees_what_the_consent_covers_until_it_is_withdrawn()
    {
        await using var db = App.CreateDbContext();
        var personId = await db.YoungPersons.Where(p => p.FullName == DemoDataSeeder.ConsentedPerson).Select(p => p.Id).SingleAsync();
        var consentId = await db.Consents.Where(c => c.YoungPersonId == personId && c.WithdrawnOn == null).Select(c => c.Id).SingleAsync();
        var concern = await db.Cases.Where(c => c.YoungPersonId == personId).Select(c => c.Concern).FirstAsync();
        var clubWorkerId = await db.Users.Where(u => u.Email == ClubWorker).Select(u => u.Id).SingleAsync();

        await using var host = await ComponentHost.ForAsync(App, ClubWorker);
        var list = host.RenderAt<SharedList>("/delt");
        list.WaitForAssertion(() => Assert.Single(list.FindAll("[data-testid='shared-row']")), Wait);
        var link = list.Find("[data-testid='shared-row'] a");
        Assert.Equal(DemoDataSeeder.ConsentedPerson, link.TextContent.Trim());
        Assert.Equal($"/delt/{consentId}", link.GetAttribute("href"));

        var sequence = await App.LastAuditSequenceAsync();
        var view = host.RenderPage<SharedPage>(p => p.Add(x => x.ConsentId, consentId));
        view.WaitForAssertion(() => Assert.NotEmpty(view.FindAll("[data-testid='shared-identity']")), Wait);
        Assert.Equal(DemoDataSeeder.ConsentedPerson, view.Find("h1").TextContent.Trim());
        Assert.Contains(Texts.ConsentPurpose_LeisureActivity, view.Find("[data-testid='shared-basis']").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(concern, view.Markup, StringComparison.Ordinal);
        Assert.Contains(await App.AuditEntriesAsync(), a => a.Sequence > sequence && a.Action == AuditActions.ConsentSharedView
            && a.Outcome == "success" && a.UserId == clubWorkerId && a.SubjectId == personId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var consent = await db.Consents.SingleAsync(c => c.Id == consentId);
        Assert.Null(consent.Withdraw(DanishTime.Today(App.Clock), clubWorkerId));
        await db.SaveChangesAsync();

        sequence = await App.LastAuditSequenceAsync();
        var refused = host.RenderPage<SharedPage>(p => p.Add(x => x.ConsentId, consentId));
        refused.WaitForAssertion(() => Assert.Equal(Texts.Forbidden_Title, refused.Find("[data-testid='status-heading']").TextContent.Trim()), Wait);
        Assert.DoesNotContain(DemoDataSeeder.ConsentedPerson, refused.Markup, StringComparison.Ordinal);
        Assert.Contains(await App.AuditEntriesAsync(), a => a.Sequence > sequence && a.Action == AuditActions.ConsentSharedView
            && a.Outcome == "denied" && a.SubjectId == consentId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var emptied = host.RenderAt<SharedList>("/delt");
        emptied.WaitForAssertion(() => Assert.NotEmpty(emptied.FindAll("[data-testid='nothing-shared']")), Wait);
    }
}
