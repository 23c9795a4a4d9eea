using SspKbh.Domain.Access;
using SspKbh.Domain.Organisation;

namespace SspKbh.Domain.Tests;

public sealed class AccessRulesTests
{
    private static readonly (GroupKind, GroupRole)[] NoGroups = [];

    private static IReadOnlyList<string> Validate(AppRole[] roles, params (GroupKind, GroupRole)[] memberships) =>
        AccessRules.ValidateAssignment(roles, memberships);

    [Fact]
    public void Authority_member_of_a_coordination_group_is_valid()
    {
        Assert.Empty(Validate([AppRole.AuthorityMember], (GroupKind.CoordinationGroup, GroupRole.Member)));
    }

    [Fact]
    public void Secretary_with_the_secretary_role_is_valid()
    {
        Assert.Empty(Validate([AppRole.Secretary, AppRole.AuthorityMember], (GroupKind.CoordinationGroup, GroupRole.Secretary)));
    }

    [Fact]
    public void Non_authority_participant_in_a_local_committee_is_valid()
    {
        Assert.Empty(Validate([AppRole.NonAuthorityMember], (GroupKind.LocalCommittee, GroupRole.Member)));
    }

    [Fact]
    public void Non_authority_statistics_reader_is_valid()
    {
        Assert.Empty(Validate([AppRole.StatisticsReader, AppRole.NonAuthorityMember], NoGroups));
    }

    [Fact]
    public void A_user_without_roles_is_refused()
    {
        Assert.Contains("UserNeedsRole", Validate([], NoGroups));
    }

    [Theory]
    [InlineData(AppRole.Administrator)]
    [InlineData(AppRole.Secretary)]
    [InlineData(AppRole.AuthorityMember)]
    [InlineData(AppRole.LeaderGroupMember)]
    public void A_role_that_shows_personal_data_makes_the_user_an_authority_person(AppRole role)
    {
        // Issue 16 #23: the authority status is not asked a second time; it follows from the roles.
        Assert.True(role.GrantsPersonalData());
        Assert.True(AccessRules.IsAuthorityPerson([role]));
        Assert.True(AccessRules.IsAuthorityPerson([role, AppRole.StatisticsReader]));
        Assert.Empty(Validate([role]));
    }

    [Theory]
    [InlineData(AppRole.NonAuthorityMember)]
    [InlineData(AppRole.StatisticsReader)]
    public void Roles_without_personal_data_do_not_make_an_authority_person(AppRole role)
    {
        Assert.False(role.GrantsPersonalData());
        Assert.False(AccessRules.IsAuthorityPerson([role]));
        Assert.False(AccessRules.IsAuthorityPerson([]));
        Assert.Empty(Validate([role]));
    }

    [Theory]
    [InlineData(AppRole.Administrator)]
    [InlineData(AppRole.Secretary)]
    [InlineData(AppRole.AuthorityMember)]
    [InlineData(AppRole.LeaderGroupMember)]
    public void A_participant_without_authority_status_cannot_also_hold_a_role_that_shows_personal_data(AppRole role)
    {
        Assert.Contains("NonAuthorityRoleForAuthority", Validate([AppRole.NonAuthorityMember, role]));
    }

    [Theory]
    [InlineData(GroupKind.CoordinationGroup)]
    [InlineData(GroupKind.LeaderGroup)]
    [InlineData(GroupKind.SspPlusCoordinationGroup)]
    [InlineData(GroupKind.SspPlusLeaderGroup)]
    public void Non_authority_person_cannot_join_a_group_that_handles_individual_cases(GroupKind kind)
    {
        var errors = Validate([AppRole.NonAuthorityMember], (kind, GroupRole.Member));
        Assert.Contains("CaseGroupRequiresAuthority", errors);
    }

    [Fact]
    public void Non_authority_person_may_join_a_local_committee()
    {
        Assert.DoesNotContain("CaseGroupRequiresAuthority",
            Validate([AppRole.NonAuthorityMember], (GroupKind.LocalCommittee, GroupRole.Chair)));
    }

    [Fact]
    public void Group_secretary_needs_the_secretary_role()
    {
        var errors = Validate([AppRole.AuthorityMember], (GroupKind.CoordinationGroup, GroupRole.Secretary));
        Assert.Equal(["GroupSecretaryNeedsSecretaryRole"], errors);
    }

    [Theory]
    [InlineData(GroupKind.LeaderGroup)]
    [InlineData(GroupKind.SspPlusLeaderGroup)]
    public void Leader_group_membership_needs_the_leader_role(GroupKind kind)
    {
        Assert.Equal(["LeaderGroupNeedsLeaderRole"], Validate([AppRole.AuthorityMember], (kind, GroupRole.Leader)));
        Assert.Empty(Validate([AppRole.LeaderGroupMember], (kind, GroupRole.Leader)));
        Assert.Empty(Validate([AppRole.Administrator], (kind, GroupRole.SspStaffLead)));
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var errors = Validate([AppRole.NonAuthorityMember, AppRole.Administrator], (GroupKind.LeaderGroup, GroupRole.Secretary));
        Assert.Equal(["NonAuthorityRoleForAuthority", "GroupSecretaryNeedsSecretaryRole"], errors);
        Assert.Equal(["CaseGroupRequiresAuthority", "GroupSecretaryNeedsSecretaryRole", "LeaderGroupNeedsLeaderRole"],
            Validate([AppRole.StatisticsReader], (GroupKind.LeaderGroup, GroupRole.Secretary)));
    }
}
