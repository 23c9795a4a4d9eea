using SspKbh.Domain.Organisation;

namespace SspKbh.Domain.Tests;

public sealed class SspGroupTests
{
    private static SspGroup Group(int id, GroupKind kind) => new() { Id = id, Name = $"Gruppe {id}", Kind = kind };

    [Theory]
    [InlineData(GroupKind.CoordinationGroup, GroupKind.LeaderGroup)]
    [InlineData(GroupKind.LocalCommittee, GroupKind.LeaderGroup)]
    [InlineData(GroupKind.SspPlusCoordinationGroup, GroupKind.SspPlusLeaderGroup)]
    public void A_group_may_report_to_its_kind_of_parent(GroupKind child, GroupKind parent)
    {
        Assert.Null(Group(2, child).ValidateParent(Group(1, parent)));
    }

    [Theory]
    [InlineData(GroupKind.CoordinationGroup, GroupKind.CoordinationGroup)]
    [InlineData(GroupKind.CoordinationGroup, GroupKind.SspPlusLeaderGroup)]
    [InlineData(GroupKind.SspPlusCoordinationGroup, GroupKind.LeaderGroup)]
    [InlineData(GroupKind.LocalCommittee, GroupKind.LocalCommittee)]
    [InlineData(GroupKind.LeaderGroup, GroupKind.LeaderGroup)]
    [InlineData(GroupKind.SspPlusLeaderGroup, GroupKind.LeaderGroup)]
    public void A_group_cannot_report_to_the_wrong_kind_of_group(GroupKind child, GroupKind parent)
    {
        Assert.Equal("GroupParentWrongKind", Group(2, child).ValidateParent(Group(1, parent)));
    }

    [Fact]
    public void A_group_cannot_report_to_itself()
    {
        var group = Group(7, GroupKind.LeaderGroup);
        Assert.Equal("GroupParentSelf", group.ValidateParent(group));
    }

    [Fact]
    public void A_new_group_is_not_mistaken_for_its_new_parent()
    {
        // Both have Id 0 before they are saved; that is not a self-reference.
        Assert.Null(Group(0, GroupKind.CoordinationGroup).ValidateParent(Group(0, GroupKind.LeaderGroup)));
    }

    [Theory]
    [InlineData(GroupKind.CoordinationGroup)]
    [InlineData(GroupKind.LeaderGroup)]
    [InlineData(GroupKind.SspPlusLeaderGroup)]
    public void No_parent_is_accepted(GroupKind kind)
    {
        Assert.Null(Group(3, kind).ValidateParent(null));
    }

    [Theory]
    [InlineData(GroupKind.CoordinationGroup, true)]
    [InlineData(GroupKind.LeaderGroup, true)]
    [InlineData(GroupKind.SspPlusCoordinationGroup, true)]
    [InlineData(GroupKind.SspPlusLeaderGroup, true)]
    [InlineData(GroupKind.LocalCommittee, false)]
    public void Only_case_groups_handle_individual_cases(GroupKind kind, bool expected)
    {
        Assert.Equal(expected, kind.HandlesIndividualCases());
    }
}
