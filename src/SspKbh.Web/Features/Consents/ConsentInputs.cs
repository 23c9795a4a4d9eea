using System.Globalization;
using FluentValidation;
using SspKbh.Domain.Consents;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Consents;

/// <summary>A consent as shown on the case: who gave it, what it covers, for whom and how long.</summary>
public sealed record ConsentView(
    int Id,
    ConsentGiver GivenBy,
    string? CustodyHolderName,
    ConsentInformation Information,
    ConsentPurpose Purpose,
    IReadOnlyList<string> Recipients,
    DateOnly GivenOn,
    DateOnly ExpiresOn,
    DateOnly? WithdrawnOn,
    ConsentState State,
    string RecordedBy,
    string ConcurrencyStamp);

public sealed class ConsentInput
{
    public ConsentGiver? GivenBy { get; set; }

    public int? CustodyHolderId { get; set; }

    public bool IncludeIdentity { get; set; }

    public bool IncludeGoalsAndActions { get; set; }

    public ConsentPurpose? Purpose { get; set; }

    public DateOnly? GivenOn { get; set; }

    public DateOnly? ExpiresOn { get; set; }

    /// <summary>Ticked parties, keyed by party id. Never null: the form binder sets null when none is ticked.</summary>
    public Dictionary<string, bool> Parties { get; set => field = value ?? new(StringComparer.Ordinal); } = new(StringComparer.Ordinal);

    /// <summary>Ticked named persons, keyed by user id.</summary>
    public Dictionary<string, bool> Persons { get; set => field = value ?? new(StringComparer.Ordinal); } = new(StringComparer.Ordinal);

    public ConsentInformation Information =>
        (IncludeIdentity ? ConsentInformation.Identity : ConsentInformation.None) |
        (IncludeGoalsAndActions ? ConsentInformation.GoalsAndActions : ConsentInformation.None);
}

public sealed class ConsentInputValidator : AbstractValidator<ConsentInput>
{
    /// <summary>More recipients than the form could offer (it lists at most 500 persons and the parties).</summary>
    private const int MaxChoices = 1000;

    public ConsentInputValidator()
    {
        RuleFor(x => x.GivenBy).NotNull().WithMessage(Texts.Error_ConsentGiverRequired)
            .Must(g => g is null || Enum.IsDefined(g.Value)).WithMessage(Texts.Error_ConsentGiverRequired);
        RuleFor(x => x.Purpose).NotNull().WithMessage(Texts.Error_ConsentPurposeRequired)
            .Must(p => p is null || Enum.IsDefined(p.Value)).WithMessage(Texts.Error_ConsentPurposeRequired);
        RuleFor(x => x.GivenOn).NotNull().WithMessage(Texts.Error_ConsentGivenOnRequired);
        RuleFor(x => x.ExpiresOn).NotNull().WithMessage(Texts.Error_ConsentExpiresOnRequired);
        RuleFor(x => x.CustodyHolderId).NotNull().When(x => x.GivenBy == ConsentGiver.CustodyHolder).WithMessage(Texts.Error_ConsentCustodyHolderRequired);
        RuleFor(x => x.ExpiresOn).Must((x, expires) => x.GivenOn is null || expires is null || expires >= x.GivenOn)
            .WithMessage(Texts.Error_ConsentExpiresBeforeGiven);
        RuleFor(x => x.IncludeIdentity).Must((x, identity) => identity || x.IncludeGoalsAndActions).WithMessage(Texts.Error_ConsentInformationRequired);
        RuleFor(x => x.Parties).Must((x, parties) => parties.Values.Any(v => v) || x.Persons.Values.Any(v => v)).WithMessage(Texts.Error_ConsentRecipientRequired);
        // The form offers party ids and user ids only; anything else (a forged key, thousands of them) is no recipient.
        RuleFor(x => x.Parties).Must(parties => parties.Count <= MaxChoices && parties.Keys.All(k => k.Length <= 10 && int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            .WithMessage(Texts.Error_ConsentUnknownRecipient);
        RuleFor(x => x.Persons).Must(persons => persons.Count <= MaxChoices && persons.Keys.All(k => k.Length is > 0 and <= 450))
            .WithMessage(Texts.Error_ConsentUnknownRecipient);
    }
}
