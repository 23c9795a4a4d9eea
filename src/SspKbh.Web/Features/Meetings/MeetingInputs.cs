using FluentValidation;
using SspKbh.Domain.Cases;
using SspKbh.Domain.Meetings;
using SspKbh.Web.Features.Cases;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Meetings;

public sealed class MeetingInput
{
    public DateOnly? Date { get; set; }

    public TimeOnly? StartTime { get; set; }

    public string? Place { get; set; }

    public bool IsExtraordinary { get; set; }
}

public sealed class MeetingInputValidator : AbstractValidator<MeetingInput>
{
    public MeetingInputValidator(DateOnly today)
    {
        RuleFor(x => x.Date).NotNull().WithMessage(Texts.Error_MeetingDateRequired)
            .GreaterThanOrEqualTo(today).WithMessage(Texts.Error_MeetingDateInPast);
        RuleFor(x => x.StartTime).NotNull().WithMessage(Texts.Error_MeetingTimeRequired);
        RuleFor(x => x.Place).NotEmpty().WithMessage(Texts.Error_MeetingPlaceRequired)
            .MaximumLength(Meeting.PlaceMaxLength).WithMessage(Texts.Validation_TooLong);
    }
}

public sealed class SeriesInput
{
    public int? IntervalDays { get; set; }

    public TimeOnly? DefaultStartTime { get; set; }

    public string? DefaultPlace { get; set; }

    public string? ConcurrencyStamp { get; set; }
}

public sealed class SeriesInputValidator : AbstractValidator<SeriesInput>
{
    public SeriesInputValidator()
    {
        RuleFor(x => x.IntervalDays).NotNull().WithMessage(Texts.Meeting_Validation_IntervalRange)
            .InclusiveBetween(MeetingSeries.MinIntervalDays, MeetingSeries.MaxIntervalDays).WithMessage(Texts.Meeting_Validation_IntervalRange);
        RuleFor(x => x.DefaultStartTime).NotNull().WithMessage(Texts.Error_MeetingTimeRequired);
        RuleFor(x => x.DefaultPlace).MaximumLength(Meeting.PlaceMaxLength).WithMessage(Texts.Validation_TooLong);
    }
}

public sealed class GeneralItemInput
{
    public string? Title { get; set; }

    public string? ConcurrencyStamp { get; set; }
}

public sealed class GeneralItemInputValidator : AbstractValidator<GeneralItemInput>
{
    public GeneralItemInputValidator()
    {
        RuleFor(x => x.Title).NotEmpty().WithMessage(Texts.Meeting_Validation_TitleRequired)
            .MaximumLength(AgendaItem.TitleMaxLength).WithMessage(Texts.Validation_TooLong);
    }
}

public sealed class CaseItemInput
{
    public int? CaseId { get; set; }

    public string? ConcurrencyStamp { get; set; }
}

public sealed class CaseItemInputValidator : AbstractValidator<CaseItemInput>
{
    public CaseItemInputValidator()
    {
        RuleFor(x => x.CaseId).NotNull().WithMessage(Texts.Meeting_Validation_CaseRequired);
    }
}

public sealed class GuestInput
{
    public string? Name { get; set; }

    public int? PartyId { get; set; }

    /// <summary>"true" or "false"; required, so nobody is an authority person by default.</summary>
    public bool? IsAuthorityPerson { get; set; }

    /// <summary>Optional: the guest's account, so the meeting shows in their "my meetings".</summary>
    public string? UserId { get; set; }
}

public sealed class GuestInputValidator : AbstractValidator<GuestInput>
{
    public GuestInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().When(x => string.IsNullOrWhiteSpace(x.UserId)).WithMessage(Texts.Meeting_Validation_GuestNameRequired)
            .MaximumLength(MeetingAttendee.NameMaxLength).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.PartyId).NotNull().When(x => string.IsNullOrWhiteSpace(x.UserId)).WithMessage(Texts.Validation_PartyRequired);
        RuleFor(x => x.IsAuthorityPerson).NotNull().When(x => string.IsNullOrWhiteSpace(x.UserId)).WithMessage(Texts.Meeting_Validation_GuestAuthorityRequired);
    }
}

public sealed class TextInput
{
    public string? Text { get; set; }
}

public sealed class TextInputValidator : AbstractValidator<TextInput>
{
    public TextInputValidator(int maxLength)
    {
        RuleFor(x => x.Text).NotEmpty().WithMessage(Texts.Meeting_Validation_TextRequired)
            .MaximumLength(maxLength).WithMessage(Texts.Validation_TooLong);
    }
}

/// <summary>The minutes of one agenda item.</summary>
/// <summary>
/// The minutes of one agenda item. A "change level" decision to level 3 or 4 carries the level 3–4 form (the
/// <see cref="LevelFormInput"/> fields) in place; a field left empty keeps what the case already has.
/// </summary>
public sealed class MinutesInput : LevelFormInput
{
    public string? Summary { get; set; }

    public MeetingDecision? Decision { get; set; }

    public string? DecisionText { get; set; }

    /// <summary>Decision "change level": the new level and why.</summary>
    public CaseLevel? NewLevel { get; set; }

    public string? LevelReason { get; set; }

    /// <summary>Decision "change level": the named lead the new level asks for; empty keeps the case's lead.</summary>
    public string? NewLeadUserId { get; set; }

    /// <summary>Decision "hand over to SSP+": the receiving group.</summary>
    public int? SspPlusGroupId { get; set; }

    /// <summary>Decision "close in SSP": why.</summary>
    public CloseReason? CloseReason { get; set; }

    /// <summary>Leader group: the overall goal and the sub-goals.</summary>
    public string? OverallGoal { get; set; }

    public string? GoalSchool { get; set; }

    public string? GoalLeisure { get; set; }

    public string? GoalHome { get; set; }

    public string? GoalCrime { get; set; }

    public string? ConcurrencyStamp { get; set; }
}

public sealed class MinutesInputValidator : AbstractValidator<MinutesInput>
{
    public MinutesInputValidator(bool caseItem)
    {
        RuleFor(x => x.Summary).MaximumLength(AgendaItem.SummaryMaxLength).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.DecisionText).MaximumLength(AgendaItem.DecisionTextMaxLength).WithMessage(Texts.Validation_TooLong);
        Include(new LevelFormInputValidator());
        if (!caseItem)
        {
            return;
        }

        RuleFor(x => x.Decision).NotNull().WithMessage(Texts.Meeting_Validation_DecisionRequired);
        RuleFor(x => x.DecisionText).NotEmpty().When(x => x.Decision == MeetingDecision.Other).WithMessage(Texts.Meeting_Validation_DecisionTextRequired);
        RuleFor(x => x.NewLevel).NotNull().When(x => x.Decision == MeetingDecision.ChangeLevel).WithMessage(Texts.Meeting_Validation_NewLevelRequired);
        RuleFor(x => x.LevelReason).NotEmpty().When(x => x.Decision == MeetingDecision.ChangeLevel).WithMessage(Texts.Meeting_Validation_LevelReasonRequired)
            .MaximumLength(2000).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.SspPlusGroupId).NotNull().When(x => x.Decision == MeetingDecision.HandOverToSspPlus).WithMessage(Texts.Case_Validation_HandoverGroupRequired);
        RuleFor(x => x.CloseReason).NotNull().When(x => x.Decision == MeetingDecision.CloseInSsp).WithMessage(Texts.Meeting_Validation_CloseReasonRequired);
        foreach (var goal in new System.Linq.Expressions.Expression<Func<MinutesInput, string?>>[] { x => x.OverallGoal, x => x.GoalSchool, x => x.GoalLeisure, x => x.GoalHome, x => x.GoalCrime })
        {
            RuleFor(goal).MaximumLength(2000).WithMessage(Texts.Validation_TooLong);
        }
    }
}
