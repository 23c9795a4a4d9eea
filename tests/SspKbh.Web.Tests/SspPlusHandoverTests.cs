using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Access;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Infrastructure;
using SspKbh.Web.Tests.Infrastructure;

namespace SspKbh.Web.Tests;

/// <summary>
/// Issue 16 #18: handing a case over to SSP+ gives the receiving SSP+ koordinationsgruppe the case to read (ADR 0030).
/// </summary>
public abstract class SspPlusHandoverTests(AppFixture fixture)
{
    private SspAppFactory App => fixture.App;

    private static readonly CancellationToken None = CancellationToken.None;

    private const string Secretary = "sekretaer@sspkbh.dk";

    /// <summary>A new authority member of the SSP+ koordinationsgruppe with this name (a second one is made when asked for).</summary>
    private async Task<(TestUser User, int GroupId)> SspPlusMemberAsync(string groupName = "SSP+ koordinationsgruppe", bool authority = true)
    {
        var user = await App.CreateUserAsync([AppRole.AuthorityMember], authority, party: "SOF");
        await using var db = App.CreateDbContext();
        var group = await db.Groups.FirstOrDefaultAsync(g => g.Name == groupName);
        if (group is null)
        {
            var parent = await db.Groups.Where(g => g.Kind == GroupKind.SspPlusLeaderGroup).Select(g => g.Id).FirstAsync();
            group = new SspGroup { Name = groupName, Kind = GroupKind.SspPlusCoordinationGroup, ParentGroupId = parent };
            db.Groups.Add(group);
            await db.SaveChangesAsync();
        }

        db.GroupMemberships.Add(new GroupMembership { GroupId = group.Id, UserId = user.Id, Role = GroupRole.Member });
        await db.SaveChangesAsync();
        return (user, group.Id);
    }

    /// <summary>The secretary hands a new Amager Øst case over to the group, as the handover dialog does.</summary>
    private async Task<int> HandedOverCaseAsync(int groupId, CaseLevel level = CaseLevel.RepeatedSeriousCrime)
    {
        var (caseId, _) = await App.NewCaseAsync("Amager Øst", level);
        var stamp = await App.CaseStampAsync(caseId);
        var today = DanishTime.Today(App.Clock);
        var result = await App.WorkAsync(Secretary, (w, u) => w.HandOverAsync(caseId, new HandoverInput { HandoverOn = today, GroupId = groupId, ConcurrencyStamp = stamp }, u, None));
        Assert.True(result.Succeeded, string.Join(" | ", result.Result.FieldErrors.SelectMany(f => f.Value).Concat(result.Result.GeneralErrors)));
        return caseId;
    }

    [Fact]
    public async Task A_member_of_the_receiving_SSP_plus_group_reads_the_case_after_the_handover()
    {
        var (member, groupId) = await SspPlusMemberAsync();
        var caseId = await HandedOverCaseAsync(groupId);

        var (outcome, view) = await App.AsUserAsync<CaseService, (LookupOutcome, CaseView?)>(member.Email, (s, u) => s.GetAsync(caseId, u, None));

        Assert.Equal(LookupOutcome.Found, outcome);
        Assert.NotNull(view);
    }
}

public sealed class SspPlusHandoverTestsSqlite(SqliteApp fixture) : SspPlusHandoverTests(fixture), IClassFixture<SqliteApp>;

public sealed class SspPlusHandoverTestsPostgres(PostgresApp fixture) : SspPlusHandoverTests(fixture), IClassFixture<PostgresApp>;
