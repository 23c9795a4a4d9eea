using FluentValidation;
using SspKbh.Domain.Cases;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Cases;

/// <summary>The level 3–4 form fields as posted by a form (base of the inputs that can set a level).</summary>
public abstract class LevelFormInput
{
    public string? FormOffenceSituation { get; set; }

    public string? FormSchool { get; set; }

    public string? FormLeisure { get; set; }

    public string? FormHome { get; set; }

    public string? FormNetwork { get; set; }

    public string? FormTriedSoFar { get; set; }

    public LevelForm ToLevelForm() => new(FormOffenceSituation, FormSchool, FormLeisure, FormHome, FormNetwork, FormTriedSoFar);
}

/// <summary>Length checks of the level 3–4 form fields; whether they are required is a domain rule.</summary>
public sealed class LevelFormInputValidator : AbstractValidator<LevelFormInput>
{
    public LevelFormInputValidator()
    {
        RuleFor(x => x.FormOffenceSituation).MaximumLength(4000).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.FormSchool).MaximumLength(4000).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.FormLeisure).MaximumLength(4000).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.FormHome).MaximumLength(4000).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.FormNetwork).MaximumLength(4000).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.FormTriedSoFar).MaximumLength(4000).WithMessage(Texts.Validation_TooLong);
    }
}

/// <summary>The registration form: the young person (or an existing one), the concern and the lead.</summary>
public sealed class RegisterCaseInput : LevelFormInput
{
    /// <summary>Set when the user chose an already registered young person.</summary>
    public int? ExistingPersonId { get; set; }

    public string? FullName { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    public string? Cpr { get; set; }

    public string? Address { get; set; }

    public string? School { get; set; }

    public string? Club { get; set; }

    public int? LocalAreaId { get; set; }

    public string? Custody1Name { get; set; }

    public string? Custody1Relation { get; set; }

    public string? Custody1Phone { get; set; }

    public string? Custody1Email { get; set; }

    public string? Custody2Name { get; set; }

    public string? Custody2Relation { get; set; }

    public string? Custody2Phone { get; set; }

    public string? Custody2Email { get; set; }

    public CaseLevel? Level { get; set; }

    public CaseSource? Source { get; set; }

    public int? RaisedByPartyId { get; set; }

    public string? RaisedByName { get; set; }

    public DateOnly? RaisedOn { get; set; }

    public string? Concern { get; set; }

    /// <summary>Null: the default lead party of the level.</summary>
    public int? LeadPartyId { get; set; }

    public string? LeadUserId { get; set; }

    public string? LeadOverrideReason { get; set; }

    /// <summary>Set when the case is registered from a concern handed over at a meeting.</summary>
    public int? HandedOverConcernId { get; set; }

    /// <summary>The user has seen the possible duplicates (same name, birth date within a year) and says this is another young person.</summary>
    public bool NewPersonConfirmed { get; set; }

    /// <summary>Why the chosen young person needs a case beside the open one(s); required only then.</summary>
    public string? SecondCaseReason { get; set; }
}

/// <summary>Shape checks; rules that need the database (duplicates, scope, lead party) are in the service.</summary>
public sealed class RegisterCaseInputValidator : AbstractValidator<RegisterCaseInput>
{
    public RegisterCaseInputValidator(DateOnly today)
    {
        When(x => x.ExistingPersonId is null, () =>
        {
            RuleFor(x => x.FullName).NotEmpty().WithMessage(Texts.Validation_NameRequired).MaximumLength(200).WithMessage(Texts.Validation_TooLong);
            RuleFor(x => x.DateOfBirth).NotNull().WithMessage(Texts.Case_Validation_BirthDateRequired)
                .Must(d => d is null || YoungPersonRules.CheckDateOfBirth(d.Value, today) is null).WithMessage(Texts.Case_Validation_BirthDateInvalid);
            RuleFor(x => x.Cpr).Must(c => string.IsNullOrWhiteSpace(c) || CprNumber.TryParse(c, out _)).WithMessage(Texts.Case_Validation_CprInvalid);
            RuleFor(x => x).Must(x => string.IsNullOrWhiteSpace(x.Cpr) || x.DateOfBirth is null || !CprNumber.TryParse(x.Cpr, out var cpr) || cpr.DateOfBirth == x.DateOfBirth)
                .WithName(nameof(RegisterCaseInput.Cpr)).OverridePropertyName(nameof(RegisterCaseInput.Cpr)).WithMessage(Texts.Case_Validation_CprBirthDateMismatch);
            RuleFor(x => x.LocalAreaId).NotNull().WithMessage(Texts.Case_Validation_AreaRequired);
            RuleFor(x => x.Address).MaximumLength(300).WithMessage(Texts.Validation_TooLong);
            RuleFor(x => x.School).MaximumLength(200).WithMessage(Texts.Validation_TooLong);
            RuleFor(x => x.Club).MaximumLength(200).WithMessage(Texts.Validation_TooLong);
            RuleFor(x => x.Custody1Name).MaximumLength(200).WithMessage(Texts.Validation_TooLong);
            RuleFor(x => x.Custody2Name).MaximumLength(200).WithMessage(Texts.Validation_TooLong);
            RuleFor(x => x.Custody1Relation).MaximumLength(100).WithMessage(Texts.Validation_TooLong);
            RuleFor(x => x.Custody2Relation).MaximumLength(100).WithMessage(Texts.Validation_TooLong);
            RuleFor(x => x.Custody1Phone).MaximumLength(50).WithMessage(Texts.Validation_TooLong);
            RuleFor(x => x.Custody2Phone).MaximumLength(50).WithMessage(Texts.Validation_TooLong);
            RuleFor(x => x.Custody1Email).MaximumLength(256).WithMessage(Texts.Validation_TooLong)
                .EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.Custody1Email)).WithMessage(Texts.Validation_EmailFormat);
            RuleFor(x => x.Custody2Email).MaximumLength(256).WithMessage(Texts.Validation_TooLong)
                .EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.Custody2Email)).WithMessage(Texts.Validation_EmailFormat);
        });

        RuleFor(x => x.Level).NotNull().WithMessage(Texts.Case_Validation_LevelRequired)
            .Must(l => l is null || Enum.IsDefined(l.Value)).WithMessage(Texts.Case_Validation_LevelRequired);
        RuleFor(x => x.Source).NotNull().WithMessage(Texts.Case_Validation_SourceRequired)
            .Must(s => s is null || Enum.IsDefined(s.Value)).WithMessage(Texts.Case_Validation_SourceRequired);
        RuleFor(x => x.RaisedByPartyId).NotNull().WithMessage(Texts.Validation_PartyRequired);
        RuleFor(x => x.RaisedByName).MaximumLength(200).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.RaisedOn).NotNull().WithMessage(Texts.Case_Validation_RaisedOnRequired)
            .Must(d => d is null || d.Value <= today).WithMessage(Texts.Case_Validation_RaisedOnFuture);
        RuleFor(x => x.Concern).NotEmpty().WithMessage(Texts.Case_Validation_ConcernRequired).MaximumLength(4000).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.LeadOverrideReason).MaximumLength(1000).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.SecondCaseReason).MaximumLength(1000).WithMessage(Texts.Validation_TooLong);
        Include(new LevelFormInputValidator());
    }
}
