using FluentValidation;
using SspKbh.Domain.Cases;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Cases;

public sealed class LevelChangeInput : LevelFormInput
{
    public CaseLevel? Level { get; set; }

    public string? Reason { get; set; }

    /// <summary>Null: the default lead party of the new level.</summary>
    public int? LeadPartyId { get; set; }

    public string? LeadUserId { get; set; }

    public string? LeadOverrideReason { get; set; }

    public string? ConcurrencyStamp { get; set; }
}

public sealed class LevelChangeInputValidator : AbstractValidator<LevelChangeInput>
{
    public LevelChangeInputValidator()
    {
        RuleFor(x => x.Level).NotNull().WithMessage(Texts.Case_Validation_LevelRequired)
            .Must(l => l is null || Enum.IsDefined(l.Value)).WithMessage(Texts.Case_Validation_LevelRequired);
        RuleFor(x => x.Reason).NotEmpty().WithMessage(Texts.Error_LevelChangeNeedsReason).MaximumLength(2000).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.LeadOverrideReason).MaximumLength(1000).WithMessage(Texts.Validation_TooLong);
        Include(new LevelFormInputValidator());
    }
}

public sealed class GoalsInput
{
    public string? OverallGoal { get; set; }

    public string? GoalSchool { get; set; }

    public string? GoalLeisure { get; set; }

    public string? GoalHome { get; set; }

    public string? GoalCrime { get; set; }

    public string? ConcurrencyStamp { get; set; }
}

public sealed class GoalsInputValidator : AbstractValidator<GoalsInput>
{
    public GoalsInputValidator()
    {
        RuleFor(x => x.OverallGoal).MaximumLength(2000).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.GoalSchool).MaximumLength(2000).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.GoalLeisure).MaximumLength(2000).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.GoalHome).MaximumLength(2000).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.GoalCrime).MaximumLength(2000).WithMessage(Texts.Validation_TooLong);
    }
}

public sealed class StatusInput
{
    public CaseStatus? Status { get; set; }

    public CloseReason? CloseReason { get; set; }

    public string? Reason { get; set; }

    public string? ConcurrencyStamp { get; set; }
}

public sealed class StatusInputValidator : AbstractValidator<StatusInput>
{
    public StatusInputValidator()
    {
        RuleFor(x => x.Status).NotNull().WithMessage(Texts.Case_Validation_StatusRequired)
            .Must(s => s is null || Enum.IsDefined(s.Value)).WithMessage(Texts.Case_Validation_StatusRequired);
        RuleFor(x => x.CloseReason).Must(r => r is null || Enum.IsDefined(r.Value)).WithMessage(Texts.Error_CloseNeedsReason);
        RuleFor(x => x.Reason).MaximumLength(2000).WithMessage(Texts.Validation_TooLong);
    }
}

public sealed class HandoverInput
{
    public DateOnly? HandoverOn { get; set; }

    public int? GroupId { get; set; }

    public string? ConcurrencyStamp { get; set; }
}

public sealed class HandoverInputValidator : AbstractValidator<HandoverInput>
{
    public HandoverInputValidator()
    {
        RuleFor(x => x.HandoverOn).NotNull().WithMessage(Texts.Case_Validation_HandoverDateRequired);
        RuleFor(x => x.GroupId).NotNull().WithMessage(Texts.Case_Validation_HandoverGroupRequired);
    }
}

public sealed class ActionInput
{
    public string? What { get; set; }

    public string? OwnerUserId { get; set; }

    public string? OwnerName { get; set; }

    public int? OwnerPartyId { get; set; }

    public DateOnly? DueOn { get; set; }
}

public sealed class ActionInputValidator : AbstractValidator<ActionInput>
{
    public ActionInputValidator()
    {
        RuleFor(x => x.What).NotEmpty().WithMessage(Texts.Case_Validation_ActionWhatRequired).MaximumLength(1000).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.OwnerName).NotEmpty().When(x => string.IsNullOrWhiteSpace(x.OwnerUserId)).WithMessage(Texts.Case_Validation_ActionOwnerRequired)
            .MaximumLength(200).WithMessage(Texts.Validation_TooLong);
        RuleFor(x => x.OwnerPartyId).NotNull().WithMessage(Texts.Validation_PartyRequired);
        RuleFor(x => x.DueOn).NotNull().WithMessage(Texts.Case_Validation_ActionDueRequired);
    }
}

public sealed class NoteInput
{
    public DateOnly? NoteDate { get; set; }

    public string? Text { get; set; }
}

public sealed class NoteInputValidator : AbstractValidator<NoteInput>
{
    public NoteInputValidator(DateOnly today)
    {
        RuleFor(x => x.NoteDate).NotNull().WithMessage(Texts.Case_Validation_NoteDateRequired)
            .Must(d => d is null || d.Value <= today).WithMessage(Texts.Case_Validation_RaisedOnFuture);
        RuleFor(x => x.Text).NotEmpty().WithMessage(Texts.Case_Validation_NoteTextRequired).MaximumLength(8000).WithMessage(Texts.Validation_TooLong);
    }
}

public sealed class FactorsInput
{
    /// <summary>
    /// Ticked factors, keyed by factor code. Form binding sets null when no box is ticked (no
    /// <c>Input.Factors[...]</c> field is posted), which means none.
    /// </summary>
    public Dictionary<string, bool> Factors { get; set => field = value ?? new(StringComparer.Ordinal); } = new(StringComparer.Ordinal);

    /// <summary>Notes keyed by <see cref="FactorDomain"/> name (null from form binding means none).</summary>
    public Dictionary<string, string?> Notes { get; set => field = value ?? new(StringComparer.Ordinal); } = new(StringComparer.Ordinal);

    public string? ConcurrencyStamp { get; set; }
}

public sealed class FactorsInputValidator : AbstractValidator<FactorsInput>
{
    public FactorsInputValidator()
    {
        RuleFor(x => x.Factors).Must(f => f.Keys.All(RiskFactorChecklist.IsKnown)).WithMessage(Texts.Factors_Unknown);
        RuleFor(x => x.Notes).Must(n => n.Keys.All(k => Enum.TryParse<FactorDomain>(k, out var d) && Enum.IsDefined(d) && !int.TryParse(k, out _)))
            .WithMessage(Texts.Factors_Unknown)
            .Must(n => n.Values.All(v => v is null || v.Length <= 2000)).WithMessage(Texts.Validation_TooLong);
    }
}
