using SspKbh.Domain.Conversations;

namespace SspKbh.Web.Features.Conversations;

/// <summary>The "before" fields settled at the group meeting and in the responsible professional's own preparation.</summary>
public sealed class PlanningInput
{
    public string? ResourcePersons { get; set; }

    public string? KnowledgeGathering { get; set; }

    public bool InterpreterNeeded { get; set; }

    public string? InterpreterLanguage { get; set; }

    public ConversationPlace? Place { get; set; }

    public string? PlaceDetails { get; set; }

    public DateOnly? ScheduledDate { get; set; }

    public TimeOnly? StartTime { get; set; }

    /// <summary>Planned length in minutes; empty is refused as out of range.</summary>
    public int? PlannedMinutes { get; set; }

    public string? Challenges { get; set; }

    public string? Resources { get; set; }

    public string? QuestionsAndThemes { get; set; }

    public DateOnly? PreMeetingOn { get; set; }

    public string? ConcurrencyStamp { get; set; }

    public static PlanningInput From(ConcernConversation r) => new()
    {
        ResourcePersons = r.ResourcePersons,
        KnowledgeGathering = r.KnowledgeGathering,
        InterpreterNeeded = r.InterpreterNeeded,
        InterpreterLanguage = r.InterpreterLanguage,
        Place = r.Place,
        PlaceDetails = r.PlaceDetails,
        ScheduledDate = r.ScheduledDate,
        StartTime = r.StartTime,
        PlannedMinutes = r.PlannedMinutes,
        Challenges = r.Challenges,
        Resources = r.Resources,
        QuestionsAndThemes = r.QuestionsAndThemes,
        PreMeetingOn = r.PreMeetingOn,
    };
}

/// <summary>
/// A participant to add. <see cref="FromCase"/> is a quick choice of the case's young person ("young") or one
/// of its custody holders ("holder-0", "holder-1", …): it sets kind and name. For a professional with a user
/// account (<see cref="UserId"/>), party and authority status come from the account, never from the form.
/// </summary>
public sealed class ParticipantInput
{
    public string? FromCase { get; set; }

    public ParticipantKind? Kind { get; set; }

    public string? Name { get; set; }

    public int? PartyId { get; set; }

    /// <summary>Required for a professional without a user account; empty means "no" for the family.</summary>
    public bool? IsAuthorityPerson { get; set; }

    public string? UserId { get; set; }

    public string? Contribution { get; set; }

    public string? ConcurrencyStamp { get; set; }
}

public sealed class RemoveParticipantInput
{
    public int ParticipantId { get; set; }

    public string? ConcurrencyStamp { get; set; }
}

/// <summary>How and when the young person and the custody holders were invited.</summary>
public sealed class InvitationInput
{
    public InvitationMethod Method { get; set; }

    public DateOnly? InvitedOn { get; set; }

    /// <summary>The phone log, or a remark on the letter.</summary>
    public string? Note { get; set; }

    public string? ConcurrencyStamp { get; set; }

    public static InvitationInput From(ConcernConversation r) => new() { Method = r.InvitationMethod, InvitedOn = r.InvitedOn, Note = r.InvitationNote };
}

/// <summary>A party as the planning page and the letter name it.</summary>
public sealed record PartyChoice(int Id, string Code, string Name);

/// <summary>The responsible professional as the letter names them.</summary>
public sealed record LetterContact(string Name, string PartyName, string? Email, string? Phone);
