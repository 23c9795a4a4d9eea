using Microsoft.EntityFrameworkCore;
using SspKbh.Domain.Access;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Organisation;
using SspKbh.Web.Audit;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Features.Consents;
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
        var user = await App.CreateUserAsync([authority ? AppRole.AuthorityMember : AppRole.NonAuthorityMember], party: authority ? "SOF" : "BOLIG");
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
        var sequence = await App.LastAuditSequenceAsync();

        var (outcome, view) = await App.AsUserAsync<CaseService, (LookupOutcome, CaseView?)>(member.Email, (s, u) => s.GetAsync(caseId, u, None));

        Assert.Equal(LookupOutcome.Found, outcome);
        Assert.Equal(CaseAccessBasis.SspPlusReceived, view!.Basis);
        Assert.Equal(CaseStatus.Closed, view.Status);
        Assert.Equal("SSP+ koordinationsgruppe", view.SspPlusGroup);
        // The view is audited as every view is, with the basis as its purpose.
        var views = await App.AuditEntriesAsync(a => a.Sequence > sequence && a.UserId == member.Id && a.Action == AuditActions.CaseView);
        Assert.Equal("ssp-plus-received", Assert.Single(views).Purpose);
    }

    [Fact]
    public async Task The_handover_is_audited_naming_the_receiving_group()
    {
        var (_, groupId) = await SspPlusMemberAsync();
        var sequence = await App.LastAuditSequenceAsync();

        var caseId = await HandedOverCaseAsync(groupId);

        var update = Assert.Single(await App.AuditEntriesAsync(a => a.Sequence > sequence && a.Action == AuditActions.CaseUpdate && a.SubjectId == caseId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains($"receiving-group={groupId}", update.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_receiving_group_sees_the_case_on_its_list_marked_as_received_in_counts_search_filter_and_export()
    {
        var (member, groupId) = await SspPlusMemberAsync();
        var caseId = await HandedOverCaseAsync(groupId);
        string name;
        await using (var db = App.CreateDbContext())
        {
            name = await db.Cases.Where(c => c.Id == caseId).Join(db.YoungPersons, c => c.YoungPersonId, p => p.Id, (_, p) => p.FullName).SingleAsync();
        }

        async Task<CasePage> ListAsync(CaseFilter filter) =>
            await App.AsUserAsync<CaseListQuery, CasePage>(member.Email, (q, u) => q.PageAsync(filter, u, None));

        var all = await ListAsync(new CaseFilter());
        var row = Assert.Single(all.Rows, r => r.Id == caseId);
        Assert.True(row.Received);
        Assert.Equal("Koordinationsgruppe Amager Øst", row.GroupName);
        Assert.Contains("Modtaget fra Koordinationsgruppe Amager Øst", CaseRowMarkup.Build(row).Value, StringComparison.Ordinal);
        Assert.True(all.CountsByLevel[CaseLevel.RepeatedSeriousCrime] >= 1);
        Assert.Contains((await ListAsync(new CaseFilter { Search = name })).Rows, r => r.Id == caseId);
        Assert.Contains((await ListAsync(new CaseFilter { GroupId = groupId })).Rows, r => r.Id == caseId);
        Assert.Contains((await ListAsync(new CaseFilter { Status = CaseStatus.Closed, Sort = CaseSort.Level })).Rows, r => r.Id == caseId);
        var export = await App.AsUserAsync<CaseListQuery, IReadOnlyList<CaseRow>>(member.Email, (q, u) => q.ExportAsync(new CaseFilter(), u, None));
        Assert.Contains(export, r => r.Id == caseId && r.Received);

        // The secretary of the group that handed it over sees it as her own closed case, not as received.
        var own = await App.AsUserAsync<CaseListQuery, CasePage>(Secretary, (q, u) => q.PageAsync(new CaseFilter { Search = name }, u, None));
        Assert.False(Assert.Single(own.Rows).Received);
    }

    [Fact]
    public async Task The_receiving_group_reads_only_every_change_is_refused_audited_and_saves_nothing()
    {
        var (member, groupId) = await SspPlusMemberAsync();
        var caseId = await HandedOverCaseAsync(groupId);
        int actionId;
        await using (var db = App.CreateDbContext())
        {
            actionId = await db.CaseActions.Where(a => a.CaseId == caseId).Select(a => a.Id).SingleAsync();
        }

        var problems = new List<string>();
        foreach (var (name, save) in await App.ValidCaseWorkAsync(caseId, actionId))
        {
            problems.AddRange(await App.RefusalProblemsAsync(name, member.Id, AuditActions.CaseUpdate,
                async () => (await App.WorkAsync(member.Email, save)).Outcome,
                async () => (await App.WorkAsync(member.Email, (w, u) => w.AddNoteAsync(int.MaxValue, new NoteInput(), u, None))).Outcome));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Equal(LookupOutcome.Forbidden, (await App.AsUserAsync<CaseWorkService, (LookupOutcome, CaseEditContext?)>(member.Email, (w, u) => w.GetForEditAsync(caseId, u, None))).Item1);
        Assert.Null(await App.AsUserAsync<CaseWorkService, FactorsInput?>(member.Email, (w, u) => w.GetFactorsAsync(caseId, u, None)));
        Assert.Equal(LookupOutcome.Forbidden, (await App.AsUserAsync<CaseService, (LookupOutcome, string?)>(member.Email, (s, u) => s.RevealCprAsync(caseId, u, None))).Item1);
        Assert.Equal(LookupOutcome.Forbidden, (await App.AsUserAsync<ConsentRegister, (LookupOutcome, ConsentFormOptions?)>(member.Email, (s, u) => s.FormOptionsAsync(caseId, u, None))).Item1);
    }

    [Fact]
    public async Task A_member_of_another_SSP_plus_group_and_a_non_authority_member_of_the_receiving_group_still_see_nothing()
    {
        var (_, groupId) = await SspPlusMemberAsync();
        var (other, _) = await SspPlusMemberAsync("SSP+ koordinationsgruppe Vest");
        var (nonAuthority, _) = await SspPlusMemberAsync(authority: false);
        var caseId = await HandedOverCaseAsync(groupId);

        foreach (var user in new[] { other, nonAuthority })
        {
            var sequence = await App.LastAuditSequenceAsync();
            var (outcome, view) = await App.AsUserAsync<CaseService, (LookupOutcome, CaseView?)>(user.Email, (s, u) => s.GetAsync(caseId, u, None));
            Assert.Equal(LookupOutcome.Forbidden, outcome);
            Assert.Null(view);
            Assert.Contains(AuditActions.CaseView, await App.DeniedSinceAsync(sequence, user.Id));
            var list = await App.AsUserAsync<CaseListQuery, CasePage>(user.Email, (q, u) => q.PageAsync(new CaseFilter(), u, None));
            Assert.DoesNotContain(list.Rows, r => r.Id == caseId);
        }
    }

    [Fact]
    public async Task After_the_handover_the_case_no_longer_asks_to_be_handed_over_and_reopening_it_ends_the_receiving_groups_access()
    {
        var (member, groupId) = await SspPlusMemberAsync();
        var (caseId, _) = await App.NewCaseAsync("Amager Øst", CaseLevel.RepeatedSeriousCrime);
        var today = DanishTime.Today(App.Clock);
        await using (var db = App.CreateDbContext())
        {
            var personId = await db.Cases.Where(c => c.Id == caseId).Select(c => c.YoungPersonId).SingleAsync();
            await db.YoungPersons.Where(p => p.Id == personId).ExecuteUpdateAsync(p => p.SetProperty(x => x.DateOfBirth, today.AddYears(-18)));
        }

        async Task<CaseView> SecretaryViewAsync() =>
            (await App.AsUserAsync<CaseService, (LookupOutcome, CaseView?)>(Secretary, (s, u) => s.GetAsync(caseId, u, None))).Item2!;

        Assert.True((await SecretaryViewAsync()).AwaitsSspPlusHandover);
        var stamp = await App.CaseStampAsync(caseId);
        Assert.True((await App.WorkAsync(Secretary, (w, u) => w.HandOverAsync(caseId, new HandoverInput { HandoverOn = today, GroupId = groupId, ConcurrencyStamp = stamp }, u, None))).Succeeded);

        Assert.False((await SecretaryViewAsync()).AwaitsSspPlusHandover);
        var received = (await App.AsUserAsync<CaseService, (LookupOutcome, CaseView?)>(member.Email, (s, u) => s.GetAsync(caseId, u, None))).Item2!;
        Assert.False(received.AwaitsSspPlusHandover);

        // Reopened with a reason, the case is the group's again and no longer handed over: the SSP+ group loses it.
        stamp = await App.CaseStampAsync(caseId);
        Assert.True((await App.WorkAsync(Secretary, (w, u) => w.ChangeStatusAsync(caseId,
            new StatusInput { Status = CaseStatus.UnderCoordination, Reason = "SSP+ sendte sagen tilbage", ConcurrencyStamp = stamp }, u, None))).Succeeded);
        Assert.Equal(LookupOutcome.Forbidden, (await App.AsUserAsync<CaseService, (LookupOutcome, CaseView?)>(member.Email, (s, u) => s.GetAsync(caseId, u, None))).Item1);
        Assert.True((await SecretaryViewAsync()).AwaitsSspPlusHandover);
    }
}

public sealed class SspPlusHandoverTestsSqlite(SqliteApp fixture) : SspPlusHandoverTests(fixture), IClassFixture<SqliteApp>;

public sealed class SspPlusHandoverTestsPostgres(PostgresApp fixture) : SspPlusHandoverTests(fixture), IClassFixture<PostgresApp>;
