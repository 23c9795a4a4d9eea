using FluentValidation;
using SspKbh.Web.Resources;

namespace SspKbh.Web.Features.Conversations;

public sealed class CreateConversationInput
{
    public string? ResponsibleUserId { get; set; }

    public string? ConcurrencyStamp { get; set; }
}

public sealed class CreateConversationInputValidator : AbstractValidator<CreateConversationInput>
{
    public CreateConversationInputValidator()
    {
        RuleFor(x => x.ResponsibleUserId).NotEmpty().WithMessage(Texts.Conversation_Validation_ResponsibleRequired);
    }
}

/// <summary>The steps a record moves through (the buttons on the overview page).</summary>
public enum ConversationStep
{
    Prepared = 1,
    Held = 2,
    FollowedUp = 3,
    Journalised = 4,
    Declined = 5,
    Cancelled = 6,
}

public sealed class StatusChangeInput
{
    public ConversationStep Step { get; set; }

    /// <summary>The day the step happened (today when empty).</summary>
    public DateOnly? Date { get; set; }

    /// <summary>Where it was journalised (for <see cref="ConversationStep.Journalised"/>).</summary>
    public string? Reference { get; set; }

    /// <summary>Why it was cancelled (for <see cref="ConversationStep.Cancelled"/>).</summary>
    public string? Reason { get; set; }

    public string? ConcurrencyStamp { get; set; }
}
