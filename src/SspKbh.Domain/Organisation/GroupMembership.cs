namespace SspKbh.Domain.Organisation;

public sealed class GroupMembership
{
    public int Id { get; set; }

    public int GroupId { get; set; }

    public string UserId { get; set; } = "";

    public GroupRole Role { get; set; }
}
