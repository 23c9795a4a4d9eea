using SspKbh.Domain.Access;
using SspKbh.Domain.Organisation;

namespace SspKbh.Domain.Tests;

public sealed class AccessRulesTests
{
    private static readonly (GroupKind, GroupRole)[] NoGroups = [];

    private static IReadOnlyList<string> Validate(bool authority, AppRole[] roles, params (GroupKind, GroupRole)[] memberships) =>
        AccessRules.ValidateAssignment(authority, roles, memberships);

    [Fact]
    public void Authority_member_of_a_coordination_group_is_valid()
    {
        Assert.Empty(Validate(true, [AppRole.AuthorityMember], (GroupKind.CoordinationGroup, GroupRole.Member)));
    }

    [Fact]
    public void Secretary_with_the_secretary_role_is_valid()
    {
        Assert.Empty(Validate(true, [AppRole.Secretary, AppRole.AuthorityMember], (GroupKind.CoordinationGroup, GroupRole.Secretary)));
    }

    [Fact]
    public void Non_authority_participant_in_a_local_committee_is_valid()
    {
        Assert.Empty(Validate(false, [AppRole.NonAuthorityMember], (GroupKind.LocalCommittee, GroupRole.Member)));
    }

    [Fact]
    public void Non_authority_statistics_reader_is_valid()
    {
        Assert.Empty(Validate(false, [AppRole.StatisticsReader, AppRole.NonAuthorityMember], NoGroups));
    }

    [Fact]
    public void A_user_without_roles_is_refused()
    {
        Assert.Contains("UserNeedsRole", Validate(true, [], NoGroups));
    }

    [Theory]
    [InlineData(AppRole.Administrator)]
    [InlineData(AppRole.Secretary)]
    [InlineData(AppRole.AuthorityMember)]
    [InlineData(AppRole.LeaderGroupMember)]
    public void Non_authority_person_cannot_hold_a_role_that_shows_personal_data(AppRole role)
    {
        Assert.True(role.GrantsPersonalData());
        Assert.Contains("RoleRequiresAuthority", Validate(false, [role], NoGroups));
    }

    [Theory]
    [InlineData(AppRole.NonAuthorityMember)]
    [InlineData(AppRole.StatisticsReader)]
    public void Roles_without_personal_data_do_not_grant_it(AppRole role)
    {
        Assert.False(role.GrantsPersonalData());
        Assert.DoesNotContain("RoleRequiresAuthority", Validate(false, [role], NoGroups));
    }

    [Fact]
    public void Authority_person_cannot_also_be_a_non_authority_participant()
    {
        Assert.Contains("NonAuthorityRoleForAuthority", Validate(true, [AppRole.NonAuthorityMember], NoGroups));
    }

    [Theory]
    [InlineData(GroupKind.CoordinationGroup)]
    [InlineData(GroupKind.LeaderGroup)]
    [InlineData(GroupKind.SspPlusCoordinationGroup)]
    [InlineData(GroupKind.SspPlusLeaderGroup)]
    public void Non_authority_person_cannot_join_a_group_that_handles_individual_cases(GroupKind kind)
    {
        var errors = Validate(false, [AppRole.NonAuthorityMember], (kind, GroupRole.Member));
        Assert.Contains("CaseGroupRequiresAuthority", errors);
    }

    [Fact]
    public void Non_authority_person_may_join_a_local_committee()
    {
        Assert.DoesNotContain("CaseGroupRequiresAuthority",
            Validate(false, [AppRole.NonAuthorityMember], (GroupKind.LocalCommittee, GroupRole.Chair)));
    }

    [Fact]
    public void Group_secretary_needs_the_secretary_role()
    {
        var errors = Validate(true, [AppRole.AuthorityMember], (GroupKind.CoordinationGroup, GroupRole.Secretary));
        Assert.Equal(["GroupSecretaryNeedsSecretaryRole"], errors);
    }

    [Theory]
    [InlineData(GroupKind.LeaderGroup)]
    [InlineData(GroupKind.SspPlusLeaderGroup)]
    public void Leader_group_membership_needs_the_leader_role(GroupKind kind)
    {
        Assert.Equal(["LeaderGroupNeedsLeaderRole"], Validate(true, [AppRole.AuthorityMember], (kind, GroupRole.Leader)));
        Assert.Empty(Validate(true, [AppRole.LeaderGroupMember], (kind, GroupRole.Leader)));
        Assert.Empty(Validate(true, [AppRole.Administrator], (kind, GroupRole.SspStaffLead)));
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var errors = Validate(false, [AppRole.Administrator], (GroupKind.LeaderGroup, GroupRole.Secretary));
        Assert.Equal(
            ["RoleRequiresAuthority", "CaseGroupRequiresAuthority", "GroupSecretaryNeedsSecretaryRole"],
            errors);
    }
}
