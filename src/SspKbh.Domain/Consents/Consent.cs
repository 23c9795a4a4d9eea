namespace SspKbh.Domain.Consents;

/// <summary>Who gave a consent.</summary>
public enum ConsentGiver
{
    /// <summary>The young person (from 15 years, or together with the custody holder).</summary>
    YoungPerson = 1,

    /// <summary>A holder of parental custody (forældremyndighedsindehaver).</summary>
    CustodyHolder = 2,
}

/// <summary>What a consent lets the recipients see. Everything not listed stays hidden.</summary>
[Flags]
public enum ConsentInformation
{
    None = 0,

    /// <summary>Name, date of birth, school and club: enough to know who the young person is.</summary>
    Identity = 1,

    /// <summary>The goals of the case and the agreed actions with owner and date.</summary>
    GoalsAndActions = 2,
}

/// <summary>What the shared information may be used for.</summary>
public enum ConsentPurpose
{
    /// <summary>Working together on the effort around the young person.</summary>
    JointEffort = 1,

    /// <summary>Taking part in a concern conversation (bekymringssamtale).</summary>
    ConcernConversation = 2,

    /// <summary>Finding and following up on a leisure activity or job.</summary>
    LeisureActivity = 3,
}

/// <summary>
/// A recorded consent under which a party or named person without authority status may receive
/// information about one young person (retsplejeloven §115 lets authority persons share without it).
/// A consent is valid from the day it was given to its expiry, and never after it was withdrawn.
/// </summary>
public sealed class Consent
{
    public int Id { get; set; }

    public int YoungPersonId { get; set; }

    public ConsentGiver GivenBy { get; set; }

    /// <summary>The custody holder who gave it, when <see cref="GivenBy"/> is a custody holder.</summary>
    public int? CustodyHolderId { get; set; }

    public ConsentInformation Information { get; set; }

    public ConsentPurpose Purpose { get; set; }

    public DateOnly GivenOn { get; set; }

    public DateOnly ExpiresOn { get; set; }

    public DateOnly? WithdrawnOn { get; set; }

    public string? WithdrawnByUserId { get; set; }

    public string RecordedByUserId { get; set; } = "";

    public DateTime RecordedAtUtc { get; set; }

    public List<ConsentRecipient> Recipients { get; set; } = [];

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    public ConsentState StateOn(DateOnly today) =>
        WithdrawnOn is not null ? ConsentState.Withdrawn
        : today < GivenOn ? ConsentState.NotYetValid
        : today > ExpiresOn ? ConsentState.Expired
        : ConsentState.Active;

    /// <summary>True when the consent is valid today and names the user or the user's party.</summary>
    public bool Covers(string userId, int partyId, DateOnly today) =>
        StateOn(today) == ConsentState.Active &&
        Recipients.Any(r => r.UserId == userId || r.PartyId == partyId);

    /// <summary>Records a withdrawal. It takes effect at once: the next request no longer finds the consent valid.</summary>
    public string? Withdraw(DateOnly today, string userId)
    {
        if (WithdrawnOn is not null)
        {
            return "ConsentAlreadyWithdrawn";
        }

        WithdrawnOn = today;
        WithdrawnByUserId = userId;
        ConcurrencyStamp = Guid.NewGuid().ToString("N");
        return null;
    }
}

public enum ConsentState
{
    Active = 1,
    NotYetValid = 2,
    Expired = 3,
    Withdrawn = 4,
}

/// <summary>A party, or a named person, that a consent lets receive information.</summary>
public sealed class ConsentRecipient
{
    public int Id { get; set; }

    public int ConsentId { get; set; }

    public int? PartyId { get; set; }

    public string? UserId { get; set; }
}

/// <summary>Checks a consent before it is recorded. Returns (field, error key) pairs; empty when valid.</summary>
public static class ConsentRules
{
    /// <summary>A consent may be recorded for at most this long; it must then be renewed.</summary>
    public const int MaxMonths = 24;

    /// <summary>The last day from which <see cref="MaxMonths"/> can be counted without passing the calendar's end (such a day is in the future anyway).</summary>
    private static readonly DateOnly LatestGivenOn = DateOnly.MaxValue.AddMonths(-MaxMonths);

    public static IReadOnlyList<(string Field, string Error)> Validate(
        ConsentGiver givenBy, int? custodyHolderId, ConsentInformation information, ConsentPurpose purpose,
        DateOnly givenOn, DateOnly expiresOn, int recipientCount, DateOnly today)
    {
        var errors = new List<(string, string)>();
        if (!Enum.IsDefined(givenBy))
        {
            errors.Add(("GivenBy", "ConsentGiverRequired"));
        }
        else if (givenBy == ConsentGiver.CustodyHolder && custodyHolderId is null)
        {
            errors.Add(("CustodyHolderId", "ConsentCustodyHolderRequired"));
        }

        if (information == ConsentInformation.None || (information & ~(ConsentInformation.Identity | ConsentInformation.GoalsAndActions)) != 0)
        {
            errors.Add(("Information", "ConsentInformationRequired"));
        }

        if (!Enum.IsDefined(purpose))
        {
            errors.Add(("Purpose", "ConsentPurposeRequired"));
        }

        if (givenOn > today)
        {
            errors.Add(("GivenOn", "ConsentGivenInFuture"));
        }

        if (expiresOn < givenOn)
        {
            errors.Add(("ExpiresOn", "ConsentExpiresBeforeGiven"));
        }
        else if (givenOn <= LatestGivenOn && expiresOn > givenOn.AddMonths(MaxMonths))
        {
            errors.Add(("ExpiresOn", "ConsentTooLong"));
        }
        else if (expiresOn < today)
        {
            errors.Add(("ExpiresOn", "ConsentAlreadyExpired"));
        }

        if (recipientCount == 0)
        {
            errors.Add(("Recipients", "ConsentRecipientRequired"));
        }

        return errors;
    }
}
