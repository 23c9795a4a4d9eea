using SspKbh.Domain.Consents;

namespace SspKbh.Domain.Conversations;

public enum ParticipantKind
{
    YoungPerson = 1,

    /// <summary>A holder of parental custody (forældremyndighedsindehaver).</summary>
    CustodyHolder = 2,

    Professional = 3,
}

/// <summary>
/// Someone taking part in a concern conversation, and what they contribute. Settled at the coordination
/// group meeting. A professional without authority status (e.g. a housing-social worker) may only take
/// part when a recorded consent covers them (<see cref="ConversationRules.CheckParticipant"/>).
/// </summary>
public sealed class ConversationParticipant
{
    public const int NameMaxLength = 200;
    public const int ContributionMaxLength = 2000;

    public int Id { get; set; }

    public int ConversationId { get; set; }

    public ParticipantKind Kind { get; set; }

    /// <summary>The name (personal data: cleared by retention).</summary>
    public string Name { get; set; } = "";

    /// <summary>The professional's party (administration); null for the young person and custody holders.</summary>
    public int? PartyId { get; set; }

    /// <summary>The professional's user, when they have an account in SspKbh.</summary>
    public string? UserId { get; set; }

    /// <summary>Authority person (myndighedsperson) under retsplejeloven §115. Only professionals can be.</summary>
    public bool IsAuthorityPerson { get; set; }

    /// <summary>What they contribute to the conversation.</summary>
    public string? Contribution { get; set; }

    /// <summary>The consent that covers a professional without authority status.</summary>
    public int? ConsentId { get; set; }
}

/// <summary>Cross-record rules of a concern conversation that need data the web layer supplies.</summary>
public static class ConversationRules
{
    /// <summary>
    /// The consent purposes under which a professional without authority status may take part: a consent for
    /// the conversation itself or for the joint effort around the young person. A consent given only for
    /// finding a leisure activity does not cover sitting in on a conversation about the concern.
    /// </summary>
    public static readonly IReadOnlyList<ConsentPurpose> CoveringPurposes = [ConsentPurpose.ConcernConversation, ConsentPurpose.JointEffort];

    /// <summary>
    /// The consent (of the case's young person) that covers a professional today: active, given for a
    /// <see cref="CoveringPurposes"/> purpose, and naming the user or the professional's party. Null when none does.
    /// </summary>
    /// <param name="consents">The consents recorded for the case's young person.</param>
    public static Consent? CoveringConsent(string? userId, int? partyId, IEnumerable<Consent> consents, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(consents);
        if (userId is null && partyId is null)
        {
            return null;
        }

        // Sentinels that match no recipient: a recipient row has a real user id or a real party id.
        return consents
            .Where(c => CoveringPurposes.Contains(c.Purpose) && c.Covers(userId ?? "\0", partyId ?? -1, today))
            .OrderByDescending(c => c.ExpiresOn)
            .FirstOrDefault();
    }

    /// <summary>
    /// Checks one participant before they are added or changed; returns an error key or null. A professional
    /// needs a party; the young person and custody holders are never authority persons and have no party; a
    /// professional without authority status needs a covering consent ("ParticipantNeedsConsent"). On success
    /// for such a professional, store <see cref="CoveringConsent"/>'s id in <see cref="ConversationParticipant.ConsentId"/>.
    /// </summary>
    /// <param name="consents">The consents recorded for the case's young person (all of them; this method picks).</param>
    public static string? CheckParticipant(
        ParticipantKind kind, string? name, int? partyId, string? userId, bool isAuthorityPerson, IEnumerable<Consent> consents, DateOnly today)
    {
        if (!Enum.IsDefined(kind))
        {
            return "ParticipantKindRequired";
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            return "ParticipantNameRequired";
        }

        if (name.Trim().Length > ConversationParticipant.NameMaxLength)
        {
            return "ParticipantNameTooLong";
        }

        if (kind != ParticipantKind.Professional)
        {
            return isAuthorityPerson || partyId is not null || userId is not null ? "ParticipantOnlyProfessionalsHaveParty" : null;
        }

        if (partyId is null)
        {
            return "ParticipantPartyRequired";
        }

        if (!isAuthorityPerson && CoveringConsent(userId, partyId, consents, today) is null)
        {
            return "ParticipantNeedsConsent";
        }

        return null;
    }

    /// <summary>The number of professionals planned (for <see cref="ConversationGuidance.TooManyProfessionals"/>).</summary>
    public static int ProfessionalCount(IEnumerable<ConversationParticipant> participants) =>
        participants.Count(p => p.Kind == ParticipantKind.Professional);
}
